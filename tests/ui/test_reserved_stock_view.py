"""AppTest of the campaign stock reservation on the What-if page: the split of the order in the headline caption, the
lever in the sidebar and in the link, in both languages."""

from __future__ import annotations

import pytest

from tests.ui.test_pages import metric, number

NOTE = {"en": "are reserved for it", "zh": "作为活动库存锁定"}


def _note(at, lang: str) -> str:
    return next((c.value for c in at.caption if NOTE[lang] in c.value), "")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_reserved_order_is_split_and_the_lever_turns_it_off(app, lang):
    at = app("whatif", params={"lang": lang, "c": "YEAREND-2026"})
    note = _note(at, lang)
    assert note, [c.value for c in at.caption]
    assert at.selectbox(key="lv_reserved_stock").value == "on"
    at.selectbox(key="lv_reserved_stock").set_value("off").run()
    assert not at.exception
    assert at.query_params["rsv"] in ("off", ["off"])
    assert _note(at, lang) == ""


def test_reserved_note_adds_up_to_the_units(app):
    at = app("whatif", params={"c": "YEAREND-2026"})
    import re

    note = _note(at, "en")
    m = re.search(r"([\d,]+) lines .* of the ([\d,]+) units ordered, ([\d,]+) are campaign stock .* and ([\d,]+) are "
                  r"ordinary stock", note)
    assert m, note
    lines, units, campaign, ordinary = (float(g.replace(",", "")) for g in m.groups())
    assert lines > 0 and campaign + ordinary == units == number(metric(at, "Units to stock"))


def test_a_scenario_saved_before_the_reservation_lever_reopens_as_it_planned(app, sample_db):
    """A scenario saved before campaign stock reservation existed (its JSON has no ``reserved_stock``) reopens with
    the reservation off, as it planned then; the link then says so (``rsv=off``)."""
    import json

    from linkstar_analytics.io import storage
    from linkstar_analytics.plan.scenario import Scenario

    old = Scenario(service_level_pct=90).to_dict()
    old.pop("reserved_stock")
    conn = storage.connect(sample_db)
    storage.save_scenario(conn, name="Before reservation", scenario_json=json.dumps(old), author="a",
                          dataset_version=1)
    conn.close()
    at = app("whatif", params={"saved": "Before reservation@1", "c": "YEAREND-2026"})
    assert at.selectbox(key="lv_reserved_stock").value == "off"
    assert at.slider(key="lv_service_level_pct").value == 90.0
    assert at.query_params["rsv"] in ("off", ["off"])
    assert _note(at, "en") == ""
