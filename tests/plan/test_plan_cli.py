"""The ``plan`` command end to end on a small seeded sample dataset (ETS forecast inside)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from linkstar_analytics.cli import main
from linkstar_analytics.io.sample_data import generate_sample
from linkstar_analytics.plan.engine import LINE_COLUMNS
from linkstar_analytics.plan.scenario import Scenario


def test_plan_command_writes_one_row_per_sku_warehouse(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    for name, frame in generate_sample(n_skus=12, seed=5, end_date=date(2026, 10, 1)).items():
        frame.to_csv(data / f"{name}.csv", index=False)
    scen = tmp_path / "scenario.json"
    scen.write_text(Scenario(service_level_pct=97, display_currency="USD").to_json(), encoding="utf-8")
    out = tmp_path / "plan.csv"
    assert main(["plan", "--data", str(data), "--scenario", str(scen), "--out", str(out)]) == 0
    lines = pd.read_csv(out, dtype={"sku": str, "warehouse_id": str})
    assert list(lines.columns) == list(LINE_COLUMNS)
    assert len(lines) > 0
    assert lines.groupby(["sku", "region", "warehouse_id"]).size().max() == 1
    assert (lines["currency"] == "USD").all() and (lines["service_level_pct"] == 97).all()
    assert "wrote" in capsys.readouterr().out


def test_plan_command_reports_bad_input(tmp_path, capsys):
    assert main(["plan", "--data", str(tmp_path / "missing"), "--out", str(tmp_path / "x.csv")]) == 1
    assert "--data" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"service_level_pct": 150}', encoding="utf-8")
    (tmp_path / "d").mkdir()
    assert main(["plan", "--data", str(tmp_path / "d"), "--scenario", str(bad), "--out", str(tmp_path / "x.csv")]) == 1
    assert "service_level_pct" in capsys.readouterr().err
