from __future__ import annotations

import re
from datetime import datetime, timezone

import numpy as np
import pandas as pd
import pytest

from linkstar_analytics.report.figures import cash_svg, risk_scatter_svg
from linkstar_analytics.report.html import review_report_html

HOSTILE = "<script>alert(1)</script>"
STAMP = datetime(2026, 11, 25, 12, 30, tzinfo=timezone.utc)


def _risk(n: int = 2) -> pd.DataFrame:
    return pd.DataFrame({
        "sku": ["MUG-01", HOSTILE][:n] + [f"S{i}" for i in range(max(0, n - 2))],
        "name": ["保温杯", "lamp & shade"][:n] + ["x"] * max(0, n - 2),
        "region": ["US"] * n, "warehouse_id": ["FBT-US"] * n,
        "qty_after_rounding": [1200.0, 7.0][:n] + [1.0] * max(0, n - 2),
        "demand_mean": [1033.4, 5.5][:n] + [1.0] * max(0, n - 2),
        "demand_p90": [1300.0, 9.0][:n] + [1.0] * max(0, n - 2),
        "stockout_prob": [0.125, 0.0304][:n] + [0.0] * max(0, n - 2),
        "expected_lost_units": [30.4, 0.2][:n] + [0.0] * max(0, n - 2),
        "lost_margin": [456.789, 1.25][:n] + [0.0] * max(0, n - 2),
        "expected_leftover_units": [12.0, 1.0][:n] + [0.0] * max(0, n - 2),
        "leftover_cost": [99.5, 3.0][:n] + [0.0] * max(0, n - 2),
    })


def _report(**overrides) -> str:
    kwargs = dict(
        title=f"Black Friday / Cyber Monday 2026 {HOSTILE}",
        scenario_summary=[("Service level", "95%"), ("Scenario", HOSTILE), ("数据集版本", "7")],
        headline=[("Stockout risk", "4.2%"), (HOSTILE, '"><img src=x onerror=alert(2)>'), ("到岸成本", "¥12,345.00")],
        top_stockout=_risk(),
        top_overstock=_risk(),
        late_items=pd.DataFrame({"sku": ["MUG-01"], "warehouse_id": ["FBT-US"], "freight_mode": ["sea"],
                                 "latest_po_date": [pd.Timestamp("2026-11-20")], "days_late": [5.0],
                                 "expected_arrival": [pd.Timestamp("2026-11-30")], "rescue_mode": ["air"],
                                 "rescue_extra_cost_per_unit": [0.4567], "is_late": [True]}),
        blocking=pd.DataFrame({"sku": ["LAMP-9"], "warehouse_id": ["FBT-UK"], "region": ["UK"], "item": ["UKCA"],
                               "detail": [""], "fix": ["add UKCA (or CE, recognised in Great Britain) to skus.certificates"]}),
        decisions=pd.DataFrame(columns=["created_at", "scenario_version", "author", "text"]),
        figures=[],
        currency="USD",
        lang="en",
        generated_at=STAMP,
    )
    kwargs.update(overrides)
    return review_report_html(**kwargs)


@pytest.fixture(scope="module")
def svgs() -> list[str]:
    rng = np.random.default_rng(3)
    pts = pd.DataFrame({"stockout_pct": rng.uniform(0, 100, 60), "leftover_cost": rng.gamma(2, 300, 60),
                        "units": rng.integers(0, 500, 60), "region": rng.choice(["US", "UK"], 60)})
    cash = pd.DataFrame({"week_start": pd.date_range("2026-11-30", periods=10, freq="W-MON"),
                         "paid": rng.gamma(2, 1e4, 10), "released": rng.gamma(2, 5e3, 10)})
    cash["tied_up"] = (cash["paid"] - cash["released"]).cumsum()
    return [
        risk_scatter_svg(pts, title="缺货风险 <与> 积压", x_label="缺货概率（%）", y_label="滞销成本（USD）",
                         size_label="气泡 = 件数", series_labels={"US": "美国", "UK": "英国"}),
        cash_svg(cash, title="每周资金占用", x_label="周起始日", y_label="资金（USD）", paid_label="支出",
                 released_label="回款", tied_label="占用", lang="zh"),
    ]


def test_hostile_strings_are_escaped_everywhere():
    page = _report()
    assert HOSTILE not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<title>Black Friday / Cyber Monday 2026 &lt;script&gt;" in page
    assert "lamp &amp; shade" in page
    assert "<script" not in page  # no script at all: the charts are SVG


def test_charts_are_inline_svg_and_nothing_is_fetched(svgs):
    page = _report(figures=svgs, lang="zh")
    assert 'id="ls-figure-1"' in page and 'id="ls-figure-2"' in page
    assert page.count("<svg") == 2 and "viewBox" in page
    assert "缺货风险 &lt;与&gt; 积压" in page  # chart text is escaped XML, in the reader's language
    assert "12月7日" in page and "2026年" in page  # chart dates in Chinese
    assert not re.search(r"(src|href)=\"https?:", page)
    assert "script-src 'none'" in page and "connect-src 'none'" in page
    assert len(page.encode("utf-8")) < 200_000


def test_tables_have_readable_headers_rounded_numbers_and_words():
    page = _report()
    assert "qty_after_rounding" not in page and "stockout_prob" not in page and "decision_id" not in page
    assert "<th class=\"num\">Order qty (units)</th>" in page
    assert "Lost margin (USD)" in page and "Extra cost / unit (USD)" in page
    assert '<td class="num">1,200</td>' in page and '<td class="num">1,033</td>' in page
    assert '<td class="num">12.5%</td>' in page and '<td class="num">3.0%</td>' in page
    assert '<td class="num">457</td>' in page  # money in whole units
    assert '<td class="num">0.46</td>' in page  # per-unit money with two decimals
    assert "<td>Sea</td>" in page and "<td>Air</td>" in page
    assert '<td class="date">20 Nov 2026</td>' in page
    assert "is_late" not in page  # columns the section does not show are left out
    assert '<td class="id">MUG-01</td>' in page  # ids never wrap
    blocking = page.split('id="blocking"')[1]
    assert "UKCA is not among the SKU&#x27;s certificates" in blocking
    assert "Add UKCA (or CE, recognised in Great Britain)" in blocking


def test_chinese_report_reads_in_chinese():
    page = _report(lang="zh", title="黑五网一 2026 备货评审")
    assert '<html lang="zh-CN">' in page
    assert "<h1>黑五网一 2026 备货评审</h1>" in page
    assert "下单量（件）" in page and "损失毛利（USD）" in page and "缺货风险最高" in page and "决策记录" in page
    assert "<td>海运</td>" in page and "<td>空运</td>" in page
    assert "2026年11月20日" in page and "生成时间" in page and "2026年11月25日 12:30 UTC" in page
    blocking = page.split('id="blocking"')[1]
    assert "SKU 主数据的证书列表中没有 UKCA" in blocking and "在 skus.certificates 中加入 UKCA" in blocking


def test_print_layout_is_a4_landscape_with_sections_on_their_own_pages():
    page = _report()
    assert "@page { size: A4 landscape;" in page
    assert "break-before: page" in page
    assert page.count('class="page"') == 5  # charts, stockout risks, late, blocking, decisions each start a page
    assert ".figure svg { display: block; width: 100%; height: auto;" in page
    decisions = page.split('id="decisions"')[1]
    assert "Nothing to report." in decisions


def test_row_cap_adds_a_note():
    page = _report(top_stockout=_risk(5), max_table_rows=2, figures=[])
    assert "S0" not in page.split('id="top_stockout"')[1].split("</section>")[0]
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
