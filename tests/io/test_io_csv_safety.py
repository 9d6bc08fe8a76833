"""Every CSV the project writes is formula-safe: the plan CLI's output, the project's CSV writer, and the
dashboard offers only its own table download (the built-in one is switched off)."""

from __future__ import annotations

import csv
import io
import tomllib
from datetime import date
from pathlib import Path

import pandas as pd

from linkstar_analytics.cli import main
from linkstar_analytics.io.sample_data import generate_sample
from linkstar_analytics.report.safe import FORMULA_TRIGGERS, write_safe_csv

REPO = Path(__file__).resolve().parents[2]
HOSTILE = ['=HYPERLINK("http://evil.example","click")', "@SUM(A1:A9)", "=cmd|' /C calc'!A0", "+1+1", "-2+3",
           "\tTab", "\rCR"]


def _cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def test_safe_csv_prefixes_every_formula_like_text_and_keeps_numbers():
    frame = pd.DataFrame({"name": HOSTILE, "units": [-5, 1, 2, 3, 4, 5, 6], "=header": ["ok"] * 7})
    text = write_safe_csv(frame).decode("utf-8")
    cells = _cells(text)
    assert not [c for c in cells if c.startswith(FORMULA_TRIGGERS) and not _is_number(c)], text
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in cells and "-5" in cells and "'=header" in cells
    buf = io.StringIO()
    write_safe_csv(frame, buf)
    assert buf.getvalue() == text


def test_plan_command_output_is_formula_safe(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    tables = generate_sample(n_skus=6, seed=3, end_date=date(2026, 10, 1))
    tables["skus"]["name"] = (HOSTILE * 2)[: len(tables["skus"])]
    for name, frame in tables.items():
        frame.to_csv(data / f"{name}.csv", index=False)
    out = tmp_path / "deep" / "plan.csv"
    assert main(["plan", "--data", str(data), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    cells = _cells(text)
    assert {c for c in cells if c.startswith("'")} & {"'" + h for h in HOSTILE}  # the names are there, as text
    assert not [c for c in cells if c.startswith(FORMULA_TRIGGERS) and not _is_number(c)]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_the_dashboards_built_in_table_download_is_off():
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True
