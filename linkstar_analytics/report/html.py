"""The printable review report: one self-contained HTML page for the stock-up review meeting.

Sections: scenario, headline figures, charts, top stockout risks, top overstock risks, late items, blocking items,
decisions. Made to be projected and printed:

* everything in the reader's language: fixed texts, column headers (:data:`COLUMNS`), codes (freight modes,
  readiness items and their "why" and "how to fix", from ``report.words``), dates (``5 Dec 2026`` /
  ``2026年12月5日``);
* numbers rounded for reading: whole units with thousands separators, money in whole units of the currency named
  in the header (two decimals for per-unit money), probabilities as percentages with one decimal;
* charts are static SVG (``report.figures``), scaled to the page: nothing to clip, nothing to load, a few tens of kB
  (the whole page stays well under 1 MB; plotly.js alone was 4.6 MB);
* print CSS for A4 landscape: each table section starts on a new page, headers repeat, rows and charts are never
  split; SKU and warehouse ids never wrap inside a word;
* safe offline: every string goes through ``html.escape``; a Content-Security-Policy meta tag forbids scripts and
  every network fetch.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

import numpy as np
import pandas as pd

from linkstar_analytics.report.safe import is_missing
from linkstar_analytics.report.words import readiness_fix, readiness_why, word

LANGS: tuple[str, ...] = ("en", "zh")

#: Every fixed text on the page, English and Chinese.
TEXT: dict[str, tuple[str, str]] = {
    "generated_at": ("Generated at", "生成时间"),
    "scenario": ("Scenario", "情景设置"),
    "setting": ("Setting", "设置项"),
    "value": ("Value", "取值"),
    "headline": ("Headline", "核心指标"),
    "charts": ("Charts", "图表"),
    "top_stockout": ("Top stockout risks (expected lost margin)", "缺货风险最高（预计损失毛利）"),
    "top_overstock": ("Top overstock risks (expected leftover cost)", "积压风险最高（预计滞销成本）"),
    "late_items": ("Late items", "延误项"),
    "blocking": ("Blocking readiness items", "阻断性合规缺项"),
    "decisions": ("Decisions", "决策记录"),
    "empty": ("Nothing to report.", "无。"),
    "no_charts": ("No charts.", "无图表。"),
    "more_rows": ("… and {n} more rows (see the plan sheet).", "……另有 {n} 行（见备货计划表）。"),
    "count": ("{n} rows", "共 {n} 行"),
    "yes": ("Yes", "是"),
    "no": ("No", "否"),
}


@dataclass(frozen=True)
class Column:
    """A report column: headers and how its values read. Kinds: ``id`` (never wraps), ``text``, ``units`` (whole,
    thousands), ``money`` (whole, currency in the header), ``money_unit`` (two decimals, per unit), ``prob``
    (0-1 shown as %), ``days``, ``date``, ``datetime``, ``freight`` (mode in words), ``item`` (readiness item),
    ``why`` / ``fix`` (readiness explanation and fix, read with the row's ``item``)."""

    en: str
    zh: str
    kind: str

    def header(self, lang: str, currency: str | None) -> str:
        text = self.zh if lang == "zh" else self.en
        if self.kind in ("money", "money_unit") and currency:
            return f"{text}（{currency}）" if lang == "zh" else f"{text} ({currency})"
        return text


#: The columns the review tables can carry, by their plan / schedule / readiness names.
COLUMNS: dict[str, Column] = {
    "sku": Column("SKU", "SKU", "id"),
    "name": Column("Product", "商品", "text"),
    "region": Column("Market", "市场", "id"),
    "warehouse_id": Column("Warehouse", "仓库", "id"),
    "qty_after_rounding": Column("Order qty (units)", "下单量（件）", "units"),
    "demand_mean": Column("Demand, mean (units)", "需求均值（件）", "units"),
    "demand_p90": Column("Demand P90 (units)", "需求 P90（件）", "units"),
    "stockout_prob": Column("Stockout risk", "缺货概率", "prob"),
    "expected_lost_units": Column("Lost units", "缺货件数", "units"),
    "lost_margin": Column("Lost margin", "损失毛利", "money"),
    "expected_leftover_units": Column("Leftover units", "剩余件数", "units"),
    "leftover_cost": Column("Leftover cost", "滞销成本", "money"),
    "freight_mode": Column("Freight mode", "头程方式", "freight"),
    "latest_po_date": Column("Latest PO date", "最晚下单日", "date"),
    "days_late": Column("Days late", "延误天数", "days"),
    "expected_arrival": Column("Sellable if ordered today", "今天下单的可售日", "date"),
    "rescue_mode": Column("Faster mode that makes it", "可赶上的更快方式", "freight"),
    "rescue_extra_cost_per_unit": Column("Extra cost / unit", "单位额外成本", "money_unit"),
    "item": Column("Requirement", "要求", "item"),
    "detail": Column("Why", "原因", "why"),
    "fix": Column("How to fix", "处理方法", "fix"),
    "created_at": Column("When", "时间", "datetime"),
    "scenario_version": Column("Version", "版本", "days"),
    "author": Column("By", "记录人", "text"),
    "text": Column("Decision", "决策", "text"),
}

#: Columns shown per section (those present in the frame, in this order); a frame's other columns are left out.
SECTION_COLUMNS: dict[str, tuple[str, ...]] = {
    "top_stockout": ("sku", "name", "warehouse_id", "qty_after_rounding", "demand_mean", "stockout_prob",
                     "expected_lost_units", "lost_margin"),
    "top_overstock": ("sku", "name", "warehouse_id", "qty_after_rounding", "demand_mean", "expected_leftover_units",
                      "leftover_cost"),
    "late_items": ("sku", "warehouse_id", "freight_mode", "latest_po_date", "days_late", "expected_arrival",
                   "rescue_mode", "rescue_extra_cost_per_unit"),
    "blocking": ("sku", "warehouse_id", "region", "item", "detail", "fix"),
    "decisions": ("created_at", "scenario_version", "author", "text"),
}

#: The most rows printed per table; the rest are counted in a note.
MAX_TABLE_ROWS = 200

_CSP = (
    "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "connect-src 'none'; base-uri 'none'; form-action 'none'"
)

_CSS = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #cbd2d9; --accent: #1f4e79; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 273mm; padding: 8mm 6mm; color: var(--ink); font-size: 10pt; line-height: 1.4;
  font-family: "Helvetica Neue", Arial, "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei",
  "Source Han Sans SC", sans-serif; }
h1 { font-size: 17pt; margin: 0 0 1.5mm; color: var(--accent); }
h2 { font-size: 12.5pt; margin: 0 0 3mm; padding-bottom: 1mm; border-bottom: 2px solid var(--accent);
  color: var(--accent); }
.meta { color: var(--muted); margin: 0 0 4mm; }
section { margin: 0 0 7mm; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { border: 1px solid var(--line); padding: 1.1mm 1.6mm; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
th { background: #eef2f7; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.id, td.date { white-space: nowrap; }
table.kv { width: auto; min-width: 50%; }
table.kv th { width: 32%; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(58mm, 1fr)); gap: 3mm; }
.card { border: 1px solid var(--line); border-left: 4px solid var(--accent); padding: 2mm 3mm; break-inside: avoid; }
.card .label { color: var(--muted); font-size: 8.5pt; }
.card .value { font-size: 13pt; font-weight: 600; white-space: nowrap; }
.figure { margin: 0 0 4mm; break-inside: avoid; page-break-inside: avoid; }
.figure svg { display: block; width: 100%; height: auto; max-height: 100mm; }
.empty, .note { color: var(--muted); font-style: italic; }
@page { size: A4 landscape; margin: 10mm 12mm 12mm; }
@media print {
  body { max-width: none; padding: 0; }
  section.page { break-before: page; page-break-before: always; }
  thead { display: table-header-group; }
  tr, .card, .figure { break-inside: avoid; page-break-inside: avoid; }
}
"""


def _t(key: str, lang: str) -> str:
    en, zh = TEXT[key]
    return zh if lang == "zh" else en


def _e(value: Any) -> str:
    """HTML-escape any value as text (quotes included)."""
    return html.escape("" if value is None else str(value), quote=True)


def fmt_date(value: Any, lang: str) -> str:
    """``5 Dec 2026`` / ``2026年12月5日``."""
    ts = pd.Timestamp(value)
    return f"{ts.year}年{ts.month}月{ts.day}日" if lang == "zh" else f"{ts.day} {ts.strftime('%b')} {ts.year}"


def _number(v: Any) -> float | None:
    if isinstance(v, (bool, np.bool_)) or is_missing(v):
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _cell(v: Any, kind: str, lang: str, row: dict[str, Any]) -> tuple[str, str]:
    """(escaped text, css class) of one cell."""
    if kind == "why":
        return _e(readiness_why(str(row.get("item", "")), v, lang)), ""
    if kind == "fix":
        return _e(readiness_fix(str(row.get("item", "")), v, lang)), ""
    if is_missing(v):
        return "—" if kind in ("freight",) else "", ""
    if kind == "freight":
        return _e(word("freight", v, lang)), ""
    if kind == "item":
        return _e(word("item", v, lang)), ""
    if kind in ("date", "datetime"):
        ts = pd.Timestamp(v)
        text = fmt_date(ts, lang)
        if kind == "datetime" and ts != ts.normalize():
            text += f" {ts.strftime('%H:%M')}"
        return _e(text), "date"
    if isinstance(v, (bool, np.bool_)):
        return _e(_t("yes" if bool(v) else "no", lang)), ""
    if kind in ("units", "money", "days", "money_unit", "prob"):
        f = _number(v)
        if f is None:
            return _e(v), ""
        if kind == "prob":
            return _e(f"{100 * f:.1f}%"), "num"
        if kind == "money_unit":
            return _e(f"{f:,.2f}"), "num"
        return _e(f"{round(f):,}"), "num"
    if isinstance(v, (pd.Timestamp, datetime, date)):
        return _cell(v, "date", lang, row)
    if isinstance(v, (int, np.integer, float, np.floating)) and _number(v) is not None:
        f = float(v)
        return _e(f"{f:,.0f}" if f.is_integer() else f"{f:,.2f}"), "num"
    return _e(v), "id" if kind == "id" else ""


def _table(frame: pd.DataFrame | None, section: str, lang: str, *, currency: str | None, max_rows: int) -> str:
    if frame is None or len(frame) == 0 or frame.shape[1] == 0:
        return f'<p class="empty">{_e(_t("empty", lang))}</p>'
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"report tables must be pandas DataFrames (got {type(frame).__name__})")
    wanted = SECTION_COLUMNS.get(section)
    keys = [c for c in wanted if c in frame.columns] if wanted else list(frame.columns)
    if not keys:  # a frame with other columns than the known ones: show it as it is
        keys = list(frame.columns)
    cols = [COLUMNS.get(str(k), Column(str(k), str(k), "text")) for k in keys]
    numeric = {"units", "money", "money_unit", "prob", "days"}
    head = "".join(f'<th class="num">{_e(c.header(lang, currency))}</th>' if c.kind in numeric
                   else f"<th>{_e(c.header(lang, currency))}</th>" for c in cols)
    shown = frame.iloc[:max_rows]
    body = []
    for row in shown.to_dict("records"):
        cells = []
        for k, c in zip(keys, cols):
            text, cls = _cell(row.get(k), c.kind, lang, row)
            cells.append(f'<td class="{cls}">{text}</td>' if cls else f"<td>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    out = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    if len(frame) > max_rows:
        out += f'<p class="note">{_e(_t("more_rows", lang).format(n=f"{len(frame) - max_rows:,}"))}</p>'
    return out


def _pairs(pairs: Sequence[tuple[str, str]], name: str) -> list[tuple[str, str]]:
    try:
        out = [(str(k), "" if is_missing(v) else str(v)) for k, v in pairs]
    except (TypeError, ValueError) as exc:
        raise TypeError(f"`{name}` must be a list of (label, value) pairs; got {pairs!r:.80}") from exc
    return out


def review_report_html(
    *,
    title: str,
    scenario_summary: Sequence[tuple[str, str]],
    headline: Sequence[tuple[str, str]],
    top_stockout: pd.DataFrame | None,
    top_overstock: pd.DataFrame | None,
    late_items: pd.DataFrame | None,
    blocking: pd.DataFrame | None,
    decisions: pd.DataFrame | None,
    figures: Sequence[str] = (),
    currency: str | None = None,
    lang: str = "en",
    generated_at: datetime | None = None,
    max_table_rows: int = MAX_TABLE_ROWS,
) -> str:
    """Render the review report as one self-contained, printable HTML page (A4 landscape).

    Parameters
    ----------
    title : str
        Page title (the campaign's name, not its id, and the date); escaped.
    scenario_summary : list of (label, value)
        Levers in words and the dataset version, shown as a two-column table.
    headline : list of (label, value)
        Headline figures (already formatted with units/currency), shown as cards.
    top_stockout, top_overstock, late_items, blocking, decisions : DataFrame or None
        The review tables by their plan / schedule / readiness / decision column names (``review.review_tables``,
        ``storage.list_decisions``): the columns of :data:`SECTION_COLUMNS` present are shown with the headers of
        :data:`COLUMNS` in ``lang``; ``None`` or empty shows "Nothing to report.". At most ``max_table_rows`` rows
        each, with a note counting the rest.
    figures : list of str
        SVG charts (``report.figures``), embedded in order as ``<div class="figure" id="ls-figure-1">``...
    currency : str or None
        The money columns' currency (ISO code), shown in their headers.
    lang : {"en", "zh"}
        Language of every text and of the page's ``lang`` attribute.
    generated_at : datetime or None
        Timestamp printed under the title; default now (UTC).
    max_table_rows : int
        Row cap per table (default :data:`MAX_TABLE_ROWS`).

    Returns
    -------
    str
        The HTML document (UTF-8 declared), typically 50-500 kB.

    Raises
    ------
    ValueError
        ``lang`` unknown or ``max_table_rows`` < 1.
    TypeError
        A table is not a DataFrame, a figure is not an SVG string.
    """
    if lang not in LANGS:
        raise ValueError(f"`lang` must be one of {', '.join(LANGS)} (got {lang!r}); pass lang='en' or lang='zh'")
    if not isinstance(max_table_rows, int) or max_table_rows < 1:
        raise ValueError(f"`max_table_rows` must be an integer >= 1 (got {max_table_rows!r})")
    for i, fig in enumerate(figures):
        if not (isinstance(fig, str) and fig.lstrip().startswith("<svg")):
            raise TypeError(f"`figures[{i}]` must be an SVG string (got {type(fig).__name__}); "
                            "make it with linkstar_analytics.report.figures")

    stamp_dt = generated_at or datetime.now(timezone.utc)
    tz = stamp_dt.strftime("%Z") or ("UTC" if generated_at is None else "")
    stamp = f"{fmt_date(stamp_dt, lang)} {stamp_dt.strftime('%H:%M')} {tz}".strip()

    summary_rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>"
                           for k, v in _pairs(scenario_summary, "scenario_summary"))
    summary_html = (
        f'<table class="kv"><thead><tr><th>{_e(_t("setting", lang))}</th><th>{_e(_t("value", lang))}</th></tr></thead>'
        f"<tbody>{summary_rows}</tbody></table>"
        if summary_rows
        else f'<p class="empty">{_e(_t("empty", lang))}</p>'
    )
    cards = "".join(
        f'<div class="card"><div class="label">{_e(k)}</div><div class="value">{_e(v)}</div></div>'
        for k, v in _pairs(headline, "headline")
    )
    headline_html = f'<div class="cards">{cards}</div>' if cards else f'<p class="empty">{_e(_t("empty", lang))}</p>'
    figures_html = "".join(f'<div class="figure" id="ls-figure-{i + 1}">{svg}</div>' for i, svg in enumerate(figures))
    figures_html = figures_html or f'<p class="empty">{_e(_t("no_charts", lang))}</p>'

    def section(key: str, body: str, *, page: bool = True) -> str:
        cls = "page" if page else ""
        return f'<section id="{key}" class="{cls}"><h2>{_e(_t(key, lang))}</h2>{body}</section>'

    def table(key: str, frame: pd.DataFrame | None) -> str:
        return _table(frame, key, lang, currency=currency, max_rows=max_table_rows)

    body = "".join(
        [
            f"<header><h1>{_e(title)}</h1>"
            f'<p class="meta">{_e(_t("generated_at", lang))}: <time datetime="{_e(stamp_dt.isoformat())}">'
            f"{_e(stamp)}</time></p></header>",
            section("headline", headline_html, page=False),
            section("scenario", summary_html, page=False),
            section("charts", figures_html),
            section("top_stockout", table("top_stockout", top_stockout)),
            section("top_overstock", table("top_overstock", top_overstock), page=False),
            section("late_items", table("late_items", late_items)),
            section("blocking", table("blocking", blocking)),
            section("decisions", table("decisions", decisions)),
        ]
    )
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
