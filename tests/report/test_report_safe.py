from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkstar_analytics.report.safe import FORMULA_TRIGGERS, neutralise_cell, neutralise_frame


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://x","y")', "@SUM(A1)", "+1+1", "-2+3+cmd|' /C calc'!A0", "\t=1", "\r=1", "=", "-"],
)
def test_formula_like_text_gets_a_quote_prefix(value):
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["MUG-01", "保温杯 350ml", "", " =1", "'=already", "a=b", "100"])
def test_ordinary_text_is_unchanged(value):
    assert neutralise_cell(value) == value


@pytest.mark.parametrize("value", [-5, -5.5, 0, None, True, pd.Timestamp("2026-11-01")])
def test_non_text_values_are_unchanged(value):
    assert neutralise_cell(value) is value


@given(st.text())
def test_result_never_starts_with_a_trigger_and_keeps_the_text(text):
    out = neutralise_cell(text)
    assert not out.startswith(FORMULA_TRIGGERS)
    assert out in (text, "'" + text)
    assert (out != text) == text.startswith(FORMULA_TRIGGERS)


def test_neutralise_frame_copies_and_leaves_numbers():
    frame = pd.DataFrame({"=h": ["=1+1", "ok"], "n": [-1, 2]})
    out = neutralise_frame(frame)
    assert list(out.columns) == ["'=h", "n"]
    assert out["'=h"].tolist() == ["'=1+1", "ok"]
    assert out["n"].tolist() == [-1, 2]
    assert frame["=h"].tolist() == ["=1+1", "ok"]  # input unchanged
