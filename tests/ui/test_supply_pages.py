"""AppTest of the supply-chain pages: landed cost, timeline, alerts follow the scenario's levers."""

from __future__ import annotations


def _metric(at, label: str) -> str:
    for m in at.metric:
        if m.label == label:
            return m.value
    raise AssertionError(f"no metric {label!r}: {[m.label for m in at.metric]}")


def test_landed_cost_page_shows_a_breakdown_in_the_display_currency(app):
    at = app("landed", params={"cur": "USD"})
    assert _metric(at, "Landed cost / unit").startswith("USD ")
    assert len(at.get("plotly_chart")) >= 2


def test_landed_cost_follows_the_freight_mode_lever(app):
    at = app("landed", params={"cur": "USD"})
    sea = _metric(at, "Landed cost / unit")
    wid = at.selectbox(key="landed_wh").value
    at2 = app("landed", params={"cur": "USD", "fm": f"{wid}:air"})
    air = _metric(at2, "Landed cost / unit")
    assert float(air.split()[1].replace(",", "")) > float(sea.split()[1].replace(",", ""))


def test_timeline_counts_late_lines_and_buffer_days_move_them(app):
    at = app("timeline", params={"c": "SPRING-2027"})
    late_default = int(_metric(at, "Late lines").replace(",", ""))
    at = app("timeline", params={"c": "SPRING-2027", "bd": "30", "lt": "pessimistic"})
    late_more_buffer = int(_metric(at, "Late lines").replace(",", ""))
    assert late_more_buffer >= late_default
    assert len(at.get("plotly_chart")) == 1


def test_alerts_page_lists_alerts_by_severity(app):
    at = app("alerts", params={"c": "YEAREND-2026"})  # its declaration is due and many PO dates have passed
    critical = int(_metric(at, "Critical").replace(",", ""))
    assert critical >= 1
    assert len(at.dataframe) == 2
    # the default campaign is the next one that can still be planned: far fewer critical alerts
    default = app("alerts")
    assert int(_metric(default, "Critical").replace(",", "")) < critical


def test_alerts_and_review_count_the_same_blocking_items(app):
    alerts = app("alerts", params={"c": "YEAREND-2026"})
    review = app("review", params={"c": "YEAREND-2026"})
    heading = [h.value for h in alerts.subheader if h.value.startswith("Blocking readiness items")]
    assert heading and heading == [h.value for h in review.subheader if h.value.startswith("Blocking readiness items")]


def test_alerts_page_in_chinese(app):
    at = app("alerts", params={"lang": "zh"})
    assert "严重" in [m.label for m in at.metric]
    assert at.title[0].value == "预警"


def test_a_link_asking_for_a_freight_mode_without_a_lane_is_dropped_with_a_notice(app):
    # 3PL-US-NJ has no express lane in the sample: the link's mode is dropped, the reader is told, and the page plans
    # with the warehouse's default mode (nothing is silently priced on a lane that does not exist)
    for lang, words in (("en", "Dropped Express line for warehouse “3PL-US-NJ”"), ("zh", "3PL-US-NJ")):
        at = app(None, params={"c": "SPRING-2027", "fm": "3PL-US-NJ:express", "lang": lang})
        notes = " ".join(c.value for c in at.caption)
        assert words.replace("-", "\\-") in notes or words in notes, notes
        assert not at.error, [e.value for e in at.error]
        assert "fm" not in at.query_params  # the address bar shows what is planned
