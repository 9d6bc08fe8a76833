"""AppTest: the What-if page's stress test in both languages, and its shock levers write the link."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("lang", "title", "late", "figure"), [("en", "Stress test", "Lines that turn late", "Figure"),
                                                               ("zh", "压力测试", "变为晚到的行", "指标")])
def test_whatif_renders_the_stress_test(app, lang, title, late, figure):
    at = app("whatif", params={"lang": lang, "dstep": "US:2026-11-01:+25"})
    assert title in [h.value for h in at.subheader]
    assert any(m.value.startswith(f"**{late}") for m in at.markdown)
    heads = [d.value for d in at.dataframe if figure in d.value.columns]
    assert len(heads) == 1
    head = heads[0]
    assert len(head) == 8
    assert head.iloc[:, 0].str.contains("CNY").any()  # money figures name their currency
    stressed = at.caption
    assert any("×1.3" in c.value for c in stressed)


def test_shock_levers_write_the_link(app):
    at = app("whatif")
    at.slider(key="lv_shock_fxs").set_value(-8.0).run()
    assert not at.exception
    assert at.query_params["fxs"] in ("-8", ["-8"])
    at.number_input(key="lv_shock_ff_air").set_value(1.5).run()
    assert at.query_params["ff"] in ("air:1.5", ["air:1.5"])
    at.number_input(key="lv_shock_dp_US").set_value(24.0).run()
    assert not at.exception
    dstep = at.query_params["dstep"]
    assert (dstep[0] if isinstance(dstep, list) else dstep).startswith("US:") and str(dstep).endswith(":+24" + (
        "']" if isinstance(dstep, list) else ""))


def _catalogue_total(at) -> float:
    frame = next(d.value for d in at.dataframe if "total_landed" in d.value.columns)  # the catalogue table
    return float(frame["total_landed"].sum())


def test_landed_cost_and_timeline_follow_the_cost_shocks(app):
    """The shocks a link sets are priced on the Landed cost page (a note names them) and the duty step's date is
    marked on the timeline: every page shows the scenario's one set of costs."""
    plain_at = app("landed", params={"c": "YEAREND-2026"})
    base = _catalogue_total(plain_at)
    assert not any("Cost shocks of this scenario" in i.value for i in plain_at.info)
    at = app("landed", params={"c": "YEAREND-2026", "ff": "sea:1.5,air:1.5,express:1.5", "dstep": "US:2026-01-01:+20"})
    assert not at.exception
    note = next(i.value for i in at.info if "Cost shocks of this scenario" in i.value).replace("\\", "")
    assert "×1.5" in note and "+20" in note
    assert _catalogue_total(at) > base
    tl = app("timeline", params={"c": "YEAREND-2026", "dstep": "US:2026-12-01:+20"})
    tl.toggle(key="tl_ordered").set_value(False).run()  # every line of the warehouse, ordered or not
    assert not tl.exception
    spec = next(c.proto.spec for c in tl.get("plotly_chart"))
    assert "Duty step US +20 pts" in spec
