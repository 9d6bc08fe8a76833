"""The committed bad-file corpus: each case asserts the exact file, row, column and code raised."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from linkstar_analytics.io.validation import format_issue, load_folder

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"


@pytest.fixture
def load_case(tmp_path: Path, make_good_dataset):
    def load(case: str, drop: tuple[str, ...] = ()):
        return _load(make_good_dataset(tmp_path / case), case, drop)
    return load


def _load(folder: Path, case: str, drop: tuple[str, ...]):
    for name in drop:
        (folder / f"{name}.csv").unlink()
    for f in (BAD / case).iterdir():
        shutil.copy(f, folder / f.name)
    return load_folder(folder)


def where(result) -> list[tuple]:
    return [(i.file, i.row, i.column, i.code, i.severity) for i in result.issues]


def test_wrong_columns_suggests_the_schema_name(load_case):
    r = load_case("wrong_columns")
    assert where(r) == [("sales.csv", 1, "qty", "unknown_column", "warning"),
                        ("sales.csv", 1, "units", "missing_column", "error")]
    missing = r.errors[0]
    assert "did you mean 'units'?" in missing.message
    assert "rename the column 'qty' to 'units'" in missing.fix
    assert "date, sku, units" in missing.fix
    assert not r.ok


def test_gbk_file_with_chinese_headers_and_names(load_case):
    r = load_case("gbk_chinese")
    assert where(r) == [("sales.csv", 3, "channel", "not_allowed", "error")]
    assert "'直播间'" in r.issues[0].message
    assert r.tables["skus"]["name"].tolist()[:2] == ["台灯 桌面护眼", "收纳盒"]
    sales = r.tables["sales"]
    assert sales["units"].tolist() == [3.0, 5.0, 2.0]
    assert sales["date"].tolist()[0] == pd.Timestamp("2026-09-01")


def test_utf8_bom_header_and_case_of_allowed_values(load_case):
    r = load_case("utf8_bom")
    assert r.issues == [] and r.ok
    sales = r.tables["sales"]
    assert list(sales.columns[:3]) == ["date", "sku", "units"]
    assert sales["region"].tolist() == ["US", "UK"]
    assert sales["channel"].tolist() == ["shop", "live"]


def test_blank_rows_are_skipped_and_rows_keep_file_numbers(load_case):
    r = load_case("blank_rows")
    assert where(r) == [("sales.csv", 4, None, "blank_row", "warning"),
                        ("sales.csv", 6, None, "blank_row", "warning"),
                        ("sales.csv", 7, "units", "wrong_type", "error")]
    assert len(r.tables["sales"]) == 4


def test_negative_units_message_and_fix(load_case):
    r = load_case("negative_units")
    assert where(r) == [("sales.csv", 3, "units", "negative_value", "error")]
    assert format_issue(r.issues[0]) == (
        "sales.csv, row 3, column 'units': -3 is negative. "
        "Fix: enter units sold as 0 or more (returns go in a separate file).")


def test_duplicate_sku_date_region_channel(load_case):
    r = load_case("duplicate_dates")
    assert where(r) == [("sales.csv", 4, None, "duplicate_key", "error")]
    assert "first on row 2" in r.issues[0].message
    assert "date 2026-09-01" in r.issues[0].message


def test_three_date_formats_in_one_column(load_case):
    r = load_case("date_formats")
    assert r.issues == []
    assert r.tables["sales"]["date"].tolist() == [pd.Timestamp(d) for d in
                                                  ("2026-09-01", "2026-09-02", "2026-09-25", "2026-09-03")]


def test_ambiguous_day_month_is_one_error_naming_the_column(load_case):
    r = load_case("ambiguous_dates")
    assert where(r) == [("sales.csv", 3, "date", "ambiguous_date", "error")]
    assert "YYYY-MM-DD" in r.issues[0].fix and "'date'" in r.issues[0].fix


def test_unknown_skus_and_warehouses_across_tables(load_case):
    r = load_case("unknown_skus")
    assert where(r) == [("sales.csv", 3, "sku", "unknown_reference", "error"),
                        ("sales.csv", 4, "sku", "unknown_reference", "error"),
                        ("stock.csv", 3, "warehouse_id", "unknown_reference", "error")]
    assert "did you mean 'SKU-A'?" in r.issues[1].message


def test_hostile_strings_are_kept_as_text_and_flagged(load_case):
    r = load_case("hostile_strings")
    assert r.ok
    assert where(r) == [("skus.csv", 2, "name", "formula_text", "warning"),
                        ("skus.csv", 3, "name", "formula_text", "warning"),
                        ("skus.csv", 4, "name", "formula_text", "warning"),
                        ("skus.csv", 5, "name", "control_characters", "warning")]
    names = r.tables["skus"]["name"].tolist()
    assert names == ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "@SUM(1+1)",
                     "Bell case", "'); DROP TABLE skus; --"]


def test_missing_values_in_required_columns(load_case):
    r = load_case("missing_values")
    assert where(r) == [("skus.csv", 3, "name", "missing_value", "error"),
                        ("skus.csv", 4, "unit_cost", "missing_value", "error")]


def test_wrong_types_out_of_range_and_not_allowed(load_case):
    r = load_case("wrong_types")
    assert where(r) == [("warehouses.csv", 3, "commission_rate_pct", "wrong_type", "error"),
                        ("warehouses.csv", 3, "consolidation_days_typ", "not_integer", "error"),
                        ("warehouses.csv", 3, "duty_rate_pct", "above_maximum", "error"),
                        ("warehouses.csv", 3, "fulfilment_mode", "not_allowed", "error")]
    # "100%" in a _pct column reads as 100.
    assert r.tables["warehouses"]["storage_peak_surcharge_pct"].iloc[0] == 100.0


def test_order_lines_aggregate_to_daily_sales(load_case):
    r = load_case("order_lines", drop=("sales",))
    assert r.ok, [format_issue(i) for i in r.issues]
    sales = r.tables["sales"]
    assert "order_lines" not in r.tables
    assert sales[["sku", "date", "region", "channel", "units"]].values.tolist() == [
        ["SKU-A", pd.Timestamp("2026-09-01"), "US", "shop", 3.0],
        ["SKU-A", pd.Timestamp("2026-09-02"), "US", "shop", 1.0],
        ["SKU-B", pd.Timestamp("2026-09-02"), "US", "live", 3.0],
    ]
    assert sales["revenue"].iloc[0] == pytest.approx(89.97)
    assert pd.isna(sales["revenue"].iloc[1])
