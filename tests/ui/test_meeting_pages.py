"""The pages a meeting walks through: what to do next, labels that follow the levers, inputs that keep their order,
levers that say when they have nothing to act on, charts that keep one colour per component and speak Chinese."""

from __future__ import annotations

import pandas as pd

from tests.ui.conftest import page_path


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_overview_leads_with_what_to_do_next(app):
    at = app()
    labels = [m.value for m in at.markdown]
    assert "**What to do next**" in labels
    first = (at.error or at.info)[0].value
    assert any(word in first for word in ("Place", "Declare", "Switch", "cut them", "Fix", "sellable"))
    # the next step comes before the headline figures and the dataset summary
    order = [e.value for e in at.main if hasattr(e, "value") and isinstance(e.value, str)]
    assert order.index("**What to do next**") < order.index("Dataset at a glance")


def test_overview_in_chinese(app):
    at = app(params={"lang": "zh"})
    assert "**下一步要做什么**" in [m.value for m in at.markdown]


def test_saved_label_follows_the_levers(app, sample_db):
    from linkstar_analytics.io import storage
    from linkstar_analytics.plan.scenario import Scenario

    conn = storage.connect(sample_db)
    storage.save_scenario(conn, name="Peak", scenario_json=Scenario(campaign_id="YEAREND-2026").to_json(),
                          author="a", dataset_version=1)
    conn.close()
    at = app("review", params={"saved": "Peak@1"})
    assert any("Saved scenario “Peak” v1" in c.value for c in at.caption), [c.value[:40] for c in at.caption if "aved" in c.value] + [w.value[:80] for w in at.warning]
    assert not any("Based on saved scenario" in w.value for w in at.warning)
    at.slider(key="lv_service_level_pct").set_value(99.0).run()
    assert not at.exception
    warning = next(w.value for w in at.warning if "Based on saved scenario" in w.value)
    assert "“Peak” v1" in warning and "Service level (%)" in warning
    assert not any(c.value.startswith("Saved scenario “Peak” v1") for c in at.caption)
    # decisions are recorded on a version whose numbers these are: the page asks to save a new version first
    assert any("save them as a new version" in i.value for i in at.info)


def test_warehouse_mix_inputs_keep_their_order_after_apply(app):
    at = app("mix", params={"c": "YEAREND-2026"})

    def us_inputs():
        # labels are markdown, so ids from the data arrive escaped ("FBT\\-US"); compare the text a reader sees
        return [n.label.replace("\\", "") for n in at.number_input if n.key and n.key.startswith("lv_mix_US_")]

    before = us_inputs()
    assert before == ["FBT-US (%)", "3PL-US-LA (%)", "3PL-US-NJ (%)", "SELF-CN (%)"]  # the warehouses table's order
    at.number_input(key="lv_mix_US_FBT-US").set_value(0.0)
    at.number_input(key="lv_mix_US_3PL-US-NJ").set_value(60.0)
    next(b for b in at.button if b.label == "Apply" and "US" in str(b.proto.form_id)).click().run()
    assert not at.exception
    assert "US:" in str(at.query_params["mix"])
    assert us_inputs() == before  # not re-sorted, and the 0 % warehouse keeps its box
    assert at.number_input(key="lv_mix_US_FBT-US").value == 0.0


def test_a_lever_without_data_says_so_and_moves_nothing(app):
    at = app("whatif", params={"c": "SPRING-2027"})  # the sample has no presale for this campaign
    notes = [c.value for c in at.sidebar.caption]
    assert any("No presale data for this campaign" in n for n in notes)
    assert any("No deposit-paid presale" in n for n in notes)
    before = _metric(at, "Units to stock")
    at.slider(key="lv_presale_conversion_pct").set_value(90.0).run()
    assert _metric(at, "Units to stock") == before
    other = app("whatif", params={"c": "YEAREND-2026"})  # it has presale: no notice
    assert not any("No presale data" in c.value for c in other.sidebar.caption)


def test_landed_cost_shows_the_margin_as_a_level(app):
    at = app("landed", params={"cur": "USD"})
    margin = next(m for m in at.metric if m.label == "Margin / unit")
    assert not margin.delta  # no green arrow that reads like a change
    assert _metric(at, "Margin (% of price)").endswith("%")


def test_each_cost_component_keeps_one_distinct_colour():
    from linkstar_analytics.cost.landed import COMPONENTS
    from ui import charts

    assert len(set(charts.COMPONENT_COLOURS.values())) == len(COMPONENTS) == len(charts.COMPONENT_COLOURS)
    row = pd.Series({c: float(i + 1) for i, c in enumerate(COMPONENTS)} | {"total_landed": 66.0, "price": 90.0})
    water = charts.landed_waterfall(row, "USD", title="t")
    colours = list(water.data[0].marker.color)
    assert colours[:-1] == [charts.COMPONENT_COLOURS[c] for c in COMPONENTS]
    # the waterfall climbs: each bar starts where the previous one ended, the total from zero
    assert list(water.data[0].base)[:3] == [0.0, 1.0, 3.0] and water.data[0].y[-1] == 66.0
    modes = charts.landed_by_mode(pd.DataFrame([row.to_dict() | {"freight_mode": "sea"},
                                                row.to_dict() | {"freight_mode": "air"}]), "USD", title="t")
    assert [tr.marker.color for tr in modes.data] == [charts.COMPONENT_COLOURS[c] for c in COMPONENTS]


def test_chart_dates_in_chinese():
    from ui import charts
    from ui.i18n import set_lang

    cash = pd.DataFrame({"week_start": pd.date_range("2026-11-30", periods=4, freq="W-MON"), "paid": [1.0] * 4,
                         "released": [0.5] * 4, "tied_up": [0.5, 1.0, 1.5, 2.0]})
    set_lang("zh")
    try:
        fig = charts.cash_chart(cash, "CNY")
    finally:
        set_lang("en")
    stops = [s.value for s in fig.layout.xaxis.tickformatstops]
    assert "%-m月%-d日" in stops and fig.layout.xaxis.hoverformat == "%Y年%-m月%-d日"
    assert not charts.cash_chart(cash, "CNY").layout.xaxis.tickformatstops  # English keeps plotly's own


def test_review_page_offers_the_files_for_the_meeting(app):
    at = app("review", params={"c": "YEAREND-2026", "lang": "zh"})
    labels = [b.label for b in at.get("download_button")]
    assert "下载报告（HTML）" in labels and "下载备货申报表（.xlsx）" in labels and "下载备货计划表（.xlsx）" in labels
    at.switch_page(page_path("whatif")).run()
    assert "下载备货申报表（.xlsx）" in [b.label for b in at.get("download_button")]
