"""The printable review report: one self-contained HTML page for the stock-up review meeting.

Sections: scenario and headline figures, charts, top risks, late items, blocking items, decisions.
The page works offline and prints on A4:

* every user string (title, scenario values, table headers and cells) goes through ``html.escape``;
* plotly figures are embedded with ``fig.to_html(full_html=False, ...)``, plotly.js inlined once with
  the first figure (no CDN, no network); plotly itself JSON-escapes ``<``, ``>`` and ``/`` in figure data;
* a Content-Security-Policy meta tag forbids every network fetch (``connect-src 'none'``, no remote
  scripts, styles, fonts or images), so even a missed escape cannot call out;
* print CSS: ``@page { size: A4 }``, a page break before each section, table headers repeated on
  each printed page, figures and table rows never split across pages.

Why plotly's own ``to_html``: it is the same figure object the dashboard shows, and ``full_html=False``
with ``include_plotlyjs=True`` once / ``False`` after gives one copy of the library for all charts.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from datetime import date, datetime, timezone
from typing import Any

import numpy as np
import pandas as pd

from linkstar_analytics.report.safe import is_missing

LANGS: tuple[str, ...] = ("en", "zh")

#: Every fixed text on the page, English and Chinese.
TEXT: dict[str, tuple[str, str]] = {
    "generated_at": ("Generated at", "生成时间"),
    "scenario": ("Scenario", "情景设置"),
    "setting": ("Setting", "设置项"),
    "value": ("Value", "取值"),
    "headline": ("Headline", "核心指标"),
    "charts": ("Charts", "图表"),
    "top_risks": ("Top stockout and overstock risks", "主要缺货与积压风险"),
    "late_items": ("Late items", "延误项"),
    "blocking": ("Blocking items", "阻断项"),
    "decisions": ("Decisions", "决策记录"),
    "empty": ("Nothing to report.", "无。"),
    "no_charts": ("No charts.", "无图表。"),
    "more_rows": ("… and {n} more rows (see the plan sheet).", "……另有 {n} 行（见备货计划表）。"),
    "yes": ("Yes", "是"),
    "no": ("No", "否"),
}

#: The most rows printed per table; the rest are counted in a note.
MAX_TABLE_ROWS = 200

_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
)

_CSS = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #cbd2d9; --accent: #1f4e79; --bad: #9c0006; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 186mm; padding: 8mm 0; color: var(--ink); font-size: 10pt; line-height: 1.4;
  font-family: "Helvetica Neue", Arial, "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei",
  "Source Han Sans SC", sans-serif; }
h1 { font-size: 18pt; margin: 0 0 2mm; color: var(--accent); }
h2 { font-size: 13pt; margin: 0 0 3mm; padding-bottom: 1mm; border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 11pt; margin: 4mm 0 2mm; }
.meta { color: var(--muted); margin: 0 0 5mm; }
section { margin: 0 0 8mm; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { border: 1px solid var(--line); padding: 1.2mm 1.6mm; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: #eef2f7; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.kv { width: auto; min-width: 60%; }
.cards { display: flex; flex-wrap: wrap; gap: 3mm; }
.card { border: 1px solid var(--line); border-left: 4px solid var(--accent); padding: 2mm 3mm; min-width: 40mm;
  flex: 1 1 40mm; break-inside: avoid; }
.card .label { color: var(--muted); font-size: 8.5pt; }
.card .value { font-size: 14pt; font-weight: 600; }
.figure { margin: 0 0 5mm; break-inside: avoid; page-break-inside: avoid; }
.empty, .note { color: var(--muted); font-style: italic; }
@page { size: A4; margin: 12mm 12mm 14mm; }
@media print {
  body { max-width: none; padding: 0; }
  section.page { break-before: page; page-break-before: always; }
  thead { display: table-header-group; }
  tr, .card { break-inside: avoid; page-break-inside: avoid; }
}
"""


def _t(key: str, lang: str) -> str:
    en, zh = TEXT[key]
    return zh if lang == "zh" else en


def _e(value: Any) -> str:
    """HTML-escape any value as text (quotes included)."""
    return html.escape("" if value is None else str(value), quote=True)


def _cell(v: Any, lang: str, decimals: int = 2) -> tuple[str, bool]:
    """(escaped display text, is_number) for one table cell; ``decimals`` for non-integer floats."""
    if is_missing(v):
        return "", False
    if isinstance(v, (bool, np.bool_)):
        return _e(_t("yes" if bool(v) else "no", lang)), False
    if isinstance(v, (pd.Timestamp, datetime)):
        ts = pd.Timestamp(v)
        return _e(ts.strftime("%Y-%m-%d") if ts == ts.normalize() else ts.strftime("%Y-%m-%d %H:%M")), False
    if isinstance(v, date):
        return _e(v.isoformat()), False
    if isinstance(v, (int, np.integer)):
        return _e(f"{int(v):,}"), True
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if math.isinf(f):
            return _e(str(f)), True
        return _e(f"{f:,.{decimals}f}" if decimals else f"{round(f):,}"), True
    return _e(v), False


def _column_decimals(values: list[Any]) -> int:
    """0 when every float in the column is a whole number, else 2."""
    for v in values:
        if isinstance(v, (float, np.floating)) and not is_missing(v) and math.isfinite(v) and not float(v).is_integer():
            return 2
    return 0


def _table(frame: pd.DataFrame | None, lang: str, *, max_rows: int) -> str:
    if frame is None or len(frame) == 0 or frame.shape[1] == 0:
        return f'<p class="empty">{_e(_t("empty", lang))}</p>'
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"report tables must be pandas DataFrames (got {type(frame).__name__})")
    shown = frame.iloc[:max_rows]
    head = "".join(f"<th>{_e(c)}</th>" for c in shown.columns)
    body_rows = []
    columns = [shown.iloc[:, j].tolist() for j in range(shown.shape[1])]
    # One number style per column: whole numbers without decimals, otherwise 2 decimals throughout.
    decimals = [_column_decimals(col) for col in columns]
    for row in zip(*columns):
        cells = []
        for v, d in zip(row, decimals):
            text, is_num = _cell(v, lang, d)
            cells.append(f'<td class="num">{text}</td>' if is_num else f"<td>{text}</td>")
        body_rows.append("<tr>" + "".join(cells) + "</tr>")
    out = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body_rows)}</tbody></table>"
    if len(frame) > max_rows:
        out += f'<p class="note">{_e(_t("more_rows", lang).format(n=len(frame) - max_rows))}</p>'
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
    top_risks: pd.DataFrame | None,
    late_items: pd.DataFrame | None,
    blocking: pd.DataFrame | None,
    decisions: pd.DataFrame | None,
    figures: Sequence[Any] = (),
    lang: str = "en",
    generated_at: datetime | None = None,
    max_table_rows: int = MAX_TABLE_ROWS,
) -> str:
    """Render the review report as one self-contained, printable HTML page.

    Parameters
    ----------
    title : str
        Page title (e.g. campaign and scenario name); escaped.
    scenario_summary : list of (label, value)
        Levers and dataset version, shown as a two-column table.
    headline : list of (label, value)
        Headline figures (already formatted with units/currency), shown as cards.
    top_risks, late_items, blocking, decisions : DataFrame or None
        Tables shown as they are (column names are the headers); ``None`` or empty shows
        "Nothing to report.". Numbers are formatted with thousands separators, whole numbers without
        decimals, others with 2; dates as ``YYYY-MM-DD``; booleans as Yes/No. At most
        ``max_table_rows`` rows each, with a note counting the rest.
    figures : list of plotly Figure
        Embedded in order as ``<div id="ls-figure-1">``...; plotly.js is inlined once, with the first.
    lang : {"en", "zh"}
        Language of the fixed texts and of the page's ``lang`` attribute.
    generated_at : datetime or None
        Timestamp printed under the title; default now (UTC).
    max_table_rows : int
        Row cap per table (default :data:`MAX_TABLE_ROWS`).

    Returns
    -------
    str
        The HTML document (UTF-8 declared). With figures it is about 5 MB (plotly.js).

    Raises
    ------
    ValueError
        ``lang`` unknown or ``max_table_rows`` < 1.
    TypeError
        A table is not a DataFrame, a figure has no ``to_html``.
    """
    if lang not in LANGS:
        raise ValueError(f"`lang` must be one of {', '.join(LANGS)} (got {lang!r}); pass lang='en' or lang='zh'")
    if not isinstance(max_table_rows, int) or max_table_rows < 1:
        raise ValueError(f"`max_table_rows` must be an integer >= 1 (got {max_table_rows!r})")
    for i, fig in enumerate(figures):
        if not hasattr(fig, "to_html"):
            raise TypeError(f"`figures[{i}]` must be a plotly Figure (got {type(fig).__name__}); pass go.Figure objects")

    stamp_dt = generated_at or datetime.now(timezone.utc)
    tz = stamp_dt.strftime("%Z") or ("UTC" if generated_at is None else "")
    stamp = f"{stamp_dt.strftime('%Y-%m-%d %H:%M')} {tz}".strip()

    summary_rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in _pairs(scenario_summary, "scenario_summary"))
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

    fig_parts = []
    for i, fig in enumerate(figures):
        div = fig.to_html(
            full_html=False,
            include_plotlyjs=(i == 0),
            div_id=f"ls-figure-{i + 1}",
            default_width="100%",
            default_height="110mm",
            config={"displaylogo": False, "responsive": True},
        )
        fig_parts.append(f'<div class="figure">{div}</div>')
    figures_html = "".join(fig_parts) or f'<p class="empty">{_e(_t("no_charts", lang))}</p>'

    def section(key: str, body: str, *, page: bool = True) -> str:
        cls = "page" if page else ""
        return f'<section id="{key}" class="{cls}"><h2>{_e(_t(key, lang))}</h2>{body}</section>'

    body = "".join(
        [
            f"<header><h1>{_e(title)}</h1>"
            f'<p class="meta">{_e(_t("generated_at", lang))}: <time datetime="{_e(stamp_dt.isoformat())}">{_e(stamp)}</time></p>'
            "</header>",
            section("scenario", summary_html, page=False),
            section("headline", headline_html, page=False),
            section("charts", figures_html),
            section("top_risks", _table(top_risks, lang, max_rows=max_table_rows)),
            section("late_items", _table(late_items, lang, max_rows=max_table_rows)),
            section("blocking", _table(blocking, lang, max_rows=max_table_rows)),
            section("decisions", _table(decisions, lang, max_rows=max_table_rows)),
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
