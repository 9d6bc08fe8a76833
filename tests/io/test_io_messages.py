"""The importer's and the database's messages: both languages, the same fields, values quoted short and visible."""

from __future__ import annotations

import re

from linkstar_analytics.io.messages import MESSAGES, QUOTE_CHARS, T, quote
from linkstar_analytics.io.readers import format_issue, make_issue

FIELD = re.compile(r"{(\w+)}")


def test_every_message_has_both_languages_with_the_same_fields():
    for key, entry in MESSAGES.items():
        assert set(entry) == {"en", "zh"}, key
        assert set(FIELD.findall(entry["en"])) == set(FIELD.findall(entry["zh"])), key
        if not key.startswith("p."):
            assert entry["en"].strip() and entry["zh"].strip(), key


def test_quote_is_short_and_shows_invisible_characters():
    assert quote("SKU-A\u200b") == "'SKU-A?'"
    assert quote("x" * 500) == "'" + "x" * QUOTE_CHARS + "…'"
    assert quote("it's") == "'it’s'"


def test_an_issue_reads_in_either_language():
    issue = make_issue("sales.csv", 14, "units", "negative_value", T("negative_value", value="-3"), T("fix.units"))
    assert format_issue(issue) == ("sales.csv, row 14, column 'units': -3 is negative. "
                                   "Fix: enter units sold as 0 or more (returns go in a separate file).")
    assert format_issue(issue, "zh") == "sales.csv，第 14 行，列 'units'：-3 是负数。处理方法：销量填 0 或以上的数（退货另行记录）。"
