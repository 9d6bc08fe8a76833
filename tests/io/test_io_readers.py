"""Reading files: encodings, xlsx sheets and rows, uploads, the size limit."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from linkstar_analytics.io import readers
from linkstar_analytics.io.readers import Issue, decode_csv_bytes, format_issue, read_source, table_for_name
from linkstar_analytics.io.validation import load_folder, load_uploads


def uploads_of(folder: Path) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(folder.iterdir())]


def test_decode_prefers_utf8_then_gb18030():
    assert decode_csv_bytes("日期,销量\n".encode("utf-8")) == ("日期,销量\n", "utf-8-sig")
    assert decode_csv_bytes("\ufeffdate\n".encode("utf-8")) == ("date\n", "utf-8-sig")
    text, enc = decode_csv_bytes("日期,销量,收纳盒\n".encode("gbk"))
    assert (text, enc) == ("日期,销量,收纳盒\n", "gb18030")
    assert decode_csv_bytes("date\tsku\n".encode("utf-16")) == ("date\tsku\n", "utf-16")


@pytest.mark.parametrize("stem, table", [("sales", "sales"), (" Sales ", "sales"), ("\ufeffSKUS", "skus"),
                                         ("freight-lanes", "freight_lanes"), ("sales_2026_11", "sales"),
                                         ("notes", None), ("salesman", None)])
def test_table_for_name(stem, table):
    assert table_for_name(stem) == table


def test_format_issue_without_row_or_column():
    assert format_issue(Issue("skus.csv", None, None, "the dataset has no 'skus' table.", "add skus.csv.")) == \
        "skus.csv: the dataset has no 'skus' table. Fix: add skus.csv."


def test_semicolon_and_tab_delimited_csv(tmp_path, make_good_dataset, good_tables):
    folder = make_good_dataset(tmp_path / "d")
    frames = good_tables
    frames["sales"].to_csv(folder / "sales.csv", index=False, sep=";")
    frames["stock"].to_csv(folder / "stock.csv", index=False, sep="\t")
    r = load_folder(folder)
    assert r.ok and r.issues == []
    assert len(r.tables["sales"]) == 90 and len(r.tables["stock"]) == 4


def test_uploads_equal_folder(tmp_path, make_good_dataset):
    folder = make_good_dataset(tmp_path / "d")
    a, b = load_folder(folder), load_uploads(uploads_of(folder))
    assert a.ok and b.ok and a.files == b.files
    for name in a.tables:
        pd.testing.assert_frame_equal(a.tables[name], b.tables[name])


def test_upload_over_the_limit_is_one_clear_error(tmp_path, make_good_dataset, monkeypatch):
    folder = make_good_dataset(tmp_path / "d")
    big = folder / "sales.csv"
    with big.open("a") as fh:  # about 1.2 MB of valid rows
        for i in range(40_000):
            fh.write(f"2025-01-{i % 28 + 1:02d},SKU-A,1,US,shop\n")
    monkeypatch.setattr(readers, "MAX_UPLOAD_MB", 1.0)
    r = load_folder(folder)
    too_big = [i for i in r.issues if i.code == "file_too_large"]
    assert [(i.file, i.row, i.column, i.severity) for i in too_big] == [("sales.csv", None, None, "error")]
    assert "the limit is 1 MB" in too_big[0].message and "LINKSTAR_MAX_UPLOAD_MB" in too_big[0].fix
    assert not r.ok
    # The same bytes as an upload, with the limit given per call.
    monkeypatch.setattr(readers, "MAX_UPLOAD_MB", 200.0)
    up = load_uploads(uploads_of(folder), max_upload_mb=0.5)
    assert [i.code for i in up.issues if i.file == "sales.csv"][:1] == ["file_too_large"]


def _xlsx_bytes(rows: list[list[object]], sheet: str = "sales", extra_sheet: str | None = None,
                leading_blank_rows: int = 0) -> bytes:
    wb = Workbook()
    ws = wb.active
    if extra_sheet:
        ws.title = extra_sheet
        ws.append(["notes"])
        ws = wb.create_sheet(sheet)
    else:
        ws.title = sheet
    for _ in range(leading_blank_rows):
        ws.append([None])
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_sales_sheet_row_numbers_dates_and_serials(tmp_path, make_good_dataset):
    folder = make_good_dataset(tmp_path / "d")
    (folder / "sales.csv").unlink()
    rows = [["Date ", "SKU", "Units"],
            [dt.datetime(2026, 9, 1), "SKU-A", 3],
            [46267, "SKU-A", 4],                      # Excel serial for 2026-09-02
            ["2026-09-03", "SKU-B", 2.0],
            [dt.datetime(2026, 9, 4, 15, 30), "SKU-C", -1],
            ["=HYPERLINK(\"x\")", "SKU-C", 1]]
    (folder / "sales.xlsx").write_bytes(_xlsx_bytes(rows, extra_sheet="Readme", leading_blank_rows=1))
    r = load_folder(folder)
    assert [(i.file, i.row, i.column, i.code) for i in r.issues] == [
        ("sales.xlsx[sales]", 6, "units", "negative_value"),
        # A formula cell is never evaluated: with no value saved by Excel it reads as empty.
        ("sales.xlsx[sales]", 7, "date", "missing_value"),
    ]
    sales = r.tables["sales"]
    assert sales["date"].tolist()[:4] == [pd.Timestamp(d) for d in ("2026-09-01", "2026-09-02", "2026-09-03",
                                                                      "2026-09-04")]
    assert sales["units"].tolist()[:3] == [3.0, 4.0, 2.0]


def test_workbook_with_table_sheets_holds_a_whole_dataset(good_tables):
    frames = good_tables
    wb = Workbook()
    wb.remove(wb.active)
    for name, frame in frames.items():
        ws = wb.create_sheet(name)
        ws.append(list(frame.columns))
        for rec in frame.astype(object).itertuples(index=False):
            ws.append([None if v == "" else v for v in rec])
    buf = io.BytesIO()
    wb.save(buf)
    r = load_uploads([("dataset.xlsx", buf.getvalue())])
    assert r.ok, [format_issue(i) for i in r.issues]
    assert set(r.tables) == set(frames)
    assert r.tables["skus"]["has_battery"].tolist() == [True, False, False]


def test_unknown_file_name_is_a_warning_with_a_suggestion(tmp_path, make_good_dataset):
    folder = make_good_dataset(tmp_path / "d")
    (folder / "sales.csv").rename(folder / "sale.csv")
    r = load_folder(folder)
    codes = [(i.file, i.code, i.severity) for i in r.issues]
    assert ("sale.csv", "unknown_table", "warning") in codes
    assert ("sales.csv", "missing_table", "error") in codes
    assert "did you mean 'sales.csv'?" in next(i for i in r.issues if i.code == "unknown_table").message


def test_garbage_bytes_and_unsupported_files(tmp_path):
    r = load_uploads([("sales.xlsx", b"not a zip"), ("skus.xls", b"\xd0\xcf\x11\xe0")])
    codes = {(i.file, i.code) for i in r.issues}
    assert ("sales.xlsx", "unreadable_file") in codes
    assert ("skus.xls", "unsupported_file") in codes


def test_read_source_accepts_bytes_and_name_in_either_order():
    data = b"date,sku,units\n2026-09-01,SKU-A,1\n"
    a, _ = read_source((data, "sales.csv"))
    b, _ = read_source(("sales.csv", data))
    assert a[0].table == b[0].table == "sales"
    assert a[0].rows.tolist() == [2]


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0", "abc", ""])
def test_an_unusable_upload_limit_setting_falls_back_to_the_default(monkeypatch, value):
    monkeypatch.setenv("LINKSTAR_MAX_UPLOAD_MB", value)
    assert readers.upload_limit_mb() == readers.MAX_UPLOAD_MB
    tables, issues = read_source((b"date,sku,units\n2026-09-01,SKU-A,1\n", "sales.csv"))
    assert tables and not issues


def test_the_upload_limit_setting_is_used(monkeypatch):
    monkeypatch.setenv("LINKSTAR_MAX_UPLOAD_MB", "0.0001")  # 104 bytes
    _, issues = read_source((b"date,sku,units\n" + b"2026-09-01,SKU-A,1\n" * 10, "sales.csv"))
    assert [i.code for i in issues] == ["file_too_large"] and "the limit is 0.0001 MB" in issues[0].message
