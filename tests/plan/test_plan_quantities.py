"""Quantities: textbook newsvendor and safety-stock examples, rounding properties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from linkstar_analytics.plan.quantities import (
    critical_ratio,
    moq_allocation,
    moq_and_case_pack,
    newsvendor_normal,
    safety_stock_normal,
)

round_to_moq_and_case_pack = moq_and_case_pack


def test_snyder_shen_example_4_3():
    """Snyder & Shen, Fundamentals of Supply Chain Theory, 2nd ed., Example 4.3:
    h = 0.18, p = 0.70, demand ~ N(50, 8^2)  ->  S* = 56.60 (eq. 4.24)."""
    s = newsvendor_normal(mean=50, sd=8, underage_cost=0.70, overage_cost=0.18)
    assert float(s) == pytest.approx(56.603955927433887, abs=1e-9)


def test_snyder_shen_problem_4_1():
    """Snyder & Shen, Problem 4.1: h = 65 - 22, p = 129 - 65 + 15, demand ~ N(900, 60^2)."""
    h = 65 - 22
    p = 129 - 65 + 15
    s = newsvendor_normal(mean=900, sd=60, underage_cost=p, overage_cost=h)
    assert float(critical_ratio(underage_cost=p, overage_cost=h)) == pytest.approx(79 / 122)
    assert float(s) == pytest.approx(900 + 60 * stats.norm.ppf(79 / 122), abs=1e-9)
    assert float(s) == pytest.approx(922.72, abs=0.01)


def test_nahmias_macs_newsstand():
    """Nahmias & Olsen, Production and Operations Analysis, ch. 5, Mac's newsstand: copies cost 25c,
    sell for 75c, no salvage; demand ~ N(11.73, 4.74^2); cu = 0.50, co = 0.25, ratio 0.667 -> Q* = 13.77 ~ 14."""
    cu, co = 0.75 - 0.25, 0.25
    assert float(critical_ratio(underage_cost=cu, overage_cost=co)) == pytest.approx(2 / 3)
    q = float(newsvendor_normal(mean=11.73, sd=4.74, underage_cost=cu, overage_cost=co))
    assert q == pytest.approx(13.77, abs=0.01)
    assert round(q) == 14


def test_chopra_meindl_safety_inventory_given_csl():
    """Chopra & Meindl, Supply Chain Management (ch. "Managing uncertainty: safety inventory"), example
    'evaluating required safety inventory given desired CSL': weekly demand 2,500, sd 500, lead time
    2 weeks, CSL 0.90 -> sigma_L = sqrt(2) * 500 = 707, ss = NORMSINV(0.9) * 707 = 906 (Silver, Pyke &
    Peterson's k sigma rule with k = Phi^-1(P1))."""
    sigma_l = np.sqrt(2) * 500
    ss = float(safety_stock_normal(sd=sigma_l, service_level_frac=0.90))
    assert ss == pytest.approx(906, abs=1)


def test_safety_stock_rejects_pct():
    with pytest.raises(ValueError, match="service_level_frac"):
        safety_stock_normal(sd=10, service_level_frac=95)


def test_rounding_worked_example():
    # SKU 0: needs 30 + 10 < MOQ 100 -> scaled to 75 + 25, then cartons of 12 -> 84 + 36
    # SKU 1: no need -> nothing, whatever its MOQ
    # SKU 2: need 13 with case pack 6 and no MOQ -> 18
    r = round_to_moq_and_case_pack(need_units=np.array([30.0, 10.0, 0.0, 13.0]), line_sku=np.array([0, 0, 1, 2]),
                                   n_skus=3, moq_units=np.array([100, 500, 0]), case_pack_units=np.array([12, 1, 6]))
    assert r.qty_units.tolist() == [84.0, 36.0, 0.0, 18.0]
    assert r.surplus_units.tolist() == [54.0, 26.0, 0.0, 5.0]
    assert r.moq_applied.tolist() == [True, True, False, False]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 4), st.floats(0, 5000, allow_nan=False)), min_size=1, max_size=20),
    st.lists(st.integers(0, 1000), min_size=5, max_size=5),
    st.lists(st.integers(1, 48), min_size=5, max_size=5),
)
def test_rounding_properties(lines, moq, case_pack):
    sku = np.array([s for s, _ in lines])
    need = np.array([n for _, n in lines])
    r = round_to_moq_and_case_pack(need_units=need, line_sku=sku, n_skus=5, moq_units=np.array(moq),
                                   case_pack_units=np.array(case_pack))
    q = r.qty_units
    cp = np.array(case_pack)[sku]
    # never below the need, whole cartons, 0 stays 0
    assert np.all(q >= need - 1e-6)
    assert np.allclose(np.mod(q, cp), 0)
    assert np.all(q[need <= 1e-6] == 0)
    # per SKU: never below the MOQ once anything is ordered
    tot = np.bincount(sku, weights=q, minlength=5)
    ordered = tot > 0
    assert np.all(tot[ordered] >= np.array(moq)[ordered] - 1e-6)
    assert np.allclose(r.surplus_units, q - np.where(need > 1e-6, need, 0.0))


@settings(max_examples=100, deadline=None)
@given(st.floats(0.01, 1e4), st.floats(0.01, 1e4))
def test_critical_ratio_in_unit_interval(cu, co):
    cr = float(critical_ratio(underage_cost=cu, overage_cost=co))
    assert 0 < cr < 1
    assert cr == pytest.approx(cu / (cu + co))


def test_critical_ratio_without_margin_is_zero():
    """No margin to lose on a unit short: the ratio is 0 (order nothing), not a tiny positive fractile."""
    assert float(critical_ratio(underage_cost=0.0, overage_cost=5.0)) == 0.0
    assert float(critical_ratio(underage_cost=-3.0, overage_cost=5.0)) == 0.0
    assert float(critical_ratio(underage_cost=4.0, overage_cost=0.0)) == 1.0


def test_moq_allocation_worked_example():
    """SKU with MOQ 300 sold from two warehouses: weights 3 : 1 (share x demand x cover x margin), stock 40 and 0.
    The position after an MOQ order, 300 + 40 = 340, splits 255 : 85; each line's stock comes off:
    a = (255 - 40, 85 - 0) = (215, 85), which sums to exactly the MOQ. A second SKU without weight gets nothing."""
    a = moq_allocation(moq_units=np.array([300.0, 100.0]), weight=np.array([3.0, 1.0, 0.0]),
                       position_units=np.array([40.0, 0.0, 10.0]), line_sku=np.array([0, 0, 1]), n_skus=2)
    np.testing.assert_allclose(a, [215.0, 85.0, 0.0])


def test_moq_up_takes_the_larger_of_need_and_allocation_or_skips():
    """Needs 50 and 20 (case pack 10) under MOQ 300 with the allocation (215, 85): the order is max(need, a) rounded
    up to cartons = (220, 90) = 310 >= MOQ; skipped when its expected profit is negative."""
    kw = dict(need_units=np.array([50.0, 20.0]), line_sku=np.array([0, 0]), n_skus=1, moq_units=np.array([300.0]),
              case_pack_units=np.array([10.0]), moq_policy="up", allocation_units=np.array([215.0, 85.0]))
    r = moq_and_case_pack(**kw)
    np.testing.assert_allclose(r.qty_units, [220.0, 90.0])
    np.testing.assert_allclose(r.moq_added_units, [170.0, 70.0])  # over the need in cartons (50, 20)
    assert r.moq_applied.all() and r.below_moq.all() and not r.moq_skipped.any()
    skipped = moq_and_case_pack(**kw, skip_sku=np.array([True]))
    np.testing.assert_allclose(skipped.qty_units, [0.0, 0.0])
    assert skipped.moq_skipped.all()
    np.testing.assert_allclose(skipped.moq_added_units, [-50.0, -20.0])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.floats(0, 400), min_size=3, max_size=3), st.lists(st.floats(0, 300), min_size=3, max_size=3),
       st.lists(st.floats(0.0, 5.0), min_size=3, max_size=3), st.lists(st.floats(0, 200), min_size=3, max_size=3),
       st.integers(0, 800), st.integers(1, 24))
def test_moq_order_is_monotone_in_every_line_need(need, more, weight, stock, moq, case_pack):
    """Raising any line's need never lowers any line's order (the old proportional split did: 300 -> 240 -> 210)."""
    sku = np.zeros(3, dtype=np.int64)
    alloc = moq_allocation(moq_units=np.array([float(moq)]), weight=np.array(weight), position_units=np.array(stock),
                           line_sku=sku, n_skus=1)
    kw = dict(line_sku=sku, n_skus=1, moq_units=np.array([float(moq)]), case_pack_units=np.array([float(case_pack)]),
              moq_policy="up", allocation_units=alloc)
    lo = moq_and_case_pack(need_units=np.array(need), **kw).qty_units
    hi = moq_and_case_pack(need_units=np.array(need) + np.array(more), **kw).qty_units
    assert np.all(hi >= lo - 1e-9)
    if lo.sum() > 0 and np.array(weight).sum() > 0:
        assert lo.sum() >= moq - 1e-6


@pytest.mark.parametrize("policy", ["up", "skip", "need"])
def test_moq_policies_split_the_order_into_need_moq_and_case_pack(policy):
    from linkstar_analytics.plan.quantities import moq_and_case_pack as rnd

    # SKU 0: need 30 + 20 < MOQ 100 (case pack 10); SKU 1: need 250 >= MOQ 100 (case pack 12)
    need = np.array([30.0, 20.0, 250.0])
    r = rnd(need_units=need, line_sku=np.array([0, 0, 1]), n_skus=2, moq_units=np.array([100.0, 100.0]),
            case_pack_units=np.array([10.0, 12.0]), moq_policy=policy)
    np.testing.assert_allclose(need + r.moq_added_units + r.case_pack_added_units, r.qty_units)
    assert r.below_moq.tolist() == [True, True, False]
    assert r.qty_units[2] == 252.0 and r.moq_added_units[2] == 0.0
    expected = {"up": [60.0, 40.0], "skip": [0.0, 0.0], "need": [30.0, 20.0]}[policy]
    np.testing.assert_allclose(r.qty_units[:2], expected)
    np.testing.assert_allclose(r.moq_added_units[:2], np.array(expected) - np.array([30.0, 20.0]))
    assert r.moq_applied.tolist() == [policy == "up", policy == "up", False]
    with pytest.raises(ValueError, match="moq_policy"):
        rnd(need_units=need, line_sku=np.array([0, 0, 1]), n_skus=2, moq_units=np.array([100.0, 100.0]),
            case_pack_units=np.array([10.0, 12.0]), moq_policy="round")
