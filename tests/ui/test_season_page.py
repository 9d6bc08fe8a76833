"""AppTest of the What-if page's season block: the season's campaigns, the projection, the second-wave lever (and its
link key) in both languages."""

from __future__ import annotations

from tests.ui.test_pages import metric, number

SHORT = "Season shortfall (units)"


def _expander_labels(at) -> list[str]:
    return [e.label for e in at.expander]


def test_season_block_and_the_second_wave_lever(app):
    at = app("whatif", params={"c": "BFCM-2026"})
    assert "Season: back-to-back campaigns and the second wave" in _expander_labels(at)
    assert any("Campaigns of the season:" in c.value and "New Year Sale" in c.value for c in at.caption)
    off = number(metric(at, SHORT))
    assert at.selectbox(key="lv_second_wave").value == "off"
    at.selectbox(key="lv_second_wave").set_value("air").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["sw"] in ("air", ["air"])
    air = number(metric(at, SHORT))
    assert air < off  # the later campaigns are stocked (by the wave or up front): less runs short
    # one line picked: the chart follows it (its reorder point drawn), nothing breaks
    at.selectbox(key="season_line").select_index(1).run()
    assert not at.exception, [e.value for e in at.exception]


def test_season_block_in_chinese_from_a_link(app):
    at = app("whatif", params={"c": "BFCM-2026", "sw": "air", "lang": "zh"})
    assert "旺季：连续大促与第二波补货" in _expander_labels(at)
    assert at.selectbox(key="lv_second_wave").value == "air"
    assert any(m.label == "旺季预计缺货（件）" for m in at.metric)
