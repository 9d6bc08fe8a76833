from __future__ import annotations

import argparse
import io

import openpyxl
import pandas as pd
import pytest

from linkstar_analytics.commands import export


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    export.add_arguments(parser)
    return export.run(parser.parse_args(argv))


@pytest.fixture
def csv_inputs(tmp_path, lines, schedule):
    lines_path = tmp_path / "plan_lines.csv"
    schedule_path = tmp_path / "schedule.csv"
    lines.to_csv(lines_path, index=False, encoding="utf-8")
    schedule.assign(
        **{c: schedule[c].dt.strftime("%Y-%m-%d") for c in schedule.columns if str(schedule[c].dtype).startswith("datetime")}
    ).to_csv(schedule_path, index=False)
    return lines_path, schedule_path


def test_export_writes_xlsx_and_csv_in_chinese(tmp_path, csv_inputs, capsys):
    lines_path, schedule_path = csv_inputs
    out, out_csv = tmp_path / "out" / "plan.xlsx", tmp_path / "out" / "plan.csv"
    code = _run(
        ["--lines", str(lines_path), "--schedule", str(schedule_path), "--out", str(out), "--csv", str(out_csv),
         "--lang", "zh", "--summary", "活动=BFCM-2026", "--summary", "Service level=95%", "--dataset-version", "7"]
    )
    assert code == 0, capsys.readouterr().err
    assert "4 plan rows" in capsys.readouterr().out
    wb = openpyxl.load_workbook(out)
    ws = wb["备货计划"]
    assert ws["A1"].value == "SKU" and ws["B1"].value == "商品名称"
    assert ws["A3"].value == '=HYPERLINK("http://x","y")' and ws["A3"].data_type == "s"
    assert ws["A4"].value == "00123"  # read as text, leading zeros kept
    headers = [c.value for c in ws[1]]
    po = ws.cell(row=2, column=headers.index("生产下单日（PO）") + 1)
    assert po.value.strftime("%Y-%m-%d") == "2026-10-01"
    scen = {r[0].value: r[1].value for r in wb["方案参数"].iter_rows(min_row=2)}
    assert scen["活动"] == "BFCM-2026" and scen["Service level"] == "95%" and scen["数据集版本"] == "7"
    back = pd.read_csv(out_csv, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert back["SKU"].tolist()[1] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert out_csv.read_bytes().startswith(b"\xef\xbb\xbf")


def test_export_without_schedule(tmp_path, csv_inputs):
    lines_path, _ = csv_inputs
    out = tmp_path / "plan.xlsx"
    assert _run(["--lines", str(lines_path), "--out", str(out)]) == 0
    ws = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))["Plan"]
    assert ws["A1"].value == "SKU" and ws["B1"].value == "Product name"


def test_export_errors_name_the_problem(tmp_path, csv_inputs, capsys):
    lines_path, _ = csv_inputs
    assert _run(["--lines", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "x.xlsx")]) == 1
    assert "--lines: file not found" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("sku,warehouse_id,qty_after_rounding\nA,W,12x\n", encoding="utf-8")
    assert _run(["--lines", str(bad), "--out", str(tmp_path / "x.xlsx")]) == 1
    assert "qty_after_rounding" in capsys.readouterr().err
    assert _run(["--lines", str(lines_path), "--out", str(tmp_path / "x.xlsx"), "--summary", "novalue"]) == 1
    assert "NAME=VALUE" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()


def test_export_is_registered_in_the_cli():
    from linkstar_analytics import cli

    assert cli.COMMANDS["export"][0] == "export"


def test_export_through_the_cli_entry_point(tmp_path, csv_inputs):
    import importlib.util

    from linkstar_analytics import cli

    missing = [m for m, _ in cli.COMMANDS.values() if importlib.util.find_spec(f"linkstar_analytics.commands.{m}") is None]
    if missing:
        pytest.skip(f"command modules not present yet: {', '.join(missing)}")
    lines_path, schedule_path = csv_inputs
    out = tmp_path / "plan.xlsx"
    assert cli.main(["export", "--lines", str(lines_path), "--schedule", str(schedule_path), "--out", str(out)]) == 0
    assert openpyxl.load_workbook(out)["Plan"]["A2"].value == "MUG-01"


def test_export_writes_the_declaration_with_the_sku_master(tmp_path, csv_inputs, capsys):
    lines_path, schedule_path = csv_inputs
    skus = tmp_path / "skus.csv"
    skus.write_text(
        "sku,case_pack_units,carton_length_cm,carton_width_cm,carton_height_cm,carton_gross_weight_kg,platform_sku_id\n"
        "MUG-01,24,40,30,25,12.5,0173000000000000001\n00123,12,20,15,20,1.6,\n"
        "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",10,,,,,\nLAMP-9,1,,,,,\n",
        encoding="utf-8")
    out, decl = tmp_path / "plan.xlsx", tmp_path / "declaration.xlsx"
    code = _run(["--lines", str(lines_path), "--schedule", str(schedule_path), "--out", str(out),
                 "--declaration", str(decl), "--skus", str(skus), "--campaign-name", "Black Friday 2026"])
    assert code == 0, capsys.readouterr().err
    wb = openpyxl.load_workbook(decl)
    assert "Summary" in wb.sheetnames
    ws = wb["US-FBT-1"]
    headers = [c.value for c in ws[1]]
    row = [c.value for c in ws[2]]
    assert row[headers.index("Campaign")] == "Black Friday 2026"
    assert row[headers.index("Platform SKU ID")] == "0173000000000000001"  # text, zeros kept
    assert row[headers.index("Cartons")] == 5 and row[headers.index("Units")] == 120
    assert "declaration.xlsx" in capsys.readouterr().out


def test_export_declaration_needs_the_sku_master(tmp_path, csv_inputs, capsys):
    lines_path, _ = csv_inputs
    assert _run(["--lines", str(lines_path), "--out", str(tmp_path / "x.xlsx"),
                 "--declaration", str(tmp_path / "d.xlsx")]) == 1
    assert "--declaration needs --skus" in capsys.readouterr().err
