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


def test_the_data_model_exists_in_chinese_for_every_table_and_column():
    from linkstar_analytics.io.schema_zh import COLUMNS_ZH, TABLES_ZH
    from linkstar_analytics.io.validation import schemas_markdown
    from linkstar_analytics.schemas import TABLES

    assert set(TABLES_ZH) == set(TABLES)
    assert set(COLUMNS_ZH) == {(t.name, c.name) for t in TABLES.values() for c in t.columns}
    zh = schemas_markdown("zh")
    rows = [line for line in zh.splitlines() if line.startswith("| `")]
    assert "## 数据模型" in zh and len(rows) == sum(len(t.columns) for t in TABLES.values())
