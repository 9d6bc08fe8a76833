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
