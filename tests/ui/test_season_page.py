"""AppTest of the What-if page's season block: the season's campaigns, the projection, the second-wave lever (and its
link key) in both languages.

The sample's today is 2026-11-23: Black Friday's inbound cutoff has passed and the plan's sea orders land after its
window. With 30 cover days the plan's window runs to 2026-12-31, so an air top-up ordered now is sellable in time for
the rest of the Year-End season: the second wave has something to do."""

from __future__ import annotations

from tests.ui.test_pages import metric, number

SHORT = "Season shortfall (units)"


def _expander_labels(at) -> list[str]:
    return [e.label for e in at.expander]


def test_season_block_and_the_second_wave_lever(app):
    at = app("whatif", params={"c": "BFCM-2026", "cd": "30"})
    assert "Season: back-to-back campaigns and the second wave" in _expander_labels(at)
    # the projection is drawn when asked for while no second wave is picked
    assert not any(m.label == SHORT for m in at.metric)
    assert any("Switch the projection on" in c.value for c in at.caption)
    at.toggle(key="season_show").set_value(True).run()
    assert any("Campaigns of the season:" in c.value and "New Year Sale" in c.value for c in at.caption)
    off = number(metric(at, SHORT))
    assert at.selectbox(key="lv_second_wave").value == "off"
    at.selectbox(key="lv_second_wave").set_value("air").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["sw"] in ("air", ["air"])
    air = number(metric(at, SHORT))
    assert at.toggle(key="season_show").value is True
    assert air < off  # the later campaigns are stocked by the wave where it lands in time: less runs short
    assert number(metric(at, "Lines where a second wave is cheaper")) > 0
    # one line picked: the chart follows it (its reorder point drawn), nothing breaks
    at.selectbox(key="season_line").select_index(1).run()
    assert not at.exception, [e.value for e in at.exception]


def test_season_block_in_chinese_from_a_link(app):
    at = app("whatif", params={"c": "BFCM-2026", "cd": "30", "sw": "air", "lang": "zh"})
    assert "旺季：连续大促与第二波补货" in _expander_labels(at)
    assert at.selectbox(key="lv_second_wave").value == "air"
    assert any(m.label == "旺季预计缺货（件）" for m in at.metric)
