"""Scenario: validation, JSON and query-param round trips, hostile links."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkstar_analytics.plan.scenario import (
    DEFAULT_FX_CNY_PER_UNIT,
    DISPLAY_CURRENCIES,
    DISPOSAL_OPTIONS,
    FOCUS_LEVERS,
    FORECAST_MODELS,
    LEAD_TIME_CASES,
    LEVERS,
    ORDER_POLICIES,
    SECOND_WAVE_MODES,
    Scenario,
    diff,
)
from linkstar_analytics.schemas import CURRENCIES, FREIGHT_MODES, REGIONS


def test_defaults_match_documented_levers():
    s = Scenario()
    assert s.presale_conversion_pct == 25.0
    assert s.deposit_conversion_pct == 70.0
    assert s.uplift_multiplier == 1.0
    assert s.buffer_days == 7
    assert s.service_level_pct == 95.0
    assert s.cover_days == 14
    assert s.key_sku_count == 20
    assert s.redundancy_limit_pct == 80.0
    assert s.disposal == "liquidate"
    assert s.lead_time_case == "typical"
    assert s.warehouse_mix == {} and s.freight_mode == {} and s.fx == {}
    for name, spec in LEVERS.items():
        assert getattr(s, name) == spec.default, name
    assert s.to_query_params() == {}
    assert hash(s) == hash(Scenario())


@pytest.mark.parametrize(
    ("lever", "value"),
    [
        ("presale_conversion_pct", 101),
        ("presale_conversion_pct", -1),
        ("deposit_conversion_pct", float("nan")),
        ("uplift_multiplier", 0.2),
        ("uplift_multiplier", 3.5),
        ("buffer_days", 31),
        ("buffer_days", 2.5),
        ("service_level_pct", 49.9),
        ("service_level_pct", 100),
        ("cover_days", 61),
        ("key_sku_count", -1),
        ("redundancy_limit_pct", 150),
        ("display_currency", "EUR"),
        ("lead_time_case", "worst"),
        ("disposal", "burn"),
        ("focus_lever", "display_currency"),
        ("dataset_version", 0),
        ("service_level_pct", "95"),
        ("buffer_days", True),
    ],
)
def test_out_of_range_raises_naming_lever_value_and_range(lever, value):
    with pytest.raises(ValueError, match=lever) as info:
        Scenario(**{lever: value})
    msg = str(info.value)
    assert "got" in msg
    spec = LEVERS[lever]
    assert spec.range_text().split(" ")[0] in msg


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"warehouse_mix": {"XX": {"W1": 100}}}, "region 'XX'"),
        ({"warehouse_mix": {"US": {"W1": 120}}}, r"warehouse_mix\['US'\]\['W1'\]"),
        ({"warehouse_mix": {"US": {"W1": 0, "W2": 0}}}, "sum to 0"),
        ({"warehouse_mix": {"US": {}}}, "non-empty"),
        ({"warehouse_mix": {"US": {" W1": 50}}}, "leading or trailing"),
        ({"freight_mode": {"W1": "rail"}}, r"freight_mode\['W1'\]"),
        ({"fx": {"USD": 0}}, r"fx\['USD'\]"),
        ({"fx": {"XYZ": 1.0}}, "currency 'XYZ'"),
        ({"fx": {"CNY": 2.0}}, "base currency"),
    ],
)
def test_map_levers_validate(kwargs, match):
    with pytest.raises(ValueError, match=match):
        Scenario(**kwargs)


def test_readable_query_keys():
    s = Scenario(
        campaign_id="BFCM-2026",
        presale_conversion_pct=20,
        warehouse_mix={"US": {"FBT-US": 60, "3PL-US-LA": 40}, "UK": {"FBT-UK": 100}},
        freight_mode={"FBT-US": "air"},
        fx={"USD": 7.12, "GBP": 9.05},
        focus_lever="buffer_days",
    )
    q = s.to_query_params()
    assert q == {
        "c": "BFCM-2026",
        "pc": "20",
        "mix": "UK:FBT-UK=100;US:3PL-US-LA=40,FBT-US=60",
        "fm": "FBT-US:air",
        "fx": "GBP:9.05,USD:7.12",
        "fl": "bd",
    }
    back, notices = Scenario.from_query_params(q)
    assert back == s and notices == []


def test_escaping_of_odd_warehouse_ids():
    odd = "仓库,A:1=50%;x"
    s = Scenario(warehouse_mix={"TH": {odd: 30, "曼谷-3PL": 70}}, freight_mode={odd: "express"})
    q = s.to_query_params()
    assert ";" not in q["mix"].split(";", 1)[0][3:]  # the id's ';' is escaped
    back, notices = Scenario.from_query_params(q)
    assert back == s and notices == []


@pytest.mark.parametrize(
    "params",
    [
        {"pc": "abc"},
        {"sl": "nan"},
        {"sl": "inf"},
        {"bd": "1e400"},
        {"bd": "-3"},
        {"up": "99999999999999999999999"},
        {"cur": "<script>alert(1)</script>"},
        {"c": "x" * 10_000},
        {"c": "a\x00b"},
        {"mix": "US:W1=abc"},
        {"mix": ";;;"},
        {"mix": "ZZ:W1=50"},
        {"mix": "US"},
        {"fm": "W1:rocket"},
        {"fm": "W1"},
        {"fx": "USD:-1"},
        {"fx": "USD:NaN,GBP:9"},
        {"fx": "'; DROP TABLE scenarios; --:1"},
        {"ds": "1 OR 1=1"},
        {"ds": "0"},
        {"fl": "cur"},
        {"ks": "2.5"},
        {"dsp": ""},
        {"lt": ["typical", "bogus"]},
        {"zz": "1", "__proto__": "x"},
    ],
)
def test_hostile_params_fall_back_with_notice(params):
    s, notices = Scenario.from_query_params(params)
    assert s == Scenario()
    assert notices and all(isinstance(n, str) and n for n in notices)


def test_one_bad_param_does_not_discard_the_others():
    s, notices = Scenario.from_query_params({"pc": "20", "sl": "banana", "bd": ["5", "10"]})
    assert s.presale_conversion_pct == 20 and s.service_level_pct == 95 and s.buffer_days == 10
    assert len(notices) == 1 and "sl" in notices[0] and "95" in notices[0]


def test_json_round_trip_and_strictness():
    s = Scenario(campaign_id="1111-2026", fx={"THB": 0.21}, warehouse_mix={"TH": {"FBT-TH": 100}})
    assert Scenario.from_json(s.to_json()) == s
    with pytest.raises(ValueError, match="unknown scenario lever"):
        Scenario.from_json('{"service_level": 95}')
    with pytest.raises(ValueError, match="not valid JSON"):
        Scenario.from_json("{")


def test_diff_lists_changed_levers_in_display_order():
    a = Scenario()
    b = a.replace(service_level_pct=98, buffer_days=10, freight_mode={"W": "air"})
    assert diff(a, b) == [
        ("buffer_days", 7, 10),
        ("service_level_pct", 95.0, 98.0),
        ("freight_mode", {}, {"W": "air"}),
    ]
    assert diff(a, a) == []


def test_fx_lookup():
    s = Scenario(fx={"USD": 7.5})
    assert s.fx_cny_per_unit("USD") == 7.5
    assert s.fx_cny_per_unit("GBP") == DEFAULT_FX_CNY_PER_UNIT["GBP"]
    with pytest.raises(ValueError, match="fx"):
        s.fx_cny_per_unit("ABC")


# -- property: any valid scenario survives both round trips ---------------------------------------

_ID_ALPHABET = st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp"))
_ids = st.text(_ID_ALPHABET, min_size=1, max_size=20).filter(lambda t: t == t.strip())


def _num(lo, hi):
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


scenarios = st.builds(
    Scenario,
    dataset_version=st.none() | st.integers(1, 2**31 - 1),
    campaign_id=st.just("") | _ids,
    presale_conversion_pct=_num(0, 100),
    deposit_conversion_pct=_num(0, 100),
    uplift_multiplier=_num(0.3, 3.0),
    buffer_days=st.integers(0, 30),
    service_level_pct=_num(50, 99.9),
    warehouse_mix=st.dictionaries(
        st.sampled_from(REGIONS),
        st.dictionaries(_ids, _num(0.001, 100), min_size=1, max_size=4),
        max_size=3,
    ),
    freight_mode=st.dictionaries(_ids, st.sampled_from(FREIGHT_MODES), max_size=4),
    fx=st.dictionaries(st.sampled_from([c for c in CURRENCIES if c != "CNY"]), _num(1e-6, 1e6).filter(lambda x: x > 0),
                       max_size=3),
    display_currency=st.sampled_from(DISPLAY_CURRENCIES),
    cover_days=st.integers(0, 60),
    lead_time_case=st.sampled_from(LEAD_TIME_CASES),
    key_sku_count=st.integers(0, 100_000),
    redundancy_limit_pct=_num(0, 100),
    disposal=st.sampled_from(DISPOSAL_OPTIONS),
    focus_lever=st.sampled_from(FOCUS_LEVERS),
    forecast_model=st.sampled_from(FORECAST_MODELS),
    uplift_overrides=st.dictionaries(st.builds(lambda sku, r: f"{sku}|{r}", _ids, st.sampled_from(REGIONS)),
                                     _num(0.1, 50), max_size=3),
    baseline_overrides=st.dictionaries(st.builds(lambda sku, r: f"{sku}|{r}", _ids, st.sampled_from(REGIONS)),
                                       _num(0.1, 10), max_size=3),
    policy=st.sampled_from(ORDER_POLICIES),
    force_order=st.lists(_ids | st.just("*"), max_size=4),
    duty_step=st.dictionaries(st.sampled_from(REGIONS), st.fixed_dictionaries({
        "from": st.dates().map(lambda d: d.isoformat()).filter(lambda t: len(t) == 10),
        "pct_points": _num(-100, 200)}), max_size=3),
    freight_multiplier=st.dictionaries(st.sampled_from(FREIGHT_MODES), _num(0.5, 5.0), max_size=3),
    fx_shock_pct=_num(-50, 50),
    deposit_pct=_num(0, 100),
    settlement_days=st.integers(0, 90),
    cash_ceiling_cny=st.none() | st.integers(0, 10**12),
    second_wave=st.sampled_from(SECOND_WAVE_MODES),
    reserved_stock=st.sampled_from(("on", "off")),
    sku_mix=st.dictionaries(
        st.builds(lambda sku, r: f"{sku}|{r}", _ids, st.sampled_from(REGIONS)),
        st.dictionaries(_ids, _num(0.001, 100), min_size=1, max_size=3),
        max_size=3,
    ),
)


@settings(max_examples=150, deadline=None)
@given(scenarios)
def test_query_params_round_trip(s):
    q = s.to_query_params()
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in q.items())
    back, notices = Scenario.from_query_params(q)
    assert notices == []
    assert back == s


@settings(max_examples=150, deadline=None)
@given(scenarios)
def test_json_round_trip(s):
    assert Scenario.from_json(s.to_json()) == s


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from([spec.key for spec in LEVERS.values()] + ["x", ""]),
                       st.text(max_size=60) | st.lists(st.text(max_size=20), max_size=3)))
def test_from_query_params_never_raises(params):
    s, notices = Scenario.from_query_params(params)
    assert isinstance(s, Scenario)
    assert all(isinstance(n, str) for n in notices)
    assert math.isfinite(s.service_level_pct)


def test_policy_and_force_order_levers():
    """The order policy and the planner's force-order list: short URL keys, validated, round trips; a SKU is forced
    when listed or when '*' is."""
    s = Scenario(policy="profit", force_order=["AP0002-L", "商品,1"])
    q = s.to_query_params()
    assert q == {"pol": "profit", "fo": "AP0002-L,商品%2C1"}
    assert Scenario.from_query_params(q) == (s, [])
    assert s.forces("AP0002-L") and not s.forces("X") and Scenario(force_order=["*"]).forces("X")
    assert Scenario().policy == "service" and Scenario().force_order == ()
    with pytest.raises(ValueError, match="policy"):
        Scenario(policy="max")
    with pytest.raises(ValueError, match="force_order"):
        Scenario(force_order="AP0002-L")
    back, notices = Scenario.from_query_params({"pol": "greedy", "fo": ""})
    assert back == Scenario() and len(notices) == 2


def test_app_owned_params_can_be_ignored():
    s, notices = Scenario.from_query_params({"lang": "zh", "sl": "97"}, ignore=("lang",))
    assert s.service_level_pct == 97 and notices == []


def test_cash_term_levers_round_trip():
    """Supplier deposit, platform settlement and the cash ceiling: short keys, defaults (30 %, 15 days, no ceiling),
    validated ranges, link and JSON round trips; a bad value in a link falls back to the default with a notice."""
    d = Scenario()
    assert (d.deposit_pct, d.settlement_days, d.cash_ceiling_cny) == (30.0, 15, None)
    s = Scenario(deposit_pct=40, settlement_days=10, cash_ceiling_cny=2_000_000)
    assert s.to_query_params() == {"dp": "40", "st": "10", "cc": "2000000"}
    assert Scenario.from_query_params(s.to_query_params()) == (s, [])
    assert Scenario.from_json(s.to_json()) == s
    for lever, bad in (("deposit_pct", 100.5), ("settlement_days", 91), ("cash_ceiling_cny", -1),
                       ("cash_ceiling_cny", 1.5)):
        with pytest.raises(ValueError, match=lever):
            Scenario(**{lever: bad})
    back, notices = Scenario.from_query_params({"dp": "130", "st": "10", "cc": "x"})
    assert back == Scenario(settlement_days=10) and len(notices) == 2 and "dp='130'" in notices[0]
    assert {"deposit_pct", "settlement_days"} <= set(FOCUS_LEVERS)
