from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from linkstar_analytics.report.sheet import (
    SHEET_COLUMNS,
    column_for_header,
    plan_sheet_frame,
    write_plan_csv,
    write_plan_xlsx,
)

HOSTILE_SKU = '=HYPERLINK("http://x","y")'
HOSTILE_NAME = "@SUM(A1)"

SUMMARY = {"Campaign": "BFCM-2026", "Service level": "95%", "Dataset version": "7", "Scenario name": "=cmd|'/c calc'!A1"}


# ---------------------------------------------------------------- plan_sheet_frame


def test_one_row_per_line_in_input_order_with_english_headers(lines, schedule):
    frame = plan_sheet_frame(lines, schedule, lang="en")
    assert len(frame) == len(lines)
    assert frame["SKU"].tolist() == lines["sku"].tolist()
    assert list(frame.columns) == [c.header("en", "USD") for c in SHEET_COLUMNS]
    assert "Landed cost / unit (USD)" in frame.columns
    assert "Landed cost total (USD)" in frame.columns
    assert "Target qty (after MOQ)" in frame.columns


def test_chinese_headers(lines, schedule):
    frame = plan_sheet_frame(lines, schedule, lang="zh")
    assert frame.columns[0] == "SKU"
    assert "目标备货量（MOQ取整后）" in frame.columns
    assert "单位到岸成本（USD）" in frame.columns
    assert frame.loc[2, "是否延误"] == "是"
    assert frame.loc[0, "商品名称"] == "保温杯 350ml"


def test_values_units_money_dates_and_late_flag(lines, schedule):
    frame = plan_sheet_frame(lines, schedule, lang="en")
    # whole units, half up
    assert frame["Forecast campaign demand (mean)"].tolist() == [100, 51, 3, 0]
    assert frame["Target qty (before MOQ)"].tolist() == [117, 60, 4, 0]
    assert frame["Target qty (after MOQ)"].tolist() == [120, 60, 12, 0]
    assert pd.isna(frame.loc[2, "Presale units"])
    assert frame["Landed cost / unit (USD)"].tolist() == [3.46, 4.1, 2.0, 1.25]
    assert frame["Stockout risk (%)"].tolist() == [5.0, 20.0, 1.0, 0.0]
    # schedule joined by key, not by position; the 3PL line has no schedule row -> blank
    assert frame.loc[0, "Production start (PO)"] == pd.Timestamp("2026-10-01")
    assert frame.loc[2, "Arrival at port"] == pd.Timestamp("2026-10-28")
    assert frame.loc[2, "Sellable from"] == pd.Timestamp("2026-11-02")
    assert pd.isna(frame.loc[1, "Departure"])
    assert frame["Late"].tolist() == ["No", None, "Yes", "No"]
    assert frame.loc[2, "Days late"] == 3
    assert frame["SKU"].tolist()[2] == "00123"


def test_inputs_are_not_changed(lines, schedule):
    before_l, before_s = lines.copy(deep=True), schedule.copy(deep=True)
    plan_sheet_frame(lines, schedule, lang="zh")
    pd.testing.assert_frame_equal(lines, before_l)
    pd.testing.assert_frame_equal(schedule, before_s)


def test_missing_optional_columns_are_blank_and_extras_ignored():
    frame = plan_sheet_frame(pd.DataFrame({"sku": ["A"], "warehouse_id": ["W"], "whatever": [1]}), None)
    assert len(frame.columns) == len(SHEET_COLUMNS)
    assert "whatever" not in frame.columns
    assert "Landed cost / unit" in frame.columns  # no currency known -> no suffix
    row = frame.iloc[0]
    assert row["SKU"] == "A"
    assert all(pd.isna(row[c]) for c in frame.columns if c not in ("SKU", "Warehouse"))


def test_schedule_columns_may_come_with_the_lines_and_under_alias_names():
    # the plan engine's own names: ship_by_date is the departure, arrival_date the sellable day
    lines = pd.DataFrame(
        {"sku": ["A"], "warehouse_id": ["W"], "po_date": ["2026-10-01"], "ship_by_date": ["2026-10-20"],
         "arrival_date": ["2026-11-02"], "days_late": [2], "currency": ["gbp"]}
    )
    frame = plan_sheet_frame(lines, None)
    assert frame.loc[0, "Production start (PO)"] == pd.Timestamp("2026-10-01")
    assert frame.loc[0, "Departure"] == pd.Timestamp("2026-10-20")
    assert frame.loc[0, "Sellable from"] == pd.Timestamp("2026-11-02")
    assert pd.isna(frame.loc[0, "Arrival at port"])  # the sellable day is never shown as an arrival
    assert frame.loc[0, "Late"] == "Yes"  # derived from days_late > 0
    assert "Landed cost total (GBP)" in frame.columns


def test_lines_dates_win_and_the_schedule_fills_the_rest(lines, schedule):
    with_dates = lines.assign(departure_date=pd.to_datetime(["2026-10-22", None, None, None]),
                              warehouse_arrival_date=pd.to_datetime(["2026-11-12", None, None, None]))
    frame = plan_sheet_frame(with_dates, schedule.assign(receiving_start=schedule["available_by"]))
    assert frame.loc[0, "Departure"] == pd.Timestamp("2026-10-22")  # the plan's own departure
    assert frame.loc[0, "Arrival at warehouse"] == pd.Timestamp("2026-11-12")
    assert frame.loc[0, "Production start (PO)"] == pd.Timestamp("2026-10-01")  # from the schedule


def test_codes_and_flags_in_words_in_both_languages(lines):
    coded = lines.assign(flags=["late_po;moq_raised", "", None, "key_sku"])
    en = plan_sheet_frame(coded, None, lang="en")
    assert en["Freight mode"].tolist() == ["Sea", "Air", "Express line", "Sea"]
    assert en["Fulfilment mode"].tolist() == ["FBT", "3PL", "FBT", "Self-ship"]
    assert en.loc[0, "Notes"] == "PO too late; Raised to MOQ" and pd.isna(en.loc[1, "Notes"])
    zh = plan_sheet_frame(coded, None, lang="zh")
    assert zh["头程方式"].tolist() == ["海运", "空运", "快递专线", "海运"]
    assert zh.loc[0, "备注"] == "下单已晚、按 MOQ 上调" and zh.loc[3, "备注"] == "重点 SKU"


def test_flag_lists_are_joined():
    lines = pd.DataFrame({"sku": ["A"], "warehouse_id": ["W"], "flags": [["late", "MOQ raised"]]})
    assert plan_sheet_frame(lines, None).loc[0, "Notes"] == "late; MOQ raised"


def test_mixed_currencies_get_a_currency_column(lines):
    mixed = lines.assign(currency=["USD", "USD", "GBP", "THB"])
    frame = plan_sheet_frame(mixed, None)
    assert "Landed cost / unit" in frame.columns
    assert frame["Currency"].tolist() == ["USD", "USD", "GBP", "THB"]


def test_currency_argument_overrides(lines):
    frame = plan_sheet_frame(lines, None, lang="zh", currency="cny")
    assert "到岸成本合计（CNY）" in frame.columns


def test_header_lookup_round_trips_for_both_languages():
    for col in SHEET_COLUMNS:
        for lang in ("en", "zh"):
            found, cur = column_for_header(col.header(lang, "EUR"))
            assert found is col
            assert cur == ("EUR" if col.kind == "money" else None)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"lines": pd.DataFrame({"sku": ["A"]})}, "warehouse_id"),
        ({"lines": pd.DataFrame({"sku": ["A"], "warehouse_id": ["W"], "qty_after_rounding": ["12x"]})}, "qty_after_rounding"),
        ({"lines": pd.DataFrame({"sku": ["A"], "warehouse_id": ["W"], "stockout_prob": [45.0]})}, "stockout_prob"),
        ({"lines": pd.DataFrame({"sku": ["A"], "warehouse_id": ["W"], "currency": ["US$"]})}, "currency"),
        ({"lines": pd.DataFrame({"sku": ["A"], "warehouse_id": ["W"]}), "lang": "fr"}, "lang"),
        (
            {
                "lines": pd.DataFrame({"sku": ["A"], "warehouse_id": ["W"]}),
                "schedule": pd.DataFrame({"sku": ["A", "A"], "warehouse_id": ["W", "W"]}),
            },
            "one schedule row",
        ),
        (
            {
                "lines": pd.DataFrame({"sku": ["A"], "warehouse_id": ["W"]}),
                "schedule": pd.DataFrame({"sku": ["A"], "warehouse_id": ["W"], "ship_by": ["next week"]}),
            },
            "ship_by",
        ),
        (
            {
                "lines": pd.DataFrame({"sku": ["A"], "warehouse_id": ["W"]}),
                "schedule": pd.DataFrame({"sku": ["A"], "warehouse_id": ["W"], "is_late": ["maybe"]}),
            },
            "is_late",
        ),
    ],
)
def test_errors_name_the_column(kwargs, match):
    lines = kwargs.pop("lines")
    schedule = kwargs.pop("schedule", None)
    with pytest.raises(ValueError, match=match):
        plan_sheet_frame(lines, schedule, **kwargs)


# ---------------------------------------------------------------- xlsx


def _load(data: bytes, **kw) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), **kw)


def test_xlsx_user_text_is_stored_as_strings_never_formulas(lines, schedule):
    data = write_plan_xlsx(plan_sheet_frame(lines, schedule), None, scenario_summary=SUMMARY, lang="en")
    ws = _load(data)["Plan"]
    assert ws["A3"].value == HOSTILE_SKU and ws["A3"].data_type == "s"
    assert ws["B3"].value == HOSTILE_NAME and ws["B3"].data_type == "s"
    assert ws["A4"].value == "00123" and ws["A4"].data_type == "s"  # leading zeros kept
    notes = ws.cell(row=5, column=len(SHEET_COLUMNS))
    assert notes.value == "=1+1" and notes.data_type == "s"
    # risky cells carry the quote-prefix style so editing them keeps them text
    assert ws["A3"].quotePrefix and ws["B3"].quotePrefix and not ws["A2"].quotePrefix
    formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    total_row = len(lines) + 3
    assert formulas and all(int("".join(ch for ch in f if ch.isdigit())) == total_row for f in formulas)
    scen = _load(data)["Scenario"]
    values = {scen.cell(row=r, column=1).value: scen.cell(row=r, column=2) for r in range(2, scen.max_row + 1)}
    assert values["Scenario name"].value == "=cmd|'/c calc'!A1"
    assert values["Scenario name"].data_type == "s"


def test_xlsx_layout_formats_and_totals(lines, schedule):
    frame = plan_sheet_frame(lines, schedule, lang="en")
    data = write_plan_xlsx(frame, None, scenario_summary=SUMMARY, lang="en", generated_at=datetime(2026, 11, 25, 12, 30))
    wb = _load(data)
    assert wb.sheetnames == ["Plan", "Scenario"]
    ws = wb["Plan"]
    headers = [c.value for c in ws[1]]
    assert headers == list(frame.columns)
    col = {h: i + 1 for i, h in enumerate(headers)}
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(row=1, column=len(headers)).column_letter}{len(lines) + 1}"
    qty = ws.cell(row=2, column=col["Target qty (after MOQ)"])
    assert qty.value == 120 and qty.number_format == "#,##0"
    money = ws.cell(row=2, column=col["Landed cost / unit (USD)"])
    assert money.value == pytest.approx(3.46) and money.number_format == '#,##0.00 "USD"'
    po = ws.cell(row=2, column=col["Production start (PO)"])
    assert po.value == datetime(2026, 10, 1) and po.number_format == "yyyy-mm-dd"
    assert ws.column_dimensions["B"].width > 10
    # Totals: after one blank row; SUBTOTAL formulas with cached values; P90 and unit cost not totalled
    total_row = len(lines) + 3
    assert ws.cell(row=total_row - 1, column=1).value is None
    assert ws.cell(row=total_row, column=1).value == "Total"
    after = ws.cell(row=total_row, column=col["Target qty (after MOQ)"])
    assert after.value.startswith("=SUBTOTAL(109,")
    assert ws.cell(row=total_row, column=col["Forecast campaign demand (P90)"]).value is None
    assert ws.cell(row=total_row, column=col["Landed cost / unit (USD)"]).value is None
    cached = _load(data, data_only=True)["Plan"]
    assert cached.cell(row=total_row, column=col["Target qty (after MOQ)"]).value == 192
    assert cached.cell(row=total_row, column=col["Landed cost total (USD)"]).value == pytest.approx(684.72)
    scen = wb["Scenario"]
    rows = {scen.cell(row=r, column=1).value: scen.cell(row=r, column=2).value for r in range(2, scen.max_row + 1)}
    assert rows["Dataset version"] == "7"
    assert rows["Campaign"] == "BFCM-2026"
    assert rows["Generated at (UTC)"] == "2026-11-25 12:30"
    assert rows["Plan rows"] == "4"


def test_xlsx_chinese_and_mixed_currency_totals(lines):
    frame = plan_sheet_frame(lines.assign(currency=["USD", "USD", "GBP", "THB"]), None, lang="zh")
    wb = _load(write_plan_xlsx(frame, None, scenario_summary={"活动": "双十二"}, lang="zh"))
    assert wb.sheetnames == ["备货计划", "方案参数"]  # sheet names in the reader's language
    ws = wb["备货计划"]
    headers = [c.value for c in ws[1]]
    assert "币种" in headers and "目标备货量（MOQ取整后）" in headers
    assert ws["B2"].value == "保温杯 350ml"
    total_row = len(lines) + 3
    assert ws.cell(row=total_row, column=1).value == "合计"
    money_col = headers.index("到岸成本合计") + 1
    assert ws.cell(row=total_row, column=money_col).value is None  # no sum across currencies
    assert wb["方案参数"]["A2"].value == "活动" and wb["方案参数"]["B2"].value == "双十二"


def test_xlsx_to_path_and_buffer(tmp_path, lines):
    frame = plan_sheet_frame(lines, None)
    path = tmp_path / "plan.xlsx"
    assert write_plan_xlsx(frame, path, scenario_summary={}, lang="en") is None
    buf = io.BytesIO()
    assert write_plan_xlsx(frame, buf, scenario_summary={}, lang="en") is None
    assert _load(path.read_bytes())["Plan"]["A2"].value == "MUG-01"
    assert _load(buf.getvalue())["Plan"]["A2"].value == "MUG-01"


def test_xlsx_empty_plan_still_writes_headers_and_totals():
    frame = plan_sheet_frame(pd.DataFrame({"sku": [], "warehouse_id": []}), None)
    ws = _load(write_plan_xlsx(frame, None, scenario_summary={}, lang="en"))["Plan"]
    assert ws["A1"].value == "SKU"
    assert ws["A3"].value == "Total"


def test_xlsx_bad_arguments(lines):
    frame = plan_sheet_frame(lines, None)
    with pytest.raises(ValueError, match="lang"):
        write_plan_xlsx(frame, None, scenario_summary={}, lang="de")
    with pytest.raises(TypeError, match="scenario_summary"):
        write_plan_xlsx(frame, None, scenario_summary=[("a", "b")], lang="en")


# ---------------------------------------------------------------- CSV


def test_csv_has_bom_prefixes_formula_cells_and_keeps_chinese(lines, schedule):
    frame = plan_sheet_frame(lines, schedule, lang="zh")
    data = write_plan_csv(frame, None)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back.columns) == list(frame.columns)
    assert back["SKU"].tolist() == ["MUG-01", "'" + HOSTILE_SKU, "00123", "LAMP-9"]
    assert back["商品名称"].tolist() == ["保温杯 350ml", "'" + HOSTILE_NAME, "'-2+3+cmd|' /C calc'!A0", "Desk lamp"]
    assert back["备注"].tolist() == ["", "<b>late</b>", "", "'=1+1"]
    assert back["目标备货量（MOQ取整后）"].tolist() == ["120", "60", "12", "0"]
    assert back["生产下单日（PO）"].tolist() == ["2026-10-01", "", "2026-10-03", "2026-10-05"]
    assert back["单位到岸成本（USD）"].tolist() == ["3.46", "4.1", "2", "1.25"]
    # no cell of the file starts with a formula trigger
    for row in back.itertuples(index=False):
        for cell in row:
            assert not str(cell).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_to_path_text_and_binary_buffers(tmp_path, lines):
    frame = plan_sheet_frame(lines, None, lang="zh")
    path = tmp_path / "plan.csv"
    assert write_plan_csv(frame, path) is None
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "保温杯".encode() in raw
    text = io.StringIO()
    write_plan_csv(frame, text)
    assert text.getvalue().startswith("\ufeffSKU,")
    binary = io.BytesIO()
    write_plan_csv(frame, binary)
    assert binary.getvalue() == raw
