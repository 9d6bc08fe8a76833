"""The cost-shock levers of the Scenario: duty step (dstep), freight multiplier (ff), FX shock (fxs)."""

from __future__ import annotations

import pytest

from linkstar_analytics.plan.scenario import LEVERS, Scenario, diff

SHOCKED = Scenario(duty_step={"US": {"from": "2026-11-10", "pct_points": 24}, "UK": {"from": "2026-12-01",
                                                                                    "pct_points": -2.5}},
                   freight_multiplier={"air": 1.3, "sea": 1.2}, fx_shock_pct=-5)


def test_defaults_are_no_shock():
    s = Scenario()
    assert s.duty_step == {} and s.freight_multiplier == {} and s.fx_shock_pct == 0.0
    assert s.effective_fx_cny_per_unit("USD") == s.fx_cny_per_unit("USD")
    assert {LEVERS[n].key for n in ("duty_step", "freight_multiplier", "fx_shock_pct")} == {"dstep", "ff", "fxs"}


def test_link_round_trip_with_short_keys():
    q = SHOCKED.to_query_params()
    assert q == {"dstep": "UK:2026-12-01:-2.5,US:2026-11-10:+24", "ff": "air:1.3,sea:1.2", "fxs": "-5"}
    assert Scenario.from_query_params(q) == (SHOCKED, [])
    # a '+' the browser turned into a space still reads
    back, notices = Scenario.from_query_params({"dstep": "US:2026-11-10: 24"})
    assert notices == [] and back.duty_step == {"US": {"from": "2026-11-10", "pct_points": 24.0}}


def test_json_round_trip_and_diff():
    text = SHOCKED.to_json()
    assert '"duty_step": {"UK": {"from": "2026-12-01", "pct_points": -2.5}, "US": {"from": "2026-11-10"' in text
    assert Scenario.from_json(text) == SHOCKED
    names = [d[0] for d in diff(Scenario(), SHOCKED)]
    assert names == ["duty_step", "freight_multiplier", "fx_shock_pct"]


def test_fx_shock_on_top_of_the_fx_lever():
    """USD set to 7.0 CNY by the fx lever, shock -5 %: 7.0 x 0.95 = 6.65; CNY stays 1; the lever itself is kept."""
    s = Scenario(fx={"USD": 7.0}, fx_shock_pct=-5)
    assert s.effective_fx_cny_per_unit("USD") == pytest.approx(6.65)
    assert s.effective_fx_cny_per_unit("CNY") == 1.0
    assert s.fx_cny_per_unit("USD") == 7.0


def test_duty_steps_by_day():
    assert SHOCKED.duty_steps_by_day("2026-10-01") == {"US": (40.0, 24.0), "UK": (61.0, -2.5)}


@pytest.mark.parametrize(("params", "lever"), [
    ({"dstep": "US:2026-13-01:+5"}, "dstep"),            # no 13th month
    ({"dstep": "XX:2026-11-10:+5"}, "dstep"),            # unknown market
    ({"dstep": "US:2026-11-10"}, "dstep"),               # no points
    ({"dstep": "US:2026-11-10:+500"}, "dstep"),          # beyond +200 points
    ({"dstep": "US:11/10/2026:+5"}, "dstep"),            # not ISO
    ({"ff": "rail:1.3"}, "ff"),                          # unknown mode
    ({"ff": "air:9"}, "ff"),                             # above 5x
    ({"ff": "air"}, "ff"),                               # no factor
    ({"fxs": "-60"}, "fxs"),                             # beyond -50 %
    ({"fxs": "weak"}, "fxs"),
])
def test_malformed_link_values_give_a_notice_and_the_default(params, lever):
    s, notices = Scenario.from_query_params({**params, "sl": "97"})
    assert s == Scenario(service_level_pct=97)  # the other lever still applies
    assert len(notices) == 1 and notices[0].startswith(f"Ignored {lever}=") and "using the default" in notices[0]


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"duty_step": {"US": {"from": "2026-11-10"}}}, r"duty_step\['US'\]"),
    ({"duty_step": {"US": {"from": "2026-11-10", "pct_points": float("nan")}}}, "percentage points"),
    ({"duty_step": {"ZZ": {"from": "2026-11-10", "pct_points": 5}}}, "market 'ZZ'"),
    ({"freight_multiplier": {"sea": 0.1}}, r"freight_multiplier\['sea'\]"),
    ({"fx_shock_pct": 80}, "fx_shock_pct"),
])
def test_invalid_values_raise_naming_the_lever(kwargs, match):
    with pytest.raises(ValueError, match=match):
        Scenario(**kwargs)
