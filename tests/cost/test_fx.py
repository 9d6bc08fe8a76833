"""FX conversion: cross rates through CNY, vectorised, clear errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkstar_analytics.cost.defaults import default_fx_rates
from linkstar_analytics.cost.fx import UnknownCurrencyError, convert, fx_table, fx_vector, known_currencies


def test_scalar_cross_rate_through_cny():
    # 10 GBP -> USD = 10 * 9.35 / 7.10 (CNY per GBP / CNY per USD) = 13.169...
    assert convert(10.0, "GBP", "USD", default_fx_rates()) == pytest.approx(10 * 9.35 / 7.10)
    assert convert(71.0, "CNY", "USD") == pytest.approx(10.0)


def test_vectorised_over_amounts_and_currencies():
    out = convert(np.array([1.0, 2.0, 3.0]), np.array(["USD", "GBP", "CNY"]), "CNY")
    np.testing.assert_allclose(out, [7.10, 2 * 9.35, 3.0])
    s = pd.Series([1.0, 2.0], index=["a", "b"])
    res = convert(s, "USD", "CNY")
    assert list(res.index) == ["a", "b"] and res["b"] == pytest.approx(14.2)


def test_lowercase_codes_and_mapping_overrides_defaults():
    assert convert(1.0, "usd", "cny", {"USD": 7.0}) == pytest.approx(7.0)
    assert convert(1.0, "GBP", "CNY", {"USD": 7.0}) == pytest.approx(9.35)   # other rates keep their defaults
    only = pd.DataFrame({"currency": ["USD"], "cny_per_unit": [7.0]})        # a frame replaces the table
    with pytest.raises(UnknownCurrencyError, match="'GBP'"):
        convert(1.0, "GBP", "CNY", only)


def test_unknown_currency_names_it_and_the_known_ones():
    with pytest.raises(UnknownCurrencyError, match="'XYZ'") as e:
        convert(1.0, "XYZ", "USD")
    assert "known: " in str(e.value) and "GBP" in str(e.value) and "THB" in str(e.value)
    with pytest.raises(UnknownCurrencyError, match="to_ccy"):
        convert([1.0, 2.0], "USD", ["CNY", "JPY"])


def test_bad_rate_rejected_with_fix():
    bad = default_fx_rates()
    bad.loc[bad.currency == "USD", "cny_per_unit"] = -1.0
    with pytest.raises(ValueError, match="cny_per_unit for USD must be a number > 0"):
        fx_table(bad)
    with pytest.raises(ValueError, match="missing column"):
        fx_table(pd.DataFrame({"currency": ["USD"]}))


def test_default_table_is_dated_and_labelled():
    fx = default_fx_rates()
    assert {"currency", "cny_per_unit", "as_of_date", "label", "source"} <= set(fx.columns)
    assert (fx.loc[fx.currency != "CNY", "label"] == "[E]").all()
    assert set(known_currencies()) >= {"CNY", "USD", "GBP", "THB", "EUR"}
    v = fx_vector(["USD", "CNY"])
    np.testing.assert_allclose(v, [7.10, 1.0])


@settings(deadline=None)  # a busy CI machine must not fail a math property on time
@given(st.floats(0, 1e7, allow_nan=False), st.sampled_from(["USD", "GBP", "THB", "EUR", "VND"]),
       st.sampled_from(["CNY", "USD", "IDR", "SGD"]))
def test_round_trip_returns_the_amount(x, a, b):
    assert convert(convert(x, a, b), b, a) == pytest.approx(x, rel=1e-12, abs=1e-9)
