"""The stock-up plan sheet a seller submits: one row per SKU x warehouse, as .xlsx and CSV.

Inputs are the plan engine's line frame (``PlanResult.lines``) and the cost module's backward
schedule frame, joined on ``(sku, warehouse_id)``. Extra columns are ignored; optional columns that
are missing come out blank. Only ``sku`` and ``warehouse_id`` are required.

Plan lines (one row per sku x warehouse), columns read here:
``sku, name, region, warehouse_id, fulfilment_mode, freight_mode, demand_mean, demand_p90,
presale_units, qty_before_rounding, qty_after_rounding, stockout_prob (0-1), landed_cost_per_unit,
total_landed_cost, currency (display currency, ISO 4217), flags (text)``.

Dates (one row per sku x warehouse; first name found wins, the plan's own names first, then the backward
schedule's): PO ``po_date | latest_po_date | production_start``, ``consolidation_start``, departure
``departure_date | ship_by_date | ship_by | departure``, port ``arrival_port | port_arrival_date``,
warehouse ``warehouse_arrival_date | receiving_start``, sellable ``sellable_date | available_by |
arrival_date`` (the plan's ``arrival_date`` is the sellable day), ``is_late``, ``days_late``. They are taken
from the schedule frame when one is given and has them, else from the lines.

The sheet frame returned by :func:`plan_sheet_frame` has display headers (English or Chinese, from
:data:`SHEET_COLUMNS`), whole units for quantities, money rounded to 2 decimals with the currency in
its header, ``datetime64`` dates, codes in words (freight and fulfilment modes, flags) and the late flag
as localised text. :func:`write_plan_xlsx` recognises the headers (either language) to pick number formats;
sheet names are in the reader's language too (:data:`PLAN_SHEET`, :data:`SCENARIO_SHEET`).

Why xlsxwriter for .xlsx: it writes only (fast, streaming, no dependency on the file's previous
state), and exposes per-cell typed writes (``write_string``/``write_number``/``write_datetime``), which
is what keeps user text from ever being stored as a formula. openpyxl is used only in tests to read
the result back.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import IO, Any, Literal

import numpy as np
import pandas as pd

from linkstar_analytics.report.safe import is_formula_like, is_missing, neutralise_cell
from linkstar_analytics.report.words import flags_text, word

Lang = Literal["en", "zh"]
LANGS: tuple[str, ...] = ("en", "zh")

#: Column kinds: how a column is typed in the frame and formatted in the .xlsx (``cm`` one decimal, ``kg`` two,
#: ``cbm`` three; ``id`` is text that must never become a number, e.g. 19-digit platform ids and barcodes).
Kind = Literal["text", "id", "units", "money", "date", "pct", "days", "flag", "cm", "kg", "cbm"]

KEY_COLUMNS: tuple[str, str] = ("sku", "warehouse_id")


@dataclass(frozen=True)
class SheetColumn:
    """One column of the plan sheet.

    ``key`` is the internal name (the source column of the plan lines or schedule), ``en``/``zh``
    the headers, ``kind`` the type and number format, ``total`` whether the Totals row sums it
    (only quantities that add up: the sum of P90s is not the P90 of the sum, so P90 is not totalled).
    Money headers get the currency appended: ``"Landed cost / unit (USD)"``.
    """

    key: str
    en: str
    zh: str
    kind: Kind
    total: bool = False

    def header(self, lang: str, currency: str | None = None) -> str:
        text = self.zh if lang == "zh" else self.en
        if self.kind == "money" and currency:
            return f"{text}（{currency}）" if lang == "zh" else f"{text} ({currency})"
        return text


#: The header catalogue, in sheet order.
SHEET_COLUMNS: tuple[SheetColumn, ...] = (
    SheetColumn("sku", "SKU", "SKU", "text"),
    SheetColumn("name", "Product name", "商品名称", "text"),
    SheetColumn("region", "Region", "站点", "text"),
    SheetColumn("warehouse_id", "Warehouse", "仓库", "text"),
    SheetColumn("fulfilment_mode", "Fulfilment mode", "履约模式", "text"),
    SheetColumn("freight_mode", "Freight mode", "头程方式", "text"),
    SheetColumn("demand_mean", "Forecast campaign demand (mean)", "预测活动销量（均值）", "units", total=True),
    SheetColumn("demand_p90", "Forecast campaign demand (P90)", "预测活动销量（P90）", "units"),
    SheetColumn("presale_units", "Presale units", "预售件数", "units", total=True),
    SheetColumn("qty_before_rounding", "Target qty (before MOQ)", "目标备货量（MOQ取整前）", "units", total=True),
    SheetColumn("qty_after_rounding", "Target qty (after MOQ)", "目标备货量（MOQ取整后）", "units", total=True),
    SheetColumn("campaign_stock_units", "Campaign stock (declared)", "活动库存（申报）", "units", total=True),
    SheetColumn("ordinary_units", "Ordinary stock (before the campaign)", "日常库存（活动前）", "units", total=True),
    SheetColumn("latest_po_date", "Production start (PO)", "生产下单日（PO）", "date"),
    SheetColumn("consolidation_start", "Consolidation start", "国内集货日", "date"),
    SheetColumn("departure", "Departure", "头程发运日", "date"),
    SheetColumn("arrival_port", "Arrival at port", "预计到港日", "date"),
    SheetColumn("warehouse_arrival", "Arrival at warehouse", "预计到仓日", "date"),
    SheetColumn("sellable", "Sellable from", "可售日期", "date"),
    SheetColumn("landed_cost_per_unit", "Landed cost / unit", "单位到岸成本", "money"),
    SheetColumn("total_landed_cost", "Landed cost total", "到岸成本合计", "money", total=True),
    SheetColumn("stockout_risk_pct", "Stockout risk (%)", "缺货概率（%）", "pct"),
    SheetColumn("is_late", "Late", "是否延误", "flag"),
    SheetColumn("days_late", "Days late", "延误天数", "days"),
    SheetColumn("flags", "Notes", "备注", "text"),
)

#: Shown only when the lines carry more than one display currency (money then has no currency in its header).
CURRENCY_COLUMN = SheetColumn("currency", "Currency", "币种", "text")

#: Other labels used by the writers.
LABELS: dict[str, tuple[str, str]] = {
    "yes": ("Yes", "是"),
    "no": ("No", "否"),
    "total": ("Total", "合计"),
    "setting": ("Setting", "设置项"),
    "value": ("Value", "取值"),
    "generated_at": ("Generated at (UTC)", "生成时间（UTC）"),
    "rows": ("Plan rows", "计划行数"),
    "mixed_currency": (
        "Money columns mix currencies: see the Currency column; money totals are left blank.",
        "金额列包含多种币种（见“币种”列），不计算金额合计。",
    ),
}

#: Schedule columns read, with the alternative names accepted for each (first found wins): the plan lines'
#: names (``po_date``, ``departure_date``, ``warehouse_arrival_date``, ``sellable_date``...) and the backward
#: schedule's (``latest_po_date``, ``ship_by``, ``receiving_start``, ``available_by``...).
SCHEDULE_ALIASES: dict[str, tuple[str, ...]] = {
    "latest_po_date": ("po_date", "latest_po_date", "production_start"),
    "consolidation_start": ("consolidation_start",),
    "departure": ("departure_date", "ship_by_date", "ship_by", "departure"),
    "arrival_port": ("arrival_port", "port_arrival_date"),
    "warehouse_arrival": ("warehouse_arrival_date", "receiving_start"),
    "sellable": ("sellable_date", "available_by", "arrival_date"),
    "is_late": ("is_late",),
    "days_late": ("days_late",),
}

#: Sheet names in the workbook, in the reader's language.
PLAN_SHEET: dict[str, str] = {"en": "Plan", "zh": "备货计划"}
SCENARIO_SHEET: dict[str, str] = {"en": "Scenario", "zh": "方案参数"}
#: Code columns shown in words: column key -> word group (see ``report.words``).
WORD_COLUMNS: dict[str, str] = {"freight_mode": "freight", "fulfilment_mode": "fulfilment"}

_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
_CURRENCY_SUFFIX_RE = re.compile(r"\s*[（(]([A-Z]{3})[)）]$")
_TRUE_TEXT = frozenset({"true", "1", "yes", "y", "t", "是", "late"})
_FALSE_TEXT = frozenset({"false", "0", "no", "n", "f", "否", ""})


def label(key: str, lang: str) -> str:
    """The English or Chinese text of one of :data:`LABELS`."""
    en, zh = LABELS[key]
    return zh if lang == "zh" else en


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"`lang` must be one of {', '.join(LANGS)} (got {lang!r}); pass lang='en' or lang='zh'")


# --------------------------------------------------------------------------------------------
# Coercion helpers: each names the column and the offending values when it fails.
# --------------------------------------------------------------------------------------------


def _require(frame: object, table: str, needed: tuple[str, ...], why: str) -> None:
    """A DataFrame with the ``needed`` columns, or a TypeError / ValueError naming the table, the columns and why."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"`{table}` must be a pandas DataFrame (got {type(frame).__name__})")
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise ValueError(f"{table}: missing column(s) {', '.join(missing)}; {why} "
                         f"(columns present: {', '.join(map(str, frame.columns)) or 'none'})")


def _first_bad(values: pd.Series, bad: pd.Series, limit: int = 3) -> str:
    idx = list(values.index[bad][:limit])
    return ", ".join(f"row {i}: {values[i]!r}" for i in idx)


def _to_number(values: pd.Series, column: str, table: str) -> pd.Series:
    if pd.api.types.is_bool_dtype(values.dtype):
        return values.astype(float)
    if pd.api.types.is_numeric_dtype(values.dtype):
        return values.astype(float)
    stripped = values.map(lambda v: v.strip().replace(",", "") if isinstance(v, str) else v)
    stripped = stripped.replace("", np.nan)
    out = pd.to_numeric(stripped, errors="coerce")
    bad = out.isna() & stripped.notna()
    if bad.any():
        raise ValueError(
            f"{table}: column `{column}` must hold numbers ({_first_bad(values, bad)}); "
            "fix the value or leave the cell empty"
        )
    return out.astype(float)


def _to_date(values: pd.Series, column: str, table: str) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        out = values
    else:
        cleaned = values.map(lambda v: (v.strip() or None) if isinstance(v, str) else v)
        out = pd.to_datetime(cleaned, errors="coerce", format="mixed")
        bad = out.isna() & cleaned.notna()
        if bad.any():
            raise ValueError(
                f"{table}: column `{column}` must hold dates as YYYY-MM-DD ({_first_bad(values, bad)}); "
                "fix the date or leave the cell empty"
            )
    if getattr(out.dt, "tz", None) is not None:
        out = out.dt.tz_localize(None)
    return out.dt.normalize().astype("datetime64[ns]")


def _to_bool(values: pd.Series, column: str, table: str) -> pd.Series:
    if pd.api.types.is_bool_dtype(values.dtype):
        return values.astype("boolean")

    def parse(v: Any) -> Any:
        if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
            return pd.NA
        if isinstance(v, (bool, np.bool_)):
            return bool(v)
        if isinstance(v, (int, float, np.integer, np.floating)):
            return bool(v)
        text = str(v).strip().lower()
        if text in _TRUE_TEXT:
            return True
        if text in _FALSE_TEXT:
            return False if text else pd.NA
        return "bad"

    parsed = values.map(parse)
    bad = parsed.map(lambda v: isinstance(v, str))
    if bad.any():
        raise ValueError(
            f"{table}: column `{column}` must be true/false ({_first_bad(values, bad)}); "
            "use true, false, 1, 0, yes or no"
        )
    return parsed.astype("boolean")


def _to_text(values: pd.Series) -> pd.Series:
    """Text column as object dtype: str for every present value, None for missing ones."""

    def conv(v: Any) -> Any:
        if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
            return None
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        if isinstance(v, (list, tuple, set, frozenset, np.ndarray)):
            return "; ".join(str(x) for x in v)
        return str(v)

    return values.map(conv).astype(object)


def _whole_units(values: pd.Series) -> pd.Series:
    """Round half up to whole units (nullable Int64) for display."""
    return np.floor(values + 0.5).astype("Int64")


def _key_text(values: pd.Series) -> pd.Series:
    return _to_text(values)


def _display_currency(lines: pd.DataFrame, currency: str | None) -> tuple[str | None, pd.Series | None]:
    """(single currency or None, per-row currency series when the rows mix currencies)."""
    if currency is not None:
        code = str(currency).strip().upper()
        if not _CURRENCY_RE.match(code):
            raise ValueError(f"`currency` must be an ISO 4217 code such as USD (got {currency!r})")
        return code, None
    if "currency" not in lines.columns:
        return None, None
    codes = _to_text(lines["currency"]).map(lambda v: v.strip().upper() if isinstance(v, str) else v)
    bad = codes.notna() & ~codes.map(lambda v: bool(_CURRENCY_RE.match(v)) if isinstance(v, str) else True)
    if bad.any():
        raise ValueError(
            f"plan lines: column `currency` must hold ISO 4217 codes such as USD ({_first_bad(lines['currency'], bad)}); "
            "fix the code"
        )
    present = codes.dropna().unique()
    if len(present) == 1:
        return str(present[0]), None
    if len(present) == 0:
        return None, None
    return None, codes


# --------------------------------------------------------------------------------------------
# The sheet frame
# --------------------------------------------------------------------------------------------


def schedule_fields(lines: pd.DataFrame, schedule: pd.DataFrame | None) -> dict[str, pd.Series]:
    """The dates and late flags of each line (keys of :data:`SCHEDULE_ALIASES`), aligned with ``lines``' rows.

    Per field, the lines' own column (the plan's names) wins; otherwise the schedule's, joined on
    ``(sku, warehouse_id)``. A field found nowhere is absent from the result.

    Raises
    ------
    ValueError
        The schedule lacks ``sku``/``warehouse_id`` or has more than one row for a key.
    """
    base = lines.reset_index(drop=True)
    out: dict[str, pd.Series] = {}
    for key, aliases in SCHEDULE_ALIASES.items():
        src = next((a for a in aliases if a in base.columns), None)
        if src is not None:
            out[key] = base[src]
    if schedule is None:
        return out
    _require(schedule, "schedule", KEY_COLUMNS, "the schedule is joined on `sku` and `warehouse_id`")
    picked = {key: next((a for a in aliases if a in schedule.columns), None)
              for key, aliases in SCHEDULE_ALIASES.items() if key not in out}
    right = pd.DataFrame({"sku": _key_text(schedule["sku"]), "warehouse_id": _key_text(schedule["warehouse_id"])})
    for key, src in picked.items():
        if src is not None:
            right[f"__s_{key}"] = schedule[src].to_numpy()
    dup = right.duplicated(list(KEY_COLUMNS), keep=False)
    if dup.any():
        first = right.loc[dup, list(KEY_COLUMNS)].iloc[0]
        raise ValueError(
            f"schedule: more than one row for sku={first['sku']!r}, warehouse_id={first['warehouse_id']!r}; "
            "keep one schedule row per SKU x warehouse"
        )
    left = pd.DataFrame({"sku": _key_text(base["sku"]), "warehouse_id": _key_text(base["warehouse_id"])})
    joined = left.merge(right, on=list(KEY_COLUMNS), how="left", sort=False)
    for key, src in picked.items():
        if src is not None:
            out[key] = joined[f"__s_{key}"].set_axis(base.index).rename(src)
    return out


def plan_sheet_frame(
    lines: pd.DataFrame,
    schedule: pd.DataFrame | None = None,
    *,
    lang: Lang = "en",
    currency: str | None = None,
) -> pd.DataFrame:
    """Build the plan sheet: one row per SKU x warehouse with display headers.

    Parameters
    ----------
    lines : DataFrame
        Plan lines (``PlanResult.lines``); needs ``sku`` and ``warehouse_id``, other columns optional.
    schedule : DataFrame or None
        Backward schedule, one row per ``(sku, warehouse_id)``; joined left onto ``lines``.
    lang : {"en", "zh"}
        Header and flag language.
    currency : str or None
        Display currency (ISO 4217) for the money headers; default: the single value of
        ``lines["currency"]``. When lines mix currencies, a Currency column is added and the money
        headers carry no currency.

    Returns
    -------
    DataFrame
        Columns in :data:`SHEET_COLUMNS` order (plus Currency when mixed), headers in ``lang``;
        rows in the order of ``lines``. Inputs are not changed.

    Raises
    ------
    ValueError
        ``lang`` unknown; a required key column missing; a number, date or flag that cannot be
        read (the message names the column and rows); duplicate schedule rows for one key.
    """
    _check_lang(lang)
    _require(lines, "plan lines", KEY_COLUMNS, "the plan lines need `sku` and `warehouse_id`")

    base = lines.reset_index(drop=True)
    n = len(base)
    single_currency, row_currency = _display_currency(base, currency)

    sched_cols = schedule_fields(base, schedule)

    def source(key: str) -> pd.Series | None:
        if key in sched_cols:
            return sched_cols[key]
        if key in base.columns:
            return base[key]
        return None

    out: dict[str, pd.Series] = {}
    for col in SHEET_COLUMNS:
        header = col.header(lang, single_currency)
        if col.key == "stockout_risk_pct":
            src = base["stockout_prob"] if "stockout_prob" in base.columns else None
            if src is None:
                out[header] = pd.Series([np.nan] * n, dtype=float)
                continue
            prob = _to_number(src, "stockout_prob", "plan lines")
            outside = (prob < 0) | (prob > 1)
            if outside.any():
                raise ValueError(
                    f"plan lines: column `stockout_prob` must be a probability within 0-1 "
                    f"({_first_bad(src, outside)}); pass a fraction, not a percentage"
                )
            out[header] = (prob * 100).round(1)
            continue

        src = source(col.key)
        table = "schedule" if col.key in sched_cols and schedule is not None else "plan lines"
        src_name = str(src.name) if src is not None and src.name is not None else col.key
        if col.kind == "text":
            text = _to_text(src) if src is not None else pd.Series([None] * n, dtype=object)
            if col.key in WORD_COLUMNS:
                group = WORD_COLUMNS[col.key]
                text = text.map(lambda v, g=group: None if v is None else word(g, v, lang))
            elif col.key == "flags" and src is not None:
                text = src.map(lambda v: flags_text(v, lang) or None).astype(object)
                text = _to_text(text)
            out[header] = text
        elif col.kind == "units":
            vals = _to_number(src, src_name, table) if src is not None else pd.Series([np.nan] * n, dtype=float)
            out[header] = _whole_units(vals)
        elif col.kind == "days":
            vals = _to_number(src, src_name, table) if src is not None else pd.Series([np.nan] * n, dtype=float)
            out[header] = _whole_units(vals)
        elif col.kind == "money":
            vals = _to_number(src, src_name, table) if src is not None else pd.Series([np.nan] * n, dtype=float)
            out[header] = vals.round(2)
        elif col.kind == "date":
            out[header] = (
                _to_date(src, src_name, table) if src is not None else pd.Series([pd.NaT] * n, dtype="datetime64[ns]")
            )
        elif col.kind == "flag":
            if src is not None:
                late = _to_bool(src, src_name, table)
            elif "days_late" in sched_cols or "days_late" in base.columns:
                dl = source("days_late")
                late = (_to_number(dl, str(dl.name), table) > 0).astype("boolean").mask(dl.isna())
            else:
                late = pd.Series([pd.NA] * n, dtype="boolean")
            yes, no = label("yes", lang), label("no", lang)
            out[header] = late.map(lambda v: None if v is pd.NA else (yes if v else no)).astype(object)
        if col.key == "total_landed_cost" and row_currency is not None:
            out[CURRENCY_COLUMN.header(lang)] = row_currency.reset_index(drop=True)

    frame = pd.DataFrame({k: v.reset_index(drop=True) for k, v in out.items()})
    return frame


# --------------------------------------------------------------------------------------------
# Header recognition (either language) for the writers
# --------------------------------------------------------------------------------------------

_HEADER_INDEX: dict[str, SheetColumn] = {}
for _c in (*SHEET_COLUMNS, CURRENCY_COLUMN):
    _HEADER_INDEX[_c.en] = _c
    _HEADER_INDEX[_c.zh] = _c


def column_for_header(header: str) -> tuple[SheetColumn | None, str | None]:
    """The catalogue column a display header belongs to, and the currency in it (if any).

    >>> column_for_header("Landed cost / unit (USD)")[0].key, column_for_header("Landed cost / unit (USD)")[1]
    ('landed_cost_per_unit', 'USD')
    >>> column_for_header("目标备货量（MOQ取整后）")[0].key
    'qty_after_rounding'
    """
    text = str(header)
    if text in _HEADER_INDEX:
        return _HEADER_INDEX[text], None
    m = _CURRENCY_SUFFIX_RE.search(text)
    if m:
        base = text[: m.start()]
        col = _HEADER_INDEX.get(base)
        if col is not None and col.kind == "money":
            return col, m.group(1)
    return None, None


def _kind_of(header: str, values: pd.Series) -> tuple[Kind, str | None, bool]:
    """(kind, currency, total?) for a frame column, from the catalogue or else from its dtype."""
    col, cur = column_for_header(header)
    if col is not None:
        return col.kind, cur, col.total
    if pd.api.types.is_bool_dtype(values.dtype):
        return "text", None, False
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return "date", None, False
    if pd.api.types.is_numeric_dtype(values.dtype):
        return "pct", None, False  # a plain number with one decimal
    return "text", None, False


def _display_width(text: str) -> int:
    """Character cells a string takes in a spreadsheet column (East Asian wide characters count 2)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


# --------------------------------------------------------------------------------------------
# .xlsx
# --------------------------------------------------------------------------------------------

#: Number formats per column kind.
_NUM_FORMATS: dict[str, str] = {"units": "#,##0", "days": "0", "pct": "0.0", "cm": "0.0", "kg": "#,##0.00",
                                "cbm": "#,##0.000"}
_NUMERIC_KINDS = frozenset({"units", "days", "pct", "money", "cm", "kg", "cbm"})
#: Excel's limit on a sheet name, and the characters it refuses in one.
_SHEET_NAME_MAX = 31
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def sheet_name(text: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A valid, unique Excel sheet name for ``text`` (forbidden characters replaced, 31 characters at most)."""
    base = _SHEET_NAME_BAD.sub("-", str(text)).strip("'").strip() or "Sheet"
    base = base[:_SHEET_NAME_MAX]
    name, i = base, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f" ({i})"
        name = base[: _SHEET_NAME_MAX - len(suffix)] + suffix
        i += 1
    return name


def _new_workbook(target: Any, *, title: str) -> Any:
    """An xlsxwriter workbook that never turns text into formulas, URLs or numbers."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(
        target,
        {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "in_memory": True,
            "remove_timezone": True,
        },
    )
    wb.set_properties({"title": title, "comments": "Linkstar Analytics"})
    return wb


class _Formats:
    """The cell formats of one workbook, made on first use."""

    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self.base = {"font_name": "Arial", "font_size": 10}
        self._cache: dict[tuple, Any] = {}

    def get(self, kind: str, *, currency: str | None = None, total: bool = False, late: bool = False,
            guard: bool = False, header: bool = False) -> Any:
        key = (kind, currency, total, late, guard, header)
        if key in self._cache:
            return self._cache[key]
        spec: dict[str, Any] = dict(self.base)
        if header:
            spec.update(bold=True, bg_color="#DDEBF7", bottom=1, text_wrap=True, valign="top")
        elif kind == "money":
            spec["num_format"] = f'#,##0.00 "{currency}"' if currency else "#,##0.00"
        elif kind in _NUM_FORMATS:
            spec["num_format"] = _NUM_FORMATS[kind]
        elif kind == "date":
            spec.update(num_format="yyyy-mm-dd", align="left")
        else:
            spec["num_format"] = "@"
        if guard:
            spec["quote_prefix"] = True
        if late:
            spec.update(bg_color="#FFC7CE", font_color="#9C0006")
        if total:
            spec.update(bold=True, top=1)
            if kind not in _NUMERIC_KINDS:
                spec.pop("num_format", None)
        fmt = self.wb.add_format(spec)
        self._cache[key] = fmt
        return fmt


def _write_table(ws: Any, fmts: _Formats, frame: pd.DataFrame, kinds: list[tuple[str, str | None, bool]], *,
                 lang: str, total_label: str | None, mixed_note: str | None = None, first_row: int = 0) -> int:
    """Write ``frame`` as a table from ``first_row``: header, typed cells, widths, frozen header and first column,
    autofilter, and (``total_label``) a Totals row of ``SUBTOTAL(109, ...)`` formulas with cached values after one
    blank row, so totals follow the filter and sorting never picks them up. Returns the row after the table.

    Every text cell is written with ``write_string`` (cells starting with ``= + - @`` tab or CR also get Excel's
    quote-prefix style, so editing them keeps them text); ``kinds`` is (kind, currency, totalled) per column.
    """
    from xlsxwriter.utility import xl_col_to_name

    headers = [str(c) for c in frame.columns]
    widths = [min(max(_display_width(h), 6), 22) for h in headers]
    for j, h in enumerate(headers):
        ws.write_string(first_row, j, h, fmts.get("text", header=True))
    n_rows = len(frame)
    columns = [frame.iloc[:, j].tolist() for j in range(len(headers))]
    yes_texts = {LABELS["yes"][0], LABELS["yes"][1]}
    for j, (kind, cur, _total) in enumerate(kinds):
        for i, v in enumerate(columns[j], start=first_row + 1):
            if is_missing(v):
                ws.write_blank(i, j, None, fmts.get(kind, currency=cur))
                continue
            if kind in _NUMERIC_KINDS:
                try:
                    ws.write_number(i, j, float(v), fmts.get(kind, currency=cur))
                except (TypeError, ValueError):
                    text = str(v)
                    ws.write_string(i, j, text, fmts.get("text", guard=is_formula_like(text)))
                    widths[j] = max(widths[j], _display_width(text))
                    continue
                widths[j] = max(widths[j], len(f"{float(v):,.2f}") + (4 if kind == "money" and cur else 0))
            elif kind == "date":
                if isinstance(v, (datetime, date, pd.Timestamp)):
                    ws.write_datetime(i, j, pd.Timestamp(v).to_pydatetime().replace(tzinfo=None), fmts.get("date"))
                    widths[j] = max(widths[j], 10)
                else:
                    text = str(v)
                    ws.write_string(i, j, text, fmts.get("text", guard=is_formula_like(text)))
                    widths[j] = max(widths[j], _display_width(text))
            else:
                text = v if isinstance(v, str) else str(v)
                late = kind == "flag" and text in yes_texts
                ws.write_string(i, j, text, fmts.get("text", late=late, guard=is_formula_like(text) and not late))
                widths[j] = max(widths[j], _display_width(text))
    for j, w in enumerate(widths):
        ws.set_column(j, j, min(w, 50) + 2)
    ws.set_row(first_row, 30 if lang == "en" else 32)
    ws.freeze_panes(first_row + 1, 1)
    ws.autofilter(first_row, 0, first_row + max(n_rows, 1), max(len(headers) - 1, 0))
    end = first_row + n_rows + 1
    if headers and total_label is not None:
        total_row = first_row + n_rows + 2
        ws.write_string(total_row, 0, total_label, fmts.get("text", total=True))
        mixed = mixed_note is not None
        for j in range(1, len(headers)):
            kind, cur, totalled = kinds[j]
            if not totalled or (kind == "money" and mixed):
                ws.write_blank(total_row, j, None, fmts.get("blank", total=True))
                continue
            numeric = pd.to_numeric(pd.Series(columns[j], dtype=object), errors="coerce")
            value = float(numeric.sum(skipna=True))
            letter = xl_col_to_name(j)
            formula = f"=SUBTOTAL(109,{letter}{first_row + 2}:{letter}{first_row + max(n_rows, 1) + 1})"
            ws.write_formula(total_row, j, formula, fmts.get(kind, currency=cur, total=True), value)
        end = total_row + 1
        if mixed:
            ws.write_string(total_row + 1, 0, mixed_note, fmts.get("text"))
            end += 1
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(first_row)
    return end


def _write_pairs(ws: Any, fmts: _Formats, pairs: list[tuple[str, str]], lang: str) -> None:
    """A two-column Setting / Value sheet, all text."""
    ws.write_string(0, 0, label("setting", lang), fmts.get("text", header=True))
    ws.write_string(0, 1, label("value", lang), fmts.get("text", header=True))
    w0, w1 = _display_width(label("setting", lang)), _display_width(label("value", lang))
    for i, (k, v) in enumerate(pairs, start=1):
        ws.write_string(i, 0, k, fmts.get("text", guard=is_formula_like(k)))
        ws.write_string(i, 1, v, fmts.get("text", guard=is_formula_like(v)))
        w0, w1 = max(w0, _display_width(k)), max(w1, _display_width(v))
    ws.set_column(0, 0, min(w0, 60) + 2)
    ws.set_column(1, 1, min(w1, 80) + 2)
    ws.freeze_panes(1, 0)


def _target(path_or_buffer: Any) -> tuple[Any, io.BytesIO | None]:
    buffer = io.BytesIO() if path_or_buffer is None else None
    target: Any = buffer if buffer is not None else (
        os.fspath(path_or_buffer) if isinstance(path_or_buffer, (str, os.PathLike)) else path_or_buffer
    )
    return target, buffer


def write_plan_xlsx(
    frame: pd.DataFrame,
    path_or_buffer: str | os.PathLike[str] | IO[bytes] | None = None,
    *,
    scenario_summary: dict[str, str],
    lang: Lang = "en",
    generated_at: datetime | None = None,
) -> bytes | None:
    """Write the plan sheet to an .xlsx workbook.

    Sheets (names in ``lang``, :data:`PLAN_SHEET` / :data:`SCENARIO_SHEET`): the plan (header row frozen with
    the SKU column, autofilter over the data, column widths, whole units as ``#,##0``, money as
    ``#,##0.00 "USD"``, dates as ``yyyy-mm-dd``, late rows highlighted, then a blank row and a Totals row of
    ``SUBTOTAL(109, ...)`` formulas with their values cached, so totals follow the filter); the scenario (each
    lever / dataset version from ``scenario_summary``, the generation time and the row count).

    Every text cell is written with ``write_string`` on a workbook created with
    ``strings_to_formulas=False`` (and no URL or number conversion), so user text such as
    ``=HYPERLINK(...)`` is stored as a string; cells starting with ``= + - @`` tab or CR also get
    Excel's quote-prefix style so that editing them keeps them text.

    Parameters
    ----------
    frame : DataFrame
        Usually from :func:`plan_sheet_frame`; other columns are written by their dtype.
    path_or_buffer : path, binary file object or None
        Where to write; ``None`` returns the workbook as bytes.
    scenario_summary : dict[str, str]
        Lever name -> value text (include the campaign's name and the dataset version), in display order.
    lang : {"en", "zh"}
        Language of the labels (sheet names, Totals, Scenario headers, notes).
    generated_at : datetime or None
        Timestamp for the Scenario sheet; default now (UTC).

    Returns
    -------
    bytes or None
        The workbook bytes when ``path_or_buffer`` is None, else None.
    """
    _check_lang(lang)
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"`frame` must be a pandas DataFrame (got {type(frame).__name__})")
    if not isinstance(scenario_summary, dict):
        raise TypeError(
            f"`scenario_summary` must be a dict of lever name -> value text (got {type(scenario_summary).__name__})"
        )
    stamp = (generated_at or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M")
    target, buffer = _target(path_or_buffer)
    wb = _new_workbook(target, title="Stock-up plan" if lang == "en" else "备货计划")
    try:
        fmts = _Formats(wb)
        ws = wb.add_worksheet(PLAN_SHEET[lang])
        headers = [str(c) for c in frame.columns]
        kinds = [_kind_of(h, frame.iloc[:, j]) for j, h in enumerate(headers)]
        mixed = any(column_for_header(h)[0] is CURRENCY_COLUMN for h in headers)
        _write_table(ws, fmts, frame, kinds, lang=lang, total_label=label("total", lang),
                     mixed_note=label("mixed_currency", lang) if mixed else None)
        rows: list[tuple[str, str]] = [(str(k), "" if is_missing(v) else str(v)) for k, v in scenario_summary.items()]
        rows.append((label("generated_at", lang), stamp))
        rows.append((label("rows", lang), str(len(frame))))
        _write_pairs(wb.add_worksheet(SCENARIO_SHEET[lang]), fmts, rows, lang)
        wb.worksheets()[0].activate()
    finally:
        wb.close()
    if buffer is not None:
        return buffer.getvalue()
    return None


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------


def _csv_cell(v: Any) -> Any:
    if is_missing(v):
        return ""
    if isinstance(v, (pd.Timestamp, datetime)):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, (float, np.floating)):
        f = float(v)
        return str(int(f)) if f.is_integer() else repr(round(f, 6))
    if isinstance(v, (bool, np.bool_)):
        return str(bool(v))
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return neutralise_cell(str(v))


def write_plan_csv(
    frame: pd.DataFrame,
    path_or_buffer: str | os.PathLike[str] | IO[Any] | None = None,
) -> bytes | None:
    """Write the plan sheet as CSV: UTF-8 with a byte-order mark, comma-separated, ISO dates.

    The BOM makes Excel open Chinese text correctly. Text cells starting with ``= + - @`` tab or CR
    are prefixed with ``'`` (:func:`~linkstar_analytics.report.safe.neutralise_cell`, OWASP); numbers
    are written plainly (whole numbers without ``.0``), missing values as empty cells.

    Parameters
    ----------
    frame : DataFrame
        Usually from :func:`plan_sheet_frame`.
    path_or_buffer : path, text or binary file object, or None
        A path is written as ``utf-8-sig``; a text buffer receives ``\\ufeff`` + text; a binary
        buffer the encoded bytes; ``None`` returns the bytes.

    Returns
    -------
    bytes or None
        The CSV bytes (with BOM) when ``path_or_buffer`` is None, else None.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"`frame` must be a pandas DataFrame (got {type(frame).__name__})")
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise_cell(str(c)) for c in frame.columns])
    columns = [frame.iloc[:, j].tolist() for j in range(frame.shape[1])]
    for row in zip(*columns):
        writer.writerow([_csv_cell(v) for v in row])
    payload = "\ufeff" + text.getvalue()
    if path_or_buffer is None:
        return payload.encode("utf-8")
    if isinstance(path_or_buffer, (str, os.PathLike)):
        with open(path_or_buffer, "w", encoding="utf-8", newline="") as fh:
            fh.write(payload)
        return None
    if isinstance(path_or_buffer, io.TextIOBase):
        path_or_buffer.write(payload)
    else:
        path_or_buffer.write(payload.encode("utf-8"))
    return None
