"""The Warehouse mix page's platform section: FBT quota per month, units over quota with their moves, and the plan
against the platform's recommended stock, in English and Chinese (the sample's Jan 2027 FBT-US quota is tight)."""

from __future__ import annotations

import re

CJK = re.compile(r"[\u4e00-\u9fff]")


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_mix_page_flags_units_over_quota_and_offers_the_move(app):
    at = app("mix", params={"c": "YEAREND-2026"})
    subheaders = [s.value for s in at.subheader]
    assert "FBT inbound quota" in subheaders and "Planned vs the platform's recommended stock" in subheaders
    over = _metric(at, "Units over quota")
    assert over.endswith(" units") and over != "0 units"
    assert any("exceed the inbound quota of their arrival month" in w.value for w in at.warning)
    tables = [df.value for df in at.dataframe]
    moves = next(f for f in tables if "landed_change_total" in f.columns)
    assert (moves["from_warehouse"] == "FBT-US").all()
    assert set(moves["to_mode"]) <= {"3PL overseas warehouse", "Self-ship"}
    assert _metric(at, "Landed cost change if moved").startswith("CNY ")
    realloc = next(f for f in tables if "units_after" in f.columns)
    assert realloc["units_before"].sum() == realloc["units_after"].sum()  # the move keeps the total
    assert realloc["moved_units"].sum() == 0 and (realloc["moved_units"] != 0).all()
    # the moves' effect on the plan: recomputed with their demand, FBT within its quota afterwards
    assert any(m.value == "**What the moves do to the plan**" for m in at.markdown)
    risk = next(f for f in tables if "stockout_units_after" in f.columns)
    assert set(risk["from_warehouse"]) == {"FBT-US"} and (risk["from_units_after"] < risk["from_units_before"]).all()
    head = next(f for f in tables if "With the moves" in f.columns)
    over_row = head.loc[head["Figure"] == "Units over quota"].iloc[0]
    assert over_row["With the moves"] == "0" and over_row["As planned"] != "0"
    gap = next(f for f in tables if "gap_pct" in f.columns)
    assert len(gap) > 0 and {"recommended_units", "planned_units", "gap_units"} <= set(gap.columns)


def test_mix_page_quota_section_in_chinese(app):
    at = app("mix", params={"c": "YEAREND-2026", "lang": "zh"})
    subheaders = [s.value for s in at.subheader]
    assert "FBT 入仓配额" in subheaders and "方案备货与平台建议备货对比" in subheaders
    assert _metric(at, "超出配额的件数").endswith(" 件")
    assert any("超出到仓月份的入仓配额" in w.value for w in at.warning)
    moves = next(df.value for df in at.dataframe if "landed_change_total" in df.value.columns)
    assert all(CJK.search(x) for x in moves["lands"])


def test_applying_the_moves_makes_them_the_plans_split_and_clearing_undoes_it(app):
    at = app("mix", params={"c": "YEAREND-2026"})
    before = _metric(at, "Units over quota")
    assert before != "0 units"
    fbt = _metric(at, "FBT: units to ship")
    apply = next(b for b in at.button if b.key == "quota_apply")
    assert apply.label.startswith("Apply these moves to the plan")
    apply.click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "smix" in at.query_params
    assert _metric(at, "Units over quota") == "0 units"
    assert any(m.value.startswith("**Split per SKU (") for m in at.markdown)
    split = next(df.value for df in at.dataframe if "split" in df.value.columns)
    assert len(split) > 0 and split["split"].str.contains("FBT-US").any()
    assert _metric(at, "FBT: units to ship") != fbt  # the moved SKUs' FBT units went to 3PL / self-ship
    next(b for b in at.button if b.key == "sku_mix_clear").click().run()
    assert not at.exception
    assert "smix" not in at.query_params
    assert _metric(at, "Units over quota") == before
