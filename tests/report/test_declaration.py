"""The stock-up declaration: hand-built plan lines (the plan's future columns included), cartons, CBM and kg worked
by hand, dates from the plan or the schedule, zero lines out, words in both languages, the workbook."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from linkstar_analytics.report.declaration import (
    DECLARATION_COLUMNS,
    declaration_file_name,
    declaration_frame,
    declaration_totals,
    write_declaration_xlsx,
)

CAMPAIGN = "Black Friday / Cyber Monday 2026"


@pytest.fixture
def skus() -> pd.DataFrame:
    return pd.DataFrame({
        "sku": ["MUG-01", "00123", "LAMP-9", "CASE-2"],
        "name": ["保温杯 350ml", "Serum", "Desk lamp", "Phone case"],
        "case_pack_units": [24, 12, 10, 50],
        "weight_kg": [0.4, 0.1, 1.2, 0.05],
        "length_cm": [10.0, 5.0, 30.0, 18.0],
        "width_cm": [10.0, 5.0, 20.0, 10.0],
        "height_cm": [20.0, 12.0, 20.0, 2.0],
        "carton_length_cm": [40.0, 20.0, None, 40.0],
        "carton_width_cm": [30.0, 15.0, None, 30.0],
        "carton_height_cm": [25.0, 20.0, None, 20.0],
        "carton_gross_weight_kg": [12.5, 1.6, None, 3.0],
        "platform_product_id": ["1729000000000000001", "0172900000000000002", None, "1729000000000000004"],
        "platform_sku_id": ["1730000000000000001", "0173000000000000002", None, "1730000000000000004"],
        "barcode": ["6901234567892", None, "6901234567908", "6901234567915"],
        "hs_code": ["961700", "3304990000", "940520", None],
    })


@pytest.fixture
def plan_lines() -> pd.DataFrame:
    """Lines as the reworked plan will give them: presale units and its own schedule columns."""
    return pd.DataFrame({
        "sku": ["MUG-01", "00123", "LAMP-9", "CASE-2", "MUG-01", "CASE-2"],
        "name": ["保温杯 350ml", "Serum", "Desk lamp", "Phone case", "保温杯 350ml", "Phone case"],
        "region": ["US", "UK", "US", "US", "US", "US"],
        "warehouse_id": ["FBT-US", "FBT-UK", "FBT-US", "3PL-US", "3PL-US", "(none)"],
        "fulfilment_mode": ["FBT", "FBT", "FBT", "3PL", "3PL", None],
        "freight_mode": ["sea", "air", "sea", "express", "sea", None],
        "qty_after_rounding": [120.0, 36.0, 25.0, 0.0, 48.0, 0.0],
        "presale_units": [10.0, 0.0, 3.0, 0.0, 0.0, 0.0],
        "flags": ["moq_raised", "late_po", "", "", "key_sku;concentrated", ""],
        "departure_date": pd.to_datetime(["2026-10-20", "2026-11-01", "2026-10-20", None, "2026-10-18", None]),
        "warehouse_arrival_date": pd.to_datetime(["2026-11-14", "2026-11-09", "2026-11-14", None, "2026-11-12", None]),
        "sellable_date": pd.to_datetime(["2026-11-21", "2026-11-16", "2026-11-21", None, "2026-11-16", None]),
    })


def _col(key: str, lang: str = "en") -> str:
    return next(c for c in DECLARATION_COLUMNS if c.key == key).header(lang)


def test_one_row_per_ordering_line_grouped_by_warehouse(plan_lines, skus):
    wh = pd.DataFrame({"warehouse_id": ["FBT-US", "3PL-US", "FBT-UK"],
                       "name": ["FBT US", "3PL US West", "FBT UK"]})
    f = declaration_frame(plan_lines, skus, campaign_name=CAMPAIGN, warehouses=wh)
    assert list(f.columns) == [c.en for c in DECLARATION_COLUMNS]
    # zero lines and the unserved "(none)" row are out; warehouses in the table's order, lines in plan order
    assert list(zip(f[_col("warehouse_id")], f[_col("sku")])) == [
        ("FBT-US", "MUG-01"), ("FBT-US", "LAMP-9"), ("3PL-US", "MUG-01"), ("FBT-UK", "00123")]
    assert (f[_col("campaign")] == CAMPAIGN).all()
    assert f[_col("warehouse_name")].tolist() == ["FBT US", "FBT US", "3PL US West", "FBT UK"]
    assert f[_col("presale_units")].tolist() == [10, 3, 0, 0]


def test_cartons_cbm_and_kg_worked_by_hand(plan_lines, skus):
    f = declaration_frame(plan_lines, skus, campaign_name=CAMPAIGN).set_index(
        [_col("warehouse_id"), _col("sku")])
    mug = f.loc[("FBT-US", "MUG-01")]
    # 120 units / 24 per carton = 5 cartons; 5 x 40 x 30 x 25 cm = 5 x 0.030 m3 = 0.150 CBM; 5 x 12.5 kg = 62.5 kg
    assert mug[_col("cartons")] == 5 and mug[_col("cartons")] * mug[_col("case_pack_units")] == mug[_col("units")]
    assert mug[_col("total_cbm")] == pytest.approx(0.150)
    assert mug[_col("total_kg")] == pytest.approx(62.5)
    # 36 units / 12 = 3 cartons of 20 x 15 x 20 cm = 3 x 0.006 m3 = 0.018 CBM; 3 x 1.6 kg = 4.8 kg
    serum = f.loc[("FBT-UK", "00123")]
    assert serum[_col("cartons")] == 3
    assert serum[_col("total_cbm")] == pytest.approx(0.018) and serum[_col("total_kg")] == pytest.approx(4.8)
    # no carton size: 25 units x (30 x 20 x 20 cm = 0.012 m3) = 0.3 CBM, 25 x 1.2 kg = 30 kg; 25 / 10 = 3 cartons
    lamp = f.loc[("FBT-US", "LAMP-9")]
    assert lamp[_col("cartons")] == 3
    assert lamp[_col("total_cbm")] == pytest.approx(0.3) and lamp[_col("total_kg")] == pytest.approx(30.0)
    assert pd.isna(lamp[_col("carton_length_cm")])
    assert "No carton size" in lamp[_col("notes")] and "Last carton holds 5 units" in lamp[_col("notes")]
    assert declaration_totals(f.reset_index()) == pytest.approx(
        {"lines": 4, "units": 229, "cartons": 13, "cbm": 0.150 + 0.018 + 0.3 + 0.060, "kg": 62.5 + 4.8 + 30 + 25})


def test_ids_codes_and_notes_in_words_in_both_languages(plan_lines, skus):
    en = declaration_frame(plan_lines, skus, campaign_name=CAMPAIGN).set_index(_col("sku"))
    assert en.loc["00123", _col("platform_sku_id")] == "0173000000000000002"  # text: zeros and digits kept
    assert en.loc["00123", _col("freight_mode")] == "Air"
    assert en.loc["00123", _col("fulfilment_mode")] == "FBT"
    assert "PO too late" in en.loc["00123", _col("notes")]
    assert "No barcode" in en.loc["00123", _col("notes")]
    assert "Not listed on the platform yet" in en.loc["LAMP-9", _col("notes")]
    mug_3pl = en.loc[en[_col("warehouse_id")] == "3PL-US"].loc["MUG-01"]
    assert mug_3pl[_col("notes")] == "Key SKU; Concentrated in one warehouse"
    assert mug_3pl[_col("fulfilment_mode")] == "3PL"

    zh = declaration_frame(plan_lines, skus, campaign_name="黑五网一 2026", lang="zh").set_index(_col("sku", "zh"))
    assert list(zh.columns)[:2] == ["活动名称", "仓库"] and "箱数" in zh.columns and "总体积（m³）" in zh.columns
    assert zh.loc["00123", "头程方式"] == "空运" and "下单已晚" in zh.loc["00123", "备注"]
    assert zh.loc["LAMP-9", "备注"].startswith("尚未在平台上架")
    assert "最后一箱 5 件" in zh.loc["LAMP-9", "备注"]
    assert (zh["活动名称"] == "黑五网一 2026").all()


def test_dates_from_the_plan_then_the_schedule_and_late_lines_move(plan_lines, skus):
    f = declaration_frame(plan_lines, skus, campaign_name=CAMPAIGN).set_index([_col("warehouse_id"), _col("sku")])
    assert f.loc[("FBT-US", "MUG-01"), _col("departure")] == pd.Timestamp("2026-10-20")
    assert f.loc[("FBT-US", "MUG-01"), _col("warehouse_arrival")] == pd.Timestamp("2026-11-14")
    assert f.loc[("FBT-US", "MUG-01"), _col("sellable")] == pd.Timestamp("2026-11-21")

    # today's plan lines carry only po / ship-by / sellable dates: departure and warehouse arrival come from the
    # backward schedule (ship_by, receiving_start); a line 4 days late has its dates moved 4 days later
    today_lines = plan_lines.drop(columns=["departure_date", "warehouse_arrival_date", "sellable_date"]).assign(
        ship_by_date=pd.NaT)
    today_lines = today_lines.drop(columns=["ship_by_date"])
    schedule = pd.DataFrame({
        "sku": ["MUG-01", "00123"], "warehouse_id": ["FBT-US", "FBT-UK"],
        "ship_by": pd.to_datetime(["2026-10-21", "2026-10-28"]),
        "receiving_start": pd.to_datetime(["2026-11-13", "2026-11-04"]),
        "available_by": pd.to_datetime(["2026-11-20", "2026-11-11"]),
        "is_late": [False, True], "days_late": [0.0, 4.0],
    })
    g = declaration_frame(today_lines, skus, campaign_name=CAMPAIGN, schedule=schedule).set_index(
        [_col("warehouse_id"), _col("sku")])
    assert g.loc[("FBT-US", "MUG-01"), _col("departure")] == pd.Timestamp("2026-10-21")
    assert g.loc[("FBT-US", "MUG-01"), _col("warehouse_arrival")] == pd.Timestamp("2026-11-13")
    assert g.loc[("FBT-US", "MUG-01"), _col("sellable")] == pd.Timestamp("2026-11-20")
    late = g.loc[("FBT-UK", "00123")]
    assert late[_col("departure")] == pd.Timestamp("2026-11-01")
    assert late[_col("warehouse_arrival")] == pd.Timestamp("2026-11-08")
    assert late[_col("sellable")] == pd.Timestamp("2026-11-15")
    assert "Late by 4 days" in late[_col("notes")]
    assert pd.isna(g.loc[("FBT-US", "LAMP-9"), _col("departure")])  # no schedule row: blank, not invented


def test_missing_required_columns_are_named(plan_lines, skus):
    with pytest.raises(ValueError, match="qty_after_rounding"):
        declaration_frame(plan_lines.drop(columns=["qty_after_rounding"]), skus, campaign_name=CAMPAIGN)
    with pytest.raises(ValueError, match="case_pack_units"):
        declaration_frame(plan_lines, skus.drop(columns=["case_pack_units"]), campaign_name=CAMPAIGN)
    with pytest.raises(ValueError, match="lang"):
        declaration_frame(plan_lines, skus, campaign_name=CAMPAIGN, lang="fr")


def test_workbook_has_a_sheet_per_warehouse_with_totals_and_a_summary(plan_lines, skus):
    f = declaration_frame(plan_lines, skus, campaign_name=CAMPAIGN, lang="zh")
    data = write_declaration_xlsx(f, campaign_name=CAMPAIGN, summary={"数据集版本": "3"}, lang="zh",
                                  generated_at=datetime(2026, 11, 25, 9, 0))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["3PL-US", "FBT-UK", "FBT-US", "汇总"]  # no warehouses table: alphabetical
    ws = wb["FBT-US"]
    headers = [c.value for c in ws[1]]
    assert headers == [c.zh for c in DECLARATION_COLUMNS]
    ids = ws.cell(row=2, column=headers.index("平台 SKU ID") + 1)
    assert ids.value == "1730000000000000001" and ids.data_type == "s"
    assert ws.cell(row=2, column=1).value == CAMPAIGN
    total_row = 2 + 2 + 1  # two lines, one blank row, then the totals
    assert ws.cell(row=total_row, column=1).value == "合计"
    cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["FBT-US"]
    assert cached.cell(row=total_row, column=headers.index("箱数") + 1).value == 8
    assert cached.cell(row=total_row, column=headers.index("备货数量（件）") + 1).value == 145
    summary = {r[0].value: r[1].value for r in wb["汇总"].iter_rows(min_row=2)}
    assert summary["活动名称"] == CAMPAIGN and summary["数据集版本"] == "3"
    assert "箱数 8" in summary["FBT-US"] and summary["生成时间（UTC）"] == "2026-11-25 09:00"


def test_file_is_named_after_the_campaign_and_warehouse():
    assert declaration_file_name(CAMPAIGN, "FBT-US") == "stockup_declaration_Black_Friday_Cyber_Monday_2026_FBT-US.xlsx"
    assert declaration_file_name("双十二 年终大促", None, lang="zh") == "备货申报_双十二_年终大促.xlsx"
    assert declaration_file_name("../../etc/passwd", "x") == "stockup_declaration_etc_passwd_x.xlsx"


def test_campaign_stock_and_ordinary_stock_split_the_units(plan_lines, skus):
    """The plan's ordinary units (for the days before the campaign, not declared) come off the declared campaign
    stock, in whole units and never more than the line's units; lines without the column declare every unit."""
    lines = plan_lines.assign(ordinary_units=[30.2, 0.0, 40.0, 0.0, 0.0, 0.0])
    f = declaration_frame(lines, skus, campaign_name=CAMPAIGN).set_index([_col("warehouse_id"), _col("sku")])
    mug = f.loc[("FBT-US", "MUG-01")]
    assert (mug[_col("ordinary_units")], mug[_col("campaign_stock_units")]) == (31, 89)  # 30.2 -> 31 whole units
    lamp = f.loc[("FBT-US", "LAMP-9")]
    assert (lamp[_col("ordinary_units")], lamp[_col("campaign_stock_units")]) == (25, 0)  # capped at its 25 units
    assert (f[_col("campaign_stock_units")] + f[_col("ordinary_units")] == f[_col("units")]).all()
    plain = declaration_frame(plan_lines, skus, campaign_name=CAMPAIGN)
    assert (plain[_col("campaign_stock_units")] == plain[_col("units")]).all()
    assert (plain[_col("ordinary_units", "en")] == 0).all()
    zh = declaration_frame(lines, skus, campaign_name=CAMPAIGN, lang="zh")
    assert "活动库存（申报）" in zh.columns and "日常库存" in zh.columns
