"""AppTest of every page through the real router: each renders without an exception and reacts to its widgets."""

from __future__ import annotations

import pytest

from tests.ui.conftest import page_path

PAGES = ["home", "whatif", "forecast", "mix", "review", "campaign_report", "landed", "timeline", "alerts", "scenarios",
         "data"]


def metric(at, label: str) -> str:
    for m in at.metric:
        if m.label == label:
            return m.value
    raise AssertionError(f"no metric {label!r}: {[m.label for m in at.metric]}")


def number(text: str) -> float:
    """'CNY 1.25M' / '12,345' -> float (compact suffixes expanded)."""
    body = text.split()[-1].replace(",", "")
    mult = {"K": 1e3, "M": 1e6, "B": 1e9}.get(body[-1], 1.0)
    return float(body[:-1] if body[-1] in "KMB" else body) * mult


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_renders_in_both_languages(app, name, lang):
    at = app(name, params={"lang": lang})
    assert at.title, name
    if lang == "zh":
        assert any("\u4e00" <= ch <= "\u9fff" for ch in at.title[0].value), at.title[0].value


def test_home_summarises_the_sample_and_the_next_campaign(app):
    at = app()
    assert metric(at, "SKUs") == "200"
    assert metric(at, "Warehouses") == "7"
    assert number(metric(at, "Units to stock")) > 0
    assert any(m.label == "Declaration deadline" for m in at.metric)


def delta(at, label: str) -> str:
    for m in at.metric:
        if m.label == label:
            return m.delta
    raise AssertionError(f"no metric {label!r}")


def test_whatif_presale_lever_moves_demand_and_the_link(app):
    # on the sample's year-end campaign most orders can no longer land in time, so more presale raises demand (and
    # the expected stockout) more than the units the plan can still order
    at = app("whatif", params={"c": "YEAREND-2026"})
    before = number(metric(at, "Units to stock"))
    demand_before = number(delta(at, "Units to stock"))
    lost_before = number(metric(at, "Expected stockout units"))
    at.slider(key="lv_presale_conversion_pct").set_value(90.0).run()
    assert not at.exception
    assert number(metric(at, "Units to stock")) >= before
    assert number(delta(at, "Units to stock")) > demand_before
    assert number(metric(at, "Expected stockout units")) > lost_before
    assert at.query_params["pc"] in ("90", ["90"])


def test_whatif_service_level_lever_moves_quantities_both_ways(app):
    at = app("whatif", params={"c": "YEAREND-2026", "sl": "80"})
    low = number(metric(at, "Units to stock"))
    at.slider(key="lv_service_level_pct").set_value(99.0).run()
    high = number(metric(at, "Units to stock"))
    assert high > low


def test_a_link_sets_every_widget(app):
    at = app("whatif", params={"c": "YEAREND-2026", "sl": "90", "bd": "10", "pc": "15", "up": "1.2", "cur": "USD"})
    assert at.slider(key="lv_service_level_pct").value == 90.0
    assert at.slider(key="lv_buffer_days").value == 10
    assert at.slider(key="lv_presale_conversion_pct").value == 15.0
    assert at.slider(key="lv_uplift_multiplier").value == pytest.approx(1.2)
    assert number(metric(at, "Purchase value (USD)")) > 0  # the currency in the label, the figure below it


def test_a_hostile_link_falls_back_with_a_notice(app):
    # The notice shows on whichever page the link opens (here the overview), once.
    at = app(params={"sl": "abc", "bd": "-4", "zz": "1", "mix": "<script>alert(1)</script>",
                     "fx": "USD:NaN", "c": "'); DROP TABLE scenarios; --"})
    assert at.warning, "a notice must say what was ignored"
    notices = " ".join(c.value for c in at.caption)
    assert "sl" in notices and "bd" in notices
    assert number(metric(at, "Units to stock")) > 0
    assert "sl" not in at.query_params and "zz" not in at.query_params
    at.switch_page(page_path("whatif")).run()
    assert at.slider(key="lv_service_level_pct").value == 95.0
    assert not at.warning


def test_forecast_page_switches_series(app):
    at = app("forecast")
    first = at.selectbox(key="fc_series").value
    options = at.selectbox(key="fc_series").options
    at.selectbox(key="fc_series").select_index(len(options) - 1).run()
    assert not at.exception
    assert at.selectbox(key="fc_series").value != first
    assert metric(at, "Error on 4-week totals").endswith("%")


def test_mix_editor_writes_the_mix_lever(app):
    at = app("mix", params={"c": "YEAREND-2026"})
    inputs = [n for n in at.number_input if n.key and n.key.startswith("lv_mix_US_")]
    assert len(inputs) >= 2
    inputs[0].set_value(100.0)
    for n in inputs[1:]:
        n.set_value(0.0)
    submit = [b for b in at.button if b.label == "Apply"][0]
    submit.click().run()
    assert not at.exception
    mix = at.query_params["mix"]
    assert (mix if isinstance(mix, str) else mix[0]).startswith("US:")


def test_review_page_saves_the_scenario_and_logs_a_decision(app):
    at = app("review", params={"c": "YEAREND-2026"})
    at.text_input[0].set_value("YE plan")
    [b for b in at.button if b.label == "Save as a new version"][0].click().run()
    assert not at.exception
    at.text_area[0].set_value("Air-freight the top 5 late SKUs to FBT-US")
    [b for b in at.button if b.label == "Add to the log"][0].click().run()
    assert not at.exception
    assert any("Air-freight" in str(df.value.to_dict()) for df in at.dataframe)


def test_scenarios_page_saves_versions_and_compares(app):
    at = app("scenarios", params={"sl": "90"})
    at.text_input[0].set_value("Base")
    [b for b in at.button if b.label == "Save as a new version"][0].click().run()
    at.text_input[0].set_value("Base")
    [b for b in at.button if b.label == "Save as a new version"][0].click().run()
    assert not at.exception
    assert any("version 2" in s.value for s in at.success)
    assert len(at.dataframe) >= 1 and len(at.table) == 2  # saved list; comparison: headline figures and levers


def test_compare_puts_the_baseline_first_with_differences_and_the_headline_in_view(app, sample_db):
    from linkstar_analytics.io import storage
    from linkstar_analytics.plan.scenario import Scenario

    conn = storage.connect(sample_db)
    for sl in (90.0, 98.0):  # saved oldest first: 90 % is the baseline, 98 % the newer version
        storage.save_scenario(conn, name="Peak", scenario_json=Scenario(campaign_id="YEAREND-2026",
                                                                        service_level_pct=sl).to_json(),
                              author="a", dataset_version=1)
    conn.close()
    at = app("scenarios")
    head, levers = at.table[0].value, at.table[1].value
    assert list(head.columns) == ["Peak v1 · baseline", "Peak v2", "Peak v2 − baseline"]
    assert head.index[0] == "Units to stock"  # headline rows first, in a table that never scrolls
    diff = head.loc["Units to stock", "Peak v2 − baseline"]
    assert diff.startswith("+")  # a higher service level stocks more units
    assert head.loc["Fill rate", "Peak v2 − baseline"].endswith("pp")
    row = levers.loc["Service level (%)"]
    assert list(row) == ["90%", "98%", "changed"]
    assert levers.loc["Campaign"].iloc[0].startswith("Year-End & New Year Sale 2026-27")
    assert levers.loc["Freight mode per warehouse"].iloc[0] == "(default)"  # words, never {'FBT-US': 'air'}


def test_data_page_rejects_a_bad_upload_and_keeps_the_active_dataset(app):
    at = app("data")
    bad = "sku,date,qty\nX1,2026-01-01,3\n".encode()
    at.file_uploader[0].set_value(("sales.csv", bad, "text/csv"))
    [b for b in at.button if b.label == "Validate and import"][0].click().run()
    assert not at.exception
    assert at.error, "a rejected import says so"
    assert "units" in str(at.dataframe[-1].value.to_dict()) or any("units" in e.value for e in at.error)


def test_a_link_to_a_saved_version_opens_that_version(app, sample_db):
    from linkstar_analytics.io import storage
    from linkstar_analytics.plan.scenario import Scenario

    conn = storage.connect(sample_db)
    v1 = storage.save_scenario(conn, name="Peak plan", scenario_json=Scenario(service_level_pct=90).to_json(),
                               author="a", dataset_version=1)
    v2 = storage.save_scenario(conn, name="Peak plan", scenario_json=Scenario(service_level_pct=98).to_json(),
                               author="b", dataset_version=1)
    conn.close()
    assert (v1, v2) == (1, 2)
    at = app("whatif", params={"saved": "Peak plan@1"})
    assert at.slider(key="lv_service_level_pct").value == 90.0
    at = app("whatif", params={"saved": "Peak plan@7"})
    assert at.slider(key="lv_service_level_pct").value == 95.0  # unknown version: defaults, with a notice


def _series_in(at, region: str) -> str:
    """Pick the first series of ``region`` on the Forecast page and return its key."""
    box = at.selectbox(key="fc_series")
    key = next(o for o in box.options if o.split(" · ")[1] == region)
    sku = key.split(" · ")[0]
    box.set_value(f"{sku}|{region}").run()
    return f"{sku}|{region}"


def test_uplift_override_moves_the_plan_and_travels_in_the_link(app):
    at = app("forecast", params={"c": "YEAREND-2026"})
    key = _series_in(at, "US")  # a market the campaign runs in (elsewhere there is no uplift to set)
    sku, region = key.split("|")
    at.number_input(key=f"uo_{sku}|{region}").set_value(12.0)
    at.button(key=f"uo_apply_{sku}|{region}").click().run()
    assert not at.exception
    link = at.query_params["uo"]
    assert f"{sku}|{region}:12" in (link if isinstance(link, str) else link[0])
    assert any("Override in use" in c.value for c in at.caption)


def test_baseline_override_scales_the_series_in_chart_plan_and_link(app):
    def demand(at) -> float:  # the expected demand under "Units to stock" (what is ordered can stay put: late lines)
        delta = next(m for m in at.metric if m.label == "Units to stock").proto.delta
        return number(delta.split()[-1])

    at = app("whatif", params={"c": "YEAREND-2026"})
    demand_before = demand(at)
    at.switch_page(page_path("forecast")).run()
    key = _series_in(at, "US")
    sku, region = key.split("|")
    at.number_input(key=f"bo_{sku}|{region}").set_value(3.0)
    at.button(key=f"bo_apply_{sku}|{region}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    link = at.query_params["bo"]
    assert f"{sku}|{region}:3" in (link if isinstance(link, str) else link[0])
    assert any("Baseline override in use: 3.00" in c.value for c in at.caption)
    at.switch_page(page_path("whatif")).run()
    assert demand(at) > demand_before  # the plan stands on the tripled baseline
    at.switch_page(page_path("forecast")).run()
    _series_in(at, "US")
    at.button(key=f"bo_reset_{sku}|{region}").click().run()
    assert "bo" not in at.query_params

