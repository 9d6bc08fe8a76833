"""The emergency pool on the Review page: its levers move the pool, in English and Chinese, and travel in the link."""

from __future__ import annotations


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_pool_level_moves_the_pool_and_the_link(app):
    at = app("review", params={"c": "SPRING-2027", "ep": "98"})
    assert "Emergency pool for the top SKUs" in [s.value for s in at.subheader]
    units_98 = _metric(at, "Pool units")
    at.slider(key="lv_pool_level_pct").set_value(99.9).run()
    assert not at.exception
    units_999 = _metric(at, "Pool units")
    assert int(units_999.replace(",", "")) > int(units_98.replace(",", "")) > 0
    assert at.query_params["ep"] in ("99.9", ["99.9"])
    # at the service level there is no pool, and the page says why
    at.slider(key="lv_pool_level_pct").set_value(95.0).run()
    assert _metric(at, "Pool units") == "0"
    assert any("no pool" in i.value for i in at.info)


def test_pool_section_in_chinese(app):
    at = app("review", params={"c": "SPRING-2027", "lang": "zh", "ec": "100"})
    assert "重点 SKU 应急备货池" in [s.value for s in at.subheader]
    assert _metric(at, "备货池件数") != "0"
    assert at.number_input(key="lv_pool_creator_units").value == 100
