"""Typing and checking rules: dates, numbers, bools, defaults, lists, the pandera schema, the data-model text."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkstar_analytics.io.validation import (
    COLUMN_DEFAULTS, PLAUSIBLE_MAX, aggregate_order_lines, pandera_schema, schemas_markdown, validate_frame,
)
from linkstar_analytics.schemas import TABLES


def codes(issues):
    return [(i.row, i.column, i.code) for i in issues]


def test_every_optional_non_nullable_column_has_a_documented_default():
    for spec in TABLES.values():
        for col in spec.columns:
            if not col.required and not col.nullable:
                assert (spec.name, col.name) in COLUMN_DEFAULTS, (spec.name, col.name)


def test_sales_defaults_and_types():
    typed, issues = validate_frame(pd.DataFrame({"date": ["2026-11-01"], "sku": [" A1 "], "units": ["1,200"]}), "sales")
    assert issues == []
    assert typed.loc[0, "sku"] == "A1" and typed.loc[0, "units"] == 1200.0
    assert typed.loc[0, "region"] == "US" and typed.loc[0, "channel"] == "shop"
    assert pd.isna(typed.loc[0, "revenue"]) and typed.loc[0, "currency"] is None
    assert str(typed["date"].dtype) == "datetime64[ns]"


def test_input_frame_is_not_changed():
    raw = pd.DataFrame({"date": ["2026/11/01"], "sku": ["A1"], "units": [-1]})
    before = raw.copy()
    validate_frame(raw, "sales")
    pd.testing.assert_frame_equal(raw, before)


@pytest.mark.parametrize("text, expected", [
    ("2026-11-01", "2026-11-01"), ("2026/11/1", "2026-11-01"), ("2026.11.01", "2026-11-01"),
    ("20261101", "2026-11-01"), ("2026年11月1日", "2026-11-01"), ("46327", "2026-11-01"),
    ("2026-11-01 13:45:00", "2026-11-01"), ("2026-11-01T08:00:00", "2026-11-01"),
])
def test_date_formats(text, expected):
    typed, issues = validate_frame(pd.DataFrame({"date": [text], "sku": ["A"], "units": [1]}), "sales")
    assert issues == []
    assert typed.loc[0, "date"] == pd.Timestamp(expected)


def test_month_first_detected_from_one_unambiguous_value():
    typed, issues = validate_frame(pd.DataFrame({"date": ["11/03/2026", "11/25/2026"], "sku": ["A", "A"],
                                                 "units": [1, 1]}), "sales")
    assert issues == []
    assert typed["date"].tolist() == [pd.Timestamp("2026-11-03"), pd.Timestamp("2026-11-25")]


def test_mixed_day_and_month_first_is_an_error():
    _, issues = validate_frame(pd.DataFrame({"date": ["25/11/2026", "11/25/2026"], "sku": ["A", "B"],
                                             "units": [1, 1]}), "sales")
    assert codes(issues) == [(3, "date", "mixed_date_order")]


def test_impossible_and_garbage_dates():
    _, issues = validate_frame(pd.DataFrame({"date": ["2026-02-30", "next friday"], "sku": ["A", "B"],
                                             "units": [1, 1]}), "sales")
    assert codes(issues) == [(2, "date", "bad_date"), (3, "date", "bad_date")]


def test_datetime_keeps_time():
    lines = pd.DataFrame({"order_id": ["1", "2"], "ordered_at": ["2026-11-01 13:45", "2026/11/02 08:00:30"],
                          "sku": ["A", "A"], "quantity": [1, 2]})
    typed, issues = validate_frame(lines, "order_lines")
    assert issues == []
    assert typed["ordered_at"].tolist() == [pd.Timestamp("2026-11-01 13:45"), pd.Timestamp("2026-11-02 08:00:30")]
    daily = aggregate_order_lines(typed)
    assert daily["units"].tolist() == [1.0, 2.0] and list(daily.columns) == list(TABLES["sales"].column_names)


def test_bools_lists_and_allowed_values():
    skus = pd.DataFrame({
        "sku": ["A", "B", "C"], "name": ["a", "b", "c"], "category": ["Home", "beauty", "toys"],
        "unit_cost": [1, 1, 1], "cost_currency": ["cny", "CNY", "CNY"], "price": [2, 2, 2],
        "price_currency": ["USD"] * 3, "weight_kg": [1, 1, 1], "length_cm": [1, 1, 1], "width_cm": [1, 1, 1],
        "height_cm": [1, 1, 1], "moq_units": [1, 1, 1], "case_pack_units": [1, 0, 1], "production_days": [1, 1, 1],
        "has_battery": ["是", "no", "maybe"], "certificates": ["ce; ukca", "", "CE;ISO9001"],
    })
    typed, issues = validate_frame(skus, "skus")
    assert codes(issues) == [(3, "case_pack_units", "below_minimum"), (4, "category", "not_allowed"),
                             (4, "certificates", "not_allowed"), (4, "has_battery", "wrong_type")]
    assert typed["category"].tolist()[:2] == ["home", "beauty"]
    assert typed["cost_currency"].tolist()[0] == "CNY"
    assert typed["certificates"].tolist()[:2] == ["CE;UKCA", None]
    assert typed["has_battery"].tolist()[:2] == [True, False]


def test_long_text_is_kept_and_flagged():
    typed, issues = validate_frame(pd.DataFrame({"date": ["2026-11-01"], "sku": ["A" * 5000], "units": [1]}), "sales")
    # Kept as text (a warning), but an id that long is refused: ids are keys of links and editors.
    assert codes(issues) == [(2, "sku", "long_text"), (2, "sku", "id_too_long")]
    assert typed.loc[0, "sku"] == "A" * 5000


def test_chinese_header_aliases():
    frame = pd.DataFrame({"日期": ["2026-11-01"], "SKU": ["A"], "销量": [3], "渠道": ["LIVE"]})
    typed, issues = validate_frame(frame, "sales")
    assert issues == []
    assert typed.loc[0, "units"] == 3.0 and typed.loc[0, "channel"] == "live"


def test_unknown_table_name_raises_with_the_choices():
    with pytest.raises(ValueError, match="table must be one of skus"):
        validate_frame(pd.DataFrame(), "sale")


def test_pandera_schema_mirrors_the_spec():
    schema = pandera_schema(TABLES["warehouses"])
    checks = {c.name for c in schema.columns["duty_rate_pct"].checks}
    assert checks == {"greater_than_or_equal_to", "less_than_or_equal_to"}
    assert {c.name for c in schema.columns["region"].checks} == {"isin"}


def test_schemas_markdown_lists_every_column():
    md = schemas_markdown()
    for spec in TABLES.values():
        assert f"### `{spec.name}`" in md
        for col in spec.columns:
            assert f"| `{col.name}` |" in md
    assert "| `region` | str |  | no | one of US" in md


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=PLAUSIBLE_MAX[("sales", "units")], allow_nan=False),
                min_size=1, max_size=30))
def test_non_negative_units_pass_and_round_trip(values):
    frame = pd.DataFrame({"date": pd.date_range("2026-01-01", periods=len(values)).strftime("%Y-%m-%d"),
                          "sku": "A", "units": [repr(v) for v in values]})
    typed, issues = validate_frame(frame, "sales")
    assert issues == []
    assert typed["units"].tolist() == values


def test_min_typ_max_and_date_order():
    lanes = pd.DataFrame({"warehouse_id": ["W"], "freight_mode": ["sea"], "transit_days_min": [30],
                          "transit_days_typ": [25], "transit_days_max": [40], "volumetric_divisor": [1000]})
    _, issues = validate_frame(lanes, "freight_lanes")
    assert codes(issues) == [(2, "transit_days_typ", "wrong_order")]
    camp = pd.DataFrame({"campaign_id": ["C"], "name": ["c"], "regions": ["US"], "start_date": ["2026-11-30"],
                         "end_date": ["2026-11-27"], "declaration_deadline": ["2026-10-10"],
                         "inbound_cutoff": ["2026-11-10"], "default_uplift": [2]})
    _, issues = validate_frame(camp, "campaigns")
    assert codes(issues) == [(2, "end_date", "wrong_order")]
    assert "end_date 2026-11-27 is before/below start_date 2026-11-30" in issues[0].message


def test_creator_handles_are_text_but_formula_calls_are_flagged():
    import pandas as pd

    from linkstar_analytics.io.validation import validate_frame

    frame = pd.DataFrame({
        "date": ["2026-12-01"] * 3, "sku": ["A", "B", "C"],
        "creator": ["@homewithmia", "@SUM(A1:A9)", "=HYPERLINK(\"http://x\",\"y\")"],
        "region": ["US"] * 3, "expected_units": [10, 5, 3],
    })
    typed, issues = validate_frame(frame, "creators", file="creators.csv")
    flagged = {i.row for i in issues if i.code == "formula_text"}
    assert flagged == {3, 4}
    assert typed["creator"].tolist()[0] == "@homewithmia"
