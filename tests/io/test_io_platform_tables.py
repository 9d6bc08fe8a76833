"""The platform's tables (``fbt_quota``, ``platform_recommendation``): months, the rows left out with a warning, and
the round trip through the real DuckDB file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd

from linkstar_analytics.io import storage
from linkstar_analytics.io.readers import format_issue
from linkstar_analytics.io.validation import load_folder

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _load_case(name: str, tmp_path: Path, make_good_dataset):
    folder = make_good_dataset(tmp_path / name)
    for f in (BAD / name).iterdir():
        shutil.copy(f, folder / f.name)
    return load_folder(folder)


def test_quota_for_an_unknown_or_non_fbt_warehouse_names_file_row_column_and_fix_and_the_rest_imports(
        tmp_path, make_good_dataset):
    r = _load_case("quota_unknown_warehouse", tmp_path, make_good_dataset)
    where = [(i.file, i.row, i.column, i.code, i.severity) for i in r.issues]
    assert where == [("fbt_quota.csv", 3, "warehouse_id", "reference_row_dropped", "warning"),
                     ("fbt_quota.csv", 4, "warehouse_id", "quota_not_fbt", "warning")]
    assert r.ok  # the rest of the import goes through
    assert format_issue(r.issues[0]) == (
        "fbt_quota.csv, row 3, column 'warehouse_id': warehouse_id 'WH-MARS' is not in warehouses.csv: this row is "
        "left out, the rest of the file imports. Fix: add 'WH-MARS' to warehouses.csv, or correct the id (ids are "
        "case-sensitive).")
    assert format_issue(r.issues[1]) == (
        "fbt_quota.csv, row 4, column 'warehouse_id': warehouse_id 'US-3PL-1' is a 3PL warehouse: the platform's "
        "inbound quota applies only to FBT warehouses, so this row is left out (the rest of the file imports). "
        "Fix: give the quota of an FBT warehouse (e.g. 'US-FBT-1'), or delete the row.")
    for issue in r.issues:
        assert CJK.search(format_issue(issue, "zh"))
    quota = r.tables["fbt_quota"]
    assert quota["warehouse_id"].tolist() == ["US-FBT-1"]
    assert quota["month"].tolist() == [pd.Timestamp("2026-11-01")]
    assert len(r.tables["sales"]) == 90 and len(r.tables["skus"]) == 3


def test_quota_row_without_units_or_cbm_is_an_error_with_the_fix(tmp_path, make_good_dataset):
    r = _load_case("quota_no_measure", tmp_path, make_good_dataset)
    assert [(i.file, i.row, i.column, i.code) for i in r.errors] == [("fbt_quota.csv", 2, "quota_units", "quota_missing")]
    assert "quota_cbm" in format_issue(r.errors[0]) and "Fix:" in format_issue(r.errors[0])


def test_recommendation_for_an_unknown_sku_or_campaign_is_left_out_with_a_message(tmp_path, make_good_dataset):
    r = _load_case("recommendation_unknown_sku", tmp_path, make_good_dataset)
    assert [(i.row, i.column, i.code) for i in r.issues] == [(3, "sku", "reference_row_dropped"),
                                                             (4, "campaign_id", "reference_row_dropped")]
    assert r.ok
    assert "campaign_id 'PRIME-1999' is not in campaigns.csv" in format_issue(r.issues[1])
    rec = r.tables["platform_recommendation"]
    assert rec[["sku", "campaign_id", "recommended_units"]].values.tolist() == [["SKU-A", "BFCM-2026", 300.0]]


def test_a_month_may_be_written_as_yyyy_mm_or_any_day_of_it(tmp_path, make_good_dataset):
    folder = make_good_dataset(tmp_path / "months")
    (folder / "fbt_quota.csv").write_text(
        "warehouse_id,month,quota_units,quota_cbm\nUS-FBT-1,2026-11,500,\nUS-FBT-1,2026/12/15,,3.5\n"
        "US-FBT-1,2027年1月,100,1\nUS-FBT-1,2027-13,5,\n", encoding="utf-8")
    r = load_folder(folder)
    assert [(i.row, i.column, i.code) for i in r.errors] == [(5, "month", "bad_date")]
    assert "'2027-13' is not a valid date. Fix: write month as YYYY-MM" in format_issue(r.errors[0])
    typed = r.tables["fbt_quota"]
    assert typed["month"].iloc[:3].tolist() == [pd.Timestamp("2026-11-01"), pd.Timestamp("2026-12-01"),
                                                pd.Timestamp("2027-01-01")]


def test_platform_tables_round_trip_through_the_database(tmp_path, make_good_dataset):
    folder = make_good_dataset(tmp_path / "rt")
    (folder / "fbt_quota.csv").write_text(
        "warehouse_id,month,quota_units,quota_cbm\nUS-FBT-1,2026-11,500,\nUS-FBT-1,2026-12,,2.5\n", encoding="utf-8")
    (folder / "platform_recommendation.csv").write_text(
        "sku,campaign_id,region,warehouse_id,recommended_units\nSKU-A,BFCM-2026,US,,300\nSKU-B,BFCM-2026,,US-FBT-1,80\n",
        encoding="utf-8")
    r = load_folder(folder)
    assert r.ok, [format_issue(i) for i in r.errors]
    db = tmp_path / "rt.duckdb"
    conn = storage.connect(db)
    version = storage.save_dataset(conn, r.tables, name="platform", source_files=r.files, author="tests",
                                   activate=True)
    conn.close()
    conn = storage.connect(db, read_only=True)
    back = storage.load_dataset(conn, version)
    conn.close()
    for name in ("fbt_quota", "platform_recommendation"):
        pd.testing.assert_frame_equal(back[name].reset_index(drop=True), r.tables[name].reset_index(drop=True),
                                      check_dtype=False)
    assert back["fbt_quota"]["quota_cbm"].isna().tolist() == [True, False]
