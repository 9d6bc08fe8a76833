from __future__ import annotations

import re
from datetime import datetime, timezone

import pandas as pd
import plotly.graph_objects as go
import pytest

from linkstar_analytics.report.html import review_report_html

HOSTILE = "<script>alert(1)</script>"
STAMP = datetime(2026, 11, 25, 12, 30, tzinfo=timezone.utc)


def _report(**overrides) -> str:
    kwargs = dict(
        title=f"BFCM 2026 {HOSTILE}",
        scenario_summary=[("Service level", "95%"), ("Scenario", HOSTILE), ("数据集版本", "7")],
        headline=[("Stockout risk", "4.2%"), (HOSTILE, '"><img src=x onerror=alert(2)>'), ("到岸成本", "¥12,345.00")],
        top_risks=pd.DataFrame(
            {"SKU": ["MUG-01", HOSTILE], "名称": ["保温杯", "lamp & shade"], "Stockout risk (%)": [12.5, 3.0],
             "Units": [1200.0, 7]}
        ),
        late_items=pd.DataFrame({"SKU": ["MUG-01"], "Arrival": [pd.Timestamp("2026-11-30")], "Late": [True]}),
        blocking=pd.DataFrame({HOSTILE: ["missing UN38.3"]}),
        decisions=pd.DataFrame(columns=["Decision", "Author"]),
        figures=[
            go.Figure(go.Bar(x=["a", "b"], y=[1, 2], name=HOSTILE)),
            go.Figure(go.Scatter(x=[1, 2], y=[3, 4]), layout={"title": {"text": "需求预测"}}),
        ],
        lang="en",
        generated_at=STAMP,
    )
    kwargs.update(overrides)
    return review_report_html(**kwargs)


def test_hostile_strings_are_escaped_everywhere():
    page = _report()
    assert HOSTILE not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<title>BFCM 2026 &lt;script&gt;" in page
    assert "lamp &amp; shade" in page
    # the only <script> tags are plotly's own: its config and bundle once, then one per figure
    assert page.count("<script") == 2 + 2


def test_figures_embedded_with_plotlyjs_inlined_once_and_no_network():
    page = _report()
    assert 'id="ls-figure-1"' in page and 'id="ls-figure-2"' in page
    assert page.count("Plotly.newPlot(") == 2
    assert page.count("window.PlotlyConfig") == 1  # the inline bundle, once
    assert not re.search(r"<script[^>]+src=", page)
    assert "src=\"https://cdn.plot.ly" not in page
    assert "connect-src 'none'" in page


def test_chinese_text_and_language():
    page = _report(lang="zh", title="双十二备货评审")
    assert '<html lang="zh-CN">' in page
    assert "<h1>双十二备货评审</h1>" in page
    assert "保温杯" in page and "数据集版本" in page and "到岸成本" in page
    assert "主要缺货与积压风险" in page and "决策记录" in page
    assert "生成时间" in page
    assert "需求预测" in page or "\\u9700\\u6c42\\u9884\\u6d4b" in page
    assert "<td>是</td>" in page  # boolean shown in Chinese


def test_print_layout_timestamp_and_table_formatting():
    page = _report()
    assert "@page { size: A4;" in page
    assert "break-before: page" in page
    assert page.count('class="page"') == 5  # charts, risks, late, blocking, decisions each start a page
    assert "2026-11-25 12:30 UTC" in page
    assert '<td class="num">1,200</td>' in page and '<td class="num">12.50</td>' in page
    assert '<td class="num">3.00</td>' in page  # one style per column
    assert "<td>2026-11-30</td>" in page
    # the empty decisions table says so
    decisions = page.split('id="decisions"')[1]
    assert "Nothing to report." in decisions


def test_row_cap_adds_a_note():
    page = _report(top_risks=pd.DataFrame({"SKU": [f"S{i}" for i in range(5)]}), max_table_rows=2, figures=[])
    assert "S1" in page and "S2" not in page
    assert "and 3 more rows" in page
    assert "No charts." in page


@pytest.mark.parametrize(
    ("overrides", "error", "match"),
    [
        ({"lang": "fr"}, ValueError, "lang"),
        ({"figures": ["not a figure"]}, TypeError, "figures"),
        ({"max_table_rows": 0}, ValueError, "max_table_rows"),
    ],
)
def test_bad_arguments(overrides, error, match):
    with pytest.raises(error, match=match):
        _report(**overrides)
