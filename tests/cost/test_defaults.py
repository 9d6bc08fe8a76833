"""Every default table carries its source and label, and is a fresh copy per call."""

from __future__ import annotations

import pytest

from linkstar_analytics.cost import defaults as D

TABLES = [D.default_fx_rates, D.default_return_rates, D.default_rush_curve, D.default_disposal_fees,
          D.default_leftover_params, D.default_duty_basis, D.default_cost_params, D.default_readiness_rules]


@pytest.mark.parametrize("fn", TABLES, ids=lambda f: f.__name__)
def test_every_row_has_a_source_and_a_label(fn):
    t = fn()
    assert len(t) > 0
    assert t["source"].astype(str).str.len().gt(5).all()
    assert t["label"].isin(["[S]", "[E]"]).all()


def test_tables_are_copies_the_caller_can_edit():
    t = D.default_return_rates()
    t.loc[t.category == "apparel", "return_rate_pct"] = 99.0
    assert D.default_return_rates().set_index("category").loc["apparel", "return_rate_pct"] == 25.0


def test_return_rates_match_defaults_md_section_6():
    r = D.default_return_rates().set_index("category")["return_rate_pct"]
    assert (r["apparel"], r["beauty"], r["appliances"], r["home"]) == (25.0, 8.0, 10.0, 10.0)


def test_param_lookup_names_missing_parameter():
    with pytest.raises(KeyError, match="no parameter 'nope'"):
        D.param(D.default_cost_params(), "nope")
