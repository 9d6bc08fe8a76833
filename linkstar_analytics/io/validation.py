"""Check raw tables against :mod:`linkstar_analytics.schemas` and turn them into typed frames.

Every problem becomes an :class:`~linkstar_analytics.io.readers.Issue` (file, row, column,
message, fix, severity, code); nothing is raised for bad data and nothing stops at the first
problem. The typed frames follow these rules:

* ``date`` columns are ``datetime64[ns]`` at midnight; ``datetime`` columns keep the time.
* ``int`` columns are ``int64`` (``Int64`` only while values are missing, i.e. never in a clean
  dataset), ``float`` columns ``float64`` (NaN = missing), ``bool`` columns ``bool``.
* ``str`` columns are ``object`` holding ``str`` or ``None``, stripped of surrounding spaces.
  Values with allowed choices are written as the schema spells them (``us`` -> ``US``); list
  columns (``certificates``, ``regions``) are stored as one string joined by ``;``.
* Optional columns missing from the file are added with the defaults in :data:`COLUMN_DEFAULTS`
  (``sales.region`` = ``US``, ``sales.channel`` = ``shop``, ``skus.has_battery`` = False...);
  optional nullable columns are left empty.
* Sales: a day without a row means zero units sold that day. The importer does not add the
  zero rows (a dense grid is built later, only for the SKUs and days a forecast needs).
* An ``order_lines`` export is aggregated to daily ``sales`` (sum of quantity and revenue per
  sku x day x region x channel) when no ``sales`` table is given.

The range and allowed-value checks of each table are a :class:`pandera.DataFrameSchema` built
from its :class:`~linkstar_analytics.schemas.TableSpec` (:func:`pandera_schema`), run lazily so
that every failing cell is reported, and mapped back to file rows.
"""

from __future__ import annotations

import difflib
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from linkstar_analytics.io.readers import Issue, RawTable, format_issue, normalise_name, read_source
from linkstar_analytics.schemas import REQUIRED_TABLES, TABLES, ColumnSpec, TableSpec

__all__ = [
    "COLUMN_DEFAULTS", "HEADER_ALIASES", "Issue", "LoadResult", "MAX_TEXT_CHARS", "format_issue",
    "load_folder", "load_uploads", "pandera_schema", "schemas_markdown", "validate_frame",
]

#: Longest text accepted without a warning, in characters (longer text is kept, and flagged).
MAX_TEXT_CHARS: int = 1000

#: Value used when an optional column is absent or a cell of it is empty: {(table, column): value}.
COLUMN_DEFAULTS: dict[tuple[str, str], object] = {
    ("sales", "region"): "US",
    ("sales", "channel"): "shop",
    ("order_lines", "region"): "US",
    ("order_lines", "channel"): "shop",
    ("skus", "has_battery"): False,
    ("warehouses", "fulfilment_per_unit"): 0.0,
    ("presale", "deposit_paid"): False,
}

#: Header aliases (normalised header text -> candidate schema columns, first one in the table wins).
#: Only used when the file does not already have the schema's own column name.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "日期": ("date",), "销售日期": ("date",), "day": ("date",),
    "sku_id": ("sku",), "seller_sku": ("sku",), "商品编码": ("sku",), "货号": ("sku",), "商品sku": ("sku",),
    "销量": ("units",), "销售数量": ("units",), "units_sold": ("units",),
    "数量": ("units", "quantity", "on_hand_units"),
    "地区": ("region",), "站点": ("region",), "市场": ("region",),
    "渠道": ("channel",), "销售渠道": ("channel",),
    "销售额": ("revenue",), "金额": ("revenue",),
    "币种": ("currency",), "货币": ("currency",),
    "商品名称": ("name",), "名称": ("name",), "品名": ("name",),
    "类目": ("category",), "品类": ("category",),
    "仓库": ("warehouse_id",), "仓库编码": ("warehouse_id",), "仓库id": ("warehouse_id",),
    "库存": ("on_hand_units",), "可售库存": ("on_hand_units",),
    "订单号": ("order_id",), "下单时间": ("ordered_at",),
}

#: Headers that are NOT renamed, only suggested in messages ("did you mean 'units'?").
HEADER_HINTS: dict[str, tuple[str, ...]] = {
    "qty": ("units", "quantity", "on_hand_units"), "quantity": ("units", "on_hand_units"),
    "sold": ("units",), "sales": ("units",), "amount": ("revenue",), "sales_amount": ("revenue",),
    "stock": ("on_hand_units",), "on_hand": ("on_hand_units",), "warehouse": ("warehouse_id",),
    "campaign": ("campaign_id",), "shipment": ("shipment_id",), "eta": ("eta_date",),
}

#: Fix texts for particular columns (otherwise a generic one is built from the spec).
COLUMN_FIXES: dict[tuple[str, str], str] = {
    ("sales", "units"): "enter units sold as 0 or more (returns go in a separate file).",
    ("order_lines", "quantity"): "enter the line quantity as 0 or more (refunds go in a separate file).",
}

_CTRL_RE = r"[\x00-\x1f\x7f]"
# '=', '+', '-' (not a number) or '@' followed by a call / reference ('@SUM(A1)', '@A1!B2'); a plain creator
# handle such as '@homewithmia' is ordinary text. Exports neutralise every leading '@' anyway (report/safe.py).
_FORMULA_RE = r"^(?:[=+]|@(?=\S*[(!])|-(?![\d.]))"
_TRUE = {"true", "t", "yes", "y", "1", "1.0", "是", "有", "x", "✓"}
_FALSE = {"false", "f", "no", "n", "0", "0.0", "否", "无", "没有"}


@dataclass
class LoadResult:
    """What :func:`load_folder` / :func:`load_uploads` found.

    ``tables`` are the typed frames ({table name: frame}); ``issues`` every problem, errors and
    warnings; ``files`` the file names read. Write the tables only when ``ok``.
    """

    tables: dict[str, pd.DataFrame]
    issues: list[Issue]
    files: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity != "error"]

    @property
    def ok(self) -> bool:
        """True only when there is no error-severity issue."""
        return not self.errors

    def summary(self) -> str:
        n_err, n_warn = len(self.errors), len(self.warnings)
        rows = sum(len(f) for f in self.tables.values())
        verdict = "OK" if self.ok else "NOT imported"
        return (f"{verdict}: {n_err} error{'s' * (n_err != 1)}, {n_warn} warning{'s' * (n_warn != 1)} "
                f"in {len(self.files)} file{'s' * (len(self.files) != 1)} "
                f"({len(self.tables)} tables, {rows} rows).")


# --------------------------------------------------------------------------------------------
# Schema -> pandera, schema -> markdown
# --------------------------------------------------------------------------------------------

def pandera_schema(spec: TableSpec):
    """A ``pandera.DataFrameSchema`` with the range and allowed-value checks of ``spec``.

    Types, missing values, list columns, dates and unique keys are checked before (they need
    the raw text to explain the problem), so columns here are nullable and not strict.
    """
    import pandera.pandas as pa

    columns = {}
    for col in spec.columns:
        checks = []
        if col.min_value is not None:
            checks.append(pa.Check.ge(col.min_value))
        if col.max_value is not None:
            checks.append(pa.Check.le(col.max_value))
        if col.allowed is not None and not col.is_list:
            checks.append(pa.Check.isin(list(col.allowed)))
        columns[col.name] = pa.Column(checks=checks, nullable=True, required=False)
    return pa.DataFrameSchema(columns, strict=False, name=spec.name)


def _range_text(col: ColumnSpec) -> str:
    if col.allowed is not None:
        return "one of " + ", ".join(col.allowed) + (" (several separated by ';')" if col.is_list else "")
    lo = "" if col.min_value is None else f">= {_fmt(col.min_value)}"
    hi = "" if col.max_value is None else f"<= {_fmt(col.max_value)}"
    return " and ".join(x for x in (lo, hi) if x)


def schemas_markdown() -> str:
    """The README's data-model section, generated from :data:`schemas.TABLES`."""
    out = ["## Data model", "",
           "A dataset is a folder (or a set of uploads) with one file per table, named `<table>.csv` or "
           "`<table>.xlsx` (an .xlsx may also hold several tables as sheets named like the tables). "
           "CSV may be UTF-8 (with or without BOM), UTF-16 with BOM or GBK/GB18030, separated by commas, "
           "semicolons or tabs; files up to 200 MB (`LINKSTAR_MAX_UPLOAD_MB`). Headers are matched ignoring case "
           "and spaces, and a few Chinese headers are understood (日期 = date, 销量 = units, 商品编码 = sku...). "
           "Dates: `YYYY-MM-DD` preferred; "
           "`YYYY/MM/DD`, `DD/MM/YYYY` and `MM/DD/YYYY` (when a file's dates make the order clear) and "
           "Excel dates are accepted. A day without a `sales` row means zero units sold that day.", ""]
    for spec in TABLES.values():
        need = "required" if spec.required_table else "optional"
        if spec.name == "sales":
            need = "required (or give `order_lines`)"
        out.append(f"### `{spec.name}` ({need})")
        out.append("")
        out.append(spec.description)
        extra = []
        if spec.unique_key:
            extra.append("Unique key: " + ", ".join(f"`{k}`" for k in spec.unique_key) + ".")
        if spec.references:
            extra.append("Must exist: " + ", ".join(f"`{c}` in `{t}.{tc}`" for c, (t, tc) in spec.references.items()) + ".")
        if extra:
            out.append("")
            out.append(" ".join(extra))
        out.append("")
        out.append("| column | type | unit | required | allowed / range | default | description |")
        out.append("|---|---|---|---|---|---|---|")
        for col in spec.columns:
            default = COLUMN_DEFAULTS.get((spec.name, col.name))
            dflt = "" if default is None else f"`{default}`"
            if not col.required and default is None:
                dflt = "empty"
            req = "yes" if col.required else "no"
            out.append(f"| `{col.name}` | {col.dtype}{' list' if col.is_list else ''} | {col.unit} | {req} | "
                       f"{_range_text(col).replace('|', '/')} | {dflt} | {col.description.replace('|', '/')} |")
        out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

def _fmt(v: object) -> str:
    if isinstance(v, (float, np.floating)) and math.isfinite(v) and float(v).is_integer():
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        return repr(float(v))
    return str(v)


def _show(v: object, limit: int = 60) -> str:
    s = str(v)
    s = re.sub(_CTRL_RE, "?", s)
    return repr(s if len(s) <= limit else s[:limit] + "...")


def _cell_text(v: object) -> object:
    """One xlsx/object cell as text (None when empty); whole floats lose their '.0'."""
    if v is None:
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isnan(v):
            return None
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, (pd.Timestamp,)) or hasattr(v, "isoformat"):
        return v.isoformat(sep=" ") if hasattr(v, "hour") else v.isoformat()
    return str(v)


def _as_text(s: pd.Series, text_cells: bool) -> pd.Series:
    """Cells as a pandas 'string' series, stripped, with '' -> NA (work done once per distinct value)."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    u = pd.Series(uniques, dtype=object)
    if not text_cells or s.dtype != object:
        u = u.map(_cell_text)
    u = u.astype("string").str.strip()
    u = u.mask(u == "")
    return pd.Series(u.array.take(codes, allow_fill=True), index=s.index)


def _fix_for(table: str, col: ColumnSpec) -> str:
    if (table, col.name) in COLUMN_FIXES:
        return COLUMN_FIXES[(table, col.name)]
    unit = f" ({col.unit})" if col.unit else ""
    if col.dtype in ("int", "float"):
        rng = _range_text(col)
        kind = "a whole number" if col.dtype == "int" else "a number"
        return f"enter {col.name} as {kind}{' ' + rng if rng else ''}{unit}, without units or currency signs."
    if col.dtype in ("date", "datetime"):
        return f"write {col.name} as YYYY-MM-DD{' HH:MM' if col.dtype == 'datetime' else ''}, e.g. 2026-11-01."
    if col.dtype == "bool":
        return f"enter {col.name} as true or false (yes/no, 1/0 are accepted)."
    if col.allowed is not None:
        return f"use {_range_text(col)}."
    return f"enter {col.name}: {col.description[:1].lower() + col.description[1:]}" if col.description else \
        f"enter a value for {col.name}."


# --------------------------------------------------------------------------------------------
# Column parsers (vectorised over the column)
# --------------------------------------------------------------------------------------------

_YMD_RE = r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$"
_COMPACT_RE = r"^((?:19|20)\d{2})(\d{2})(\d{2})$"
_XY_RE = r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T].*)?$"
_SERIAL_RE = r"^\d{5}(?:\.\d+)?$"
_TIME_RE = r"[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
#: Excel's day zero for serial dates (1900 date system, after its leap-year bug): 1899-12-30.
EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def _parse_dates(t: pd.Series, col: ColumnSpec, ctx: "_Ctx") -> pd.Series:
    """Parse a text column of dates (several formats, one day/month order per column)."""
    y = pd.Series(np.nan, index=t.index)
    m = y.copy()
    d = y.copy()
    ymd = t.str.extract(_YMD_RE).astype(float)
    has = ymd[0].notna()
    y[has], m[has], d[has] = ymd.loc[has, 0], ymd.loc[has, 1], ymd.loc[has, 2]
    comp = t.str.extract(_COMPACT_RE).astype(float)
    hc = comp[0].notna() & ~has
    y[hc], m[hc], d[hc] = comp.loc[hc, 0], comp.loc[hc, 1], comp.loc[hc, 2]
    xy = t.str.extract(_XY_RE).astype(float)
    hx = xy[0].notna()
    if hx.any():
        a, b = xy.loc[hx, 0], xy.loc[hx, 1]
        day_first = bool((a > 12).any())
        month_first = bool((b > 12).any())
        if day_first and month_first:
            i = int(np.flatnonzero(hx.to_numpy())[int(np.argmax((b > 12).to_numpy()))])
            ctx.at(i, col.name, "mixed_date_order",
                    f"dates are written both day-first and month-first (e.g. {_show(t.iloc[i])}).",
                    f"write every date in column '{col.name}' as YYYY-MM-DD, e.g. 2026-11-01.", once=True)
            hx[:] = False
        elif not day_first and not month_first and bool((a != b).any()):
            i = int(np.flatnonzero(hx.to_numpy())[int(np.argmax((a != b).to_numpy()))])
            ctx.at(i, col.name, "ambiguous_date",
                    f"dates such as {_show(t.iloc[i])} can be read as day/month or month/day, and no date in "
                    "the column settles which.",
                    f"write the dates in column '{col.name}' as YYYY-MM-DD, e.g. 2026-11-01.", once=True)
            hx[:] = False
        else:
            y[hx] = xy.loc[hx, 2]
            m[hx] = b[hx] if day_first else a[hx]
            d[hx] = a[hx] if day_first else b[hx]
    parsed = pd.to_datetime(pd.DataFrame({"year": y, "month": m, "day": d}), errors="coerce")
    serial = t.str.fullmatch(_SERIAL_RE).fillna(False).astype(bool) & parsed.isna()
    if serial.any():
        days = pd.to_numeric(t[serial], errors="coerce")
        ok = days.between(1, 2958465)  # 1900-01-01 .. 9999-12-31
        parsed[serial & ok.reindex(t.index, fill_value=False)] = EXCEL_EPOCH + pd.to_timedelta(days[ok], unit="D")
    if col.dtype == "datetime":
        tm = t.str.extract(_TIME_RE).astype(float).fillna(0.0)
        offset = pd.to_timedelta(tm[0] * 3600 + tm[1] * 60 + tm[2], unit="s")
        parsed = parsed + offset.where(~serial, pd.Timedelta(0))
    else:
        parsed = parsed.dt.normalize()
    # Cells already reported as ambiguous/mixed are reported once per column, not per row.
    bad = t.notna() & parsed.isna() & ~(xy[0].notna() & ~hx)
    for i in np.flatnonzero(bad.to_numpy()):
        ctx.at(i, col.name, "bad_date", f"{_show(t.iloc[i])} is not a valid date.", _fix_for(ctx.table, col))
    return parsed.astype("datetime64[ns]")


def _parse_numbers(t: pd.Series, col: ColumnSpec, ctx: "_Ctx") -> pd.Series:
    clean = t.str.replace(r"^([-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?)$", lambda mt: mt.group(1).replace(",", ""), regex=True)
    if col.unit == "%" or col.name.endswith("_pct"):
        clean = clean.str.replace(r"\s*%$", "", regex=True)
    num = pd.to_numeric(clean, errors="coerce").astype(float)
    ok = num.notna()
    if ok.any():  # re-read the good cells with Python's correctly rounded parser (exact round trip)
        num[ok] = clean[ok].astype(float)
    num[~np.isfinite(num.to_numpy())] = np.nan
    bad = t.notna() & num.isna()
    for i in np.flatnonzero(bad.to_numpy()):
        ctx.at(i, col.name, "wrong_type", f"{_show(t.iloc[i])} is not a number.", _fix_for(ctx.table, col))
    if col.dtype == "int":
        frac = num.notna() & (num != np.round(num))
        for i in np.flatnonzero(frac.to_numpy()):
            ctx.at(i, col.name, "not_integer", f"{_fmt(num.iloc[i])} is not a whole number.",
                    _fix_for(ctx.table, col))
        num = num.mask(frac)
    return num


def _parse_bools(t: pd.Series, col: ColumnSpec, ctx: "_Ctx") -> pd.Series:
    low = t.str.lower()
    out = pd.Series(pd.NA, index=t.index, dtype="boolean")
    out[low.isin(_TRUE).fillna(False).astype(bool)] = True
    out[low.isin(_FALSE).fillna(False).astype(bool)] = False
    bad = t.notna() & out.isna()
    for i in np.flatnonzero(bad.to_numpy()):
        ctx.at(i, col.name, "wrong_type", f"{_show(t.iloc[i])} is not true or false.", _fix_for(ctx.table, col))
    return out


def _parse_text(t: pd.Series, col: ColumnSpec, ctx: "_Ctx") -> pd.Series:
    ctrl = t.str.contains(_CTRL_RE, regex=True).fillna(False).astype(bool)
    for i in np.flatnonzero(ctrl.to_numpy()):
        ctx.at(i, col.name, "control_characters",
                f"{_show(t.iloc[i])} contains control characters (tabs, line breaks or invisible codes); they were removed.",
                "retype the value, or paste it as plain text.", "warning")
    if ctrl.any():
        t = t.str.replace(r"[\t\r\n]+", " ", regex=True).str.replace(_CTRL_RE, "", regex=True).str.strip()
        t = t.mask(t == "")
    formula = t.str.contains(_FORMULA_RE, regex=True).fillna(False).astype(bool)
    for i in np.flatnonzero(formula.to_numpy()):
        ctx.at(i, col.name, "formula_text",
                f"{_show(t.iloc[i])} looks like a spreadsheet formula; it is kept as plain text and never run.",
                "remove the leading '=', '+', '-' or '@' unless it belongs to the value.", "warning")
    long = (t.str.len() > MAX_TEXT_CHARS).fillna(False).astype(bool)
    for i in np.flatnonzero(long.to_numpy()):
        ctx.at(i, col.name, "long_text",
                f"the value is {int(t.str.len().iloc[i])} characters long (more than {MAX_TEXT_CHARS}); it is kept as is.",
                f"shorten it to at most {MAX_TEXT_CHARS} characters.", "warning")
    if col.allowed is not None:
        canon = {a.lower(): a for a in col.allowed}
        if col.is_list:
            def norm_list(v: object, i: int) -> object:
                if v is pd.NA or v is None:
                    return None
                items = [x.strip() for x in re.split(r"[;；,，]", str(v)) if x.strip()]
                good = []
                for x in items:
                    if x.lower() in canon:
                        good.append(canon[x.lower()])
                    else:
                        ctx.at(i, col.name, "not_allowed", f"{_show(x)} is not one of the allowed values.",
                                f"use {_range_text(col)}.")
                return ";".join(dict.fromkeys(good)) if good else None
            return pd.Series([norm_list(v, i) for i, v in enumerate(t.tolist())], index=t.index, dtype=object)
        low = t.str.lower()
        t = low.map(canon).astype("string").fillna(t)
    return t.astype(object).where(t.notna(), None)


class _Ctx:
    """Collects issues for one table of one file."""

    def __init__(self, file: str, table: str, rows: np.ndarray) -> None:
        self.file, self.table, self.rows = file, table, rows
        self.frame: pd.DataFrame | None = None
        self.issues: list[Issue] = []

    def add(self, row: int | None, column: str | None, code: str, message: str, fix: str, severity: str = "error") -> None:
        self.issues.append(Issue(self.file, row, column, message, fix, severity, code))

    def at(self, i: int, column: str | None, code: str, message: str, fix: str, severity: str = "error",
           once: bool = False) -> None:
        """An issue on the frame row at position ``i``."""
        self.add(int(self.rows[i]), column, code, message, fix, severity)


class _UniqueCtx:
    """Parsers run on the distinct values of a column; an issue on a value is reported on each of its rows."""

    def __init__(self, parent: _Ctx, codes: np.ndarray) -> None:
        self.parent, self.table, self.codes = parent, parent.table, codes
        self._order: np.ndarray | None = None

    def at(self, u: int, column: str | None, code: str, message: str, fix: str, severity: str = "error",
           once: bool = False) -> None:
        if self._order is None:
            self._order = np.argsort(self.codes, kind="stable")
            self._sorted = self.codes[self._order]
        lo, hi = np.searchsorted(self._sorted, [u, u + 1])
        positions = self._order[lo:hi]
        for p in positions[:1] if once else positions:
            self.parent.at(int(p), column, code, message, fix, severity)


def _parse_unique(parser, t: pd.Series, col: ColumnSpec, ctx: _Ctx) -> pd.Series:
    """Run ``parser`` once per distinct value of ``t`` and spread the result back over the rows."""
    codes, uniques = pd.factorize(t, use_na_sentinel=True)
    parsed = parser(pd.Series(uniques, dtype=t.dtype), col, _UniqueCtx(ctx, codes))
    return pd.Series(parsed.array.take(codes, allow_fill=True), index=t.index)


# --------------------------------------------------------------------------------------------
# One table
# --------------------------------------------------------------------------------------------

def _match_headers(headers: list[str], labels: list[str], spec: TableSpec, ctx: _Ctx) -> dict[str, str]:
    """Map frame labels to schema columns; report duplicates, unknown and missing columns."""
    mapping: dict[str, str] = {}
    extras: list[tuple[str, str]] = []  # (label, header as in file)
    for label, header in zip(labels, headers):
        key = normalise_name(header)
        target = key if key in spec.column_names else None
        if target is None:
            target = next((c for c in HEADER_ALIASES.get(key, ()) if c in spec.column_names), None)
        if target is None:
            extras.append((label, header))
            continue
        if target in mapping.values():
            ctx.add(1, header, "duplicate_column", f"column '{target}' appears more than once; only the first is read.",
                    f"delete or rename the second '{header}' column.")
            continue
        mapping[label] = target
    missing = [c for c in spec.required_columns if c not in mapping.values()]
    suggested: dict[str, str] = {}  # extra header -> schema column
    for col in missing:
        cand = [h for _, h in extras if col in HEADER_HINTS.get(normalise_name(h), ())]
        if not cand:
            norm = {normalise_name(h): h for _, h in extras if normalise_name(h)}
            close = difflib.get_close_matches(col, list(norm), n=1, cutoff=0.6)
            cand = [norm[c] for c in close]
        expected = ", ".join(spec.required_columns)
        optional = ", ".join(c.name for c in spec.columns if not c.required)
        listing = f"required columns are {expected}" + (f" (optional: {optional})" if optional else "")
        if cand:
            suggested[cand[0]] = col
            ctx.add(1, col, "missing_column",
                    f"required column '{col}' is missing; the file has '{cand[0]}': did you mean '{col}'?",
                    f"rename the column '{cand[0]}' to '{col}'; {listing}.")
        else:
            ctx.add(1, col, "missing_column", f"required column '{col}' is missing.",
                    f"add a column '{col}' ({spec.column(col).description}); {listing}.")
    for label, header in extras:
        if not normalise_name(header):
            # A column without a header: only worth a word when it holds data.
            if ctx.frame is not None and _as_text(ctx.frame[label], False).notna().any():
                ctx.add(1, None, "unnamed_column", "a column without a header holds data; it is ignored.",
                        "give the column a header from the table's columns, or delete it.", "warning")
            continue
        hint = suggested.get(header)
        if hint is None:
            close = difflib.get_close_matches(normalise_name(header), list(spec.column_names), n=1, cutoff=0.75)
            hint = close[0] if close and close[0] not in mapping.values() else None
        ctx.add(1, header, "unknown_column",
                f"column '{header}' is not part of table '{spec.name}' and is ignored"
                + (f"; did you mean '{hint}'?" if hint else "."),
                (f"rename it to '{hint}'" if hint else "delete it or leave it; it is not imported")
                + f" (columns of {spec.name}: {', '.join(spec.column_names)}).", "warning")
    return mapping


def _validate_raw(raw: RawTable, spec: TableSpec) -> tuple[pd.DataFrame, np.ndarray, list[Issue]]:
    """Type and check one raw table; returns (typed frame, file row per frame row, issues)."""
    ctx = _Ctx(raw.file, spec.name, raw.rows)
    frame = raw.frame
    ctx.frame = frame
    labels = [str(c) for c in frame.columns]
    headers = raw.headers if len(raw.headers) == len(labels) else labels
    mapping = _match_headers(headers, labels, spec, ctx)

    # Blank rows: every cell empty or spaces.
    if len(frame):
        texts = {lab: _as_text(frame[lab], raw.text_cells) for lab in labels}
        blank = np.ones(len(frame), dtype=bool)
        for t in texts.values():
            blank &= t.isna().to_numpy()
    else:
        texts, blank = {}, np.zeros(0, dtype=bool)
    for i in np.flatnonzero(blank):
        ctx.add(int(raw.rows[i]), None, "blank_row", "the row is empty and was skipped.", "delete empty rows (optional).",
                "warning")
    keep = ~blank
    rows = raw.rows[keep]
    ctx.rows = rows
    index = pd.RangeIndex(int(keep.sum()))

    out: dict[str, pd.Series] = {}
    present = set(mapping.values())
    label_of = {v: k for k, v in mapping.items()}
    for col in spec.columns:
        if col.name not in present:
            if col.required:
                out[col.name] = _empty(col, len(index))
                continue
            default = COLUMN_DEFAULTS.get((spec.name, col.name))
            out[col.name] = _filled(col, len(index), default)
            continue
        t = texts[label_of[col.name]][keep].reset_index(drop=True)
        if col.dtype in ("date", "datetime"):
            v = _parse_unique(_parse_dates, t, col, ctx)
        elif col.dtype in ("int", "float"):
            v = _parse_unique(_parse_numbers, t, col, ctx)
        elif col.dtype == "bool":
            v = _parse_unique(_parse_bools, t, col, ctx)
        else:
            v = _parse_unique(_parse_text, t, col, ctx)
        missing = t.isna().to_numpy()
        if missing.any():
            default = COLUMN_DEFAULTS.get((spec.name, col.name))
            if col.required and not col.nullable:
                for i in np.flatnonzero(missing):
                    ctx.add(int(rows[i]), col.name, "missing_value", "the value is missing.", _fix_for(spec.name, col))
            elif default is not None:
                v = v.copy()
                v[missing] = default
        out[col.name] = _finish_dtype(v, col)
    typed = pd.DataFrame(out, index=index)

    # Range and allowed values: the pandera schema built from the spec, lazily, mapped to rows.
    _run_pandera(typed, spec, ctx)

    _order_issues(typed, spec, ctx)

    # Unique key.
    key = [k for k in spec.unique_key]
    if key and len(typed):
        sub = typed[key]
        dup = sub.duplicated(keep="first").to_numpy() & sub.notna().all(axis=1).to_numpy()
        if dup.any():
            first_row = pd.Series(rows, index=typed.index).groupby([typed[k] for k in key], dropna=True).transform("first")
            for i in np.flatnonzero(dup):
                desc = ", ".join(f"{k} {_show_key(typed[k].iloc[i])}" for k in key)
                ctx.add(int(rows[i]), key[0] if len(key) == 1 else None, "duplicate_key",
                        f"{desc} appears more than once (first on row {int(first_row.iloc[i])}).",
                        f"keep one row per {' x '.join(key)}: add the rows together or delete the repeat.")
    return typed, rows, ctx.issues


#: Pairs of columns where the first must not come after the second: {table: ((earlier, later), ...)}.
ORDERED_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "campaigns": (("start_date", "end_date"),),
    "shipments": (("departure_date", "eta_date"),),
}


def _order_issues(typed: pd.DataFrame, spec: TableSpec, ctx: _Ctx) -> None:
    """``*_min <= *_typ <= *_max`` for every such triple, and the date pairs of ORDERED_COLUMNS."""
    pairs = list(ORDERED_COLUMNS.get(spec.name, ()))
    for col in spec.column_names:
        if col.endswith("_min"):
            stem = col[:-4]
            if f"{stem}_typ" in typed and f"{stem}_max" in typed:
                pairs += [(f"{stem}_min", f"{stem}_typ"), (f"{stem}_typ", f"{stem}_max")]
    for early, late in pairs:
        a, b = typed[early], typed[late]
        bad = (a.notna() & b.notna() & (a > b)).to_numpy()
        for i in np.flatnonzero(bad):
            ctx.at(int(i), late, "wrong_order",
                   f"{late} {_show_key(b.iloc[i])} is before/below {early} {_show_key(a.iloc[i])}.",
                   f"make {early} <= {late} on this row (swap them if they were typed the wrong way round).")


def _show_key(v: object) -> str:
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d") if v == v.normalize() else v.isoformat(sep=" ")
    return _show(v)


def _empty(col: ColumnSpec, n: int) -> pd.Series:
    if col.dtype in ("date", "datetime"):
        return pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
    if col.dtype in ("int", "float"):
        return pd.Series(np.nan, index=range(n), dtype=float)
    if col.dtype == "bool":
        return pd.Series(pd.NA, index=range(n), dtype="boolean")
    return pd.Series([None] * n, index=range(n), dtype=object)


def _filled(col: ColumnSpec, n: int, default: object) -> pd.Series:
    if default is None:
        return _finish_dtype(_empty(col, n), col)
    if col.dtype == "bool":
        return pd.Series(np.full(n, bool(default)), dtype=bool)
    if col.dtype == "float":
        return pd.Series(np.full(n, float(default)), dtype=float)
    return pd.Series([default] * n, index=range(n), dtype=object)


def _finish_dtype(v: pd.Series, col: ColumnSpec) -> pd.Series:
    if col.dtype == "int":
        return v.astype("int64") if not v.isna().any() else v.astype("Int64")
    if col.dtype == "float":
        return v.astype("float64")
    if col.dtype == "bool":
        return v.astype(bool) if not v.isna().any() else v.astype("boolean")
    if col.dtype in ("date", "datetime"):
        return v.astype("datetime64[ns]")
    return v.astype(object).where(v.notna(), None)


def _run_pandera(typed: pd.DataFrame, spec: TableSpec, ctx: _Ctx) -> None:
    import pandera.pandas as pa

    schema = pandera_schema(spec)
    frame = typed.set_axis(ctx.rows, axis=0)
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        fc = exc.failure_cases
        fc = fc[fc["index"].notna() & fc["column"].notna()]
        for rec in fc.itertuples(index=False):
            col = spec.column(str(rec.column))
            check = str(rec.check)
            value = rec.failure_case
            if check.startswith("greater_than_or_equal_to"):
                code = "negative_value" if col.min_value == 0 else "below_minimum"
                msg = (f"{_fmt(value)} is negative." if code == "negative_value"
                       else f"{_fmt(value)} is below the minimum of {_fmt(col.min_value)}.")
            elif check.startswith("less_than_or_equal_to"):
                code, msg = "above_maximum", f"{_fmt(value)} is above the maximum of {_fmt(col.max_value)}."
            elif check.startswith("isin"):
                code, msg = "not_allowed", f"{_show(value)} is not one of the allowed values."
            else:
                code, msg = "invalid", f"{_show(value)} fails the check {check}."
            ctx.add(int(rec.index), col.name, code, msg, _fix_for(spec.name, col))


# --------------------------------------------------------------------------------------------
# Across tables
# --------------------------------------------------------------------------------------------

@dataclass
class _Checked:
    file: str
    frame: pd.DataFrame
    rows: np.ndarray


def _reference_issues(checked: dict[str, _Checked]) -> list[Issue]:
    issues: list[Issue] = []
    for name, item in checked.items():
        spec = TABLES[name]
        for column, (ref_table, ref_col) in spec.references.items():
            if ref_table not in checked or column not in item.frame:
                continue
            known = pd.Index(checked[ref_table].frame[ref_col].dropna().unique())
            by_lower = {str(k).lower(): str(k) for k in known}
            values = item.frame[column]
            bad = (values.notna() & ~values.isin(known)).to_numpy()
            ref_file = checked[ref_table].file
            for i in np.flatnonzero(bad):
                v = values.iloc[i]
                close = [by_lower[str(v).lower()]] if str(v).lower() in by_lower else \
                    difflib.get_close_matches(str(v), list(by_lower.values())[:5000], n=1, cutoff=0.8)
                hint = f" (did you mean {_show(close[0])}?)" if close else ""
                issues.append(Issue(item.file, int(item.rows[i]), column, f"{column} {_show(v)} is not in {ref_file}{hint}.",
                                    f"add {_show(v)} to {ref_file}, or correct the id (ids are case-sensitive).",
                                    "error", "unknown_reference"))
    return issues


def aggregate_order_lines(order_lines: pd.DataFrame) -> pd.DataFrame:
    """Daily ``sales`` from an order-line export: units = sum of quantity, revenue = sum of revenue.

    Rows are grouped by sku, calendar day of ``ordered_at``, region and channel; the currency is
    the first one seen in each group.
    """
    if order_lines.empty:
        return _empty_table(TABLES["sales"])
    df = order_lines.assign(date=order_lines["ordered_at"].dt.normalize())
    keys = ["sku", "date", "region", "channel"]
    g = df.groupby(keys, sort=True, dropna=False)
    out = pd.DataFrame({
        "units": g["quantity"].sum(),
        "revenue": g["revenue"].sum(min_count=1),
        "currency": g["currency"].first(),
    }).reset_index()
    out["currency"] = out["currency"].astype(object).where(out["currency"].notna(), None)
    cols = list(TABLES["sales"].column_names)
    return out[cols].reset_index(drop=True)


def _empty_table(spec: TableSpec) -> pd.DataFrame:
    return pd.DataFrame({c.name: _finish_dtype(_empty(c, 0), c) for c in spec.columns})


def validate_frame(frame: pd.DataFrame, table: str, *, file: str | None = None) -> tuple[pd.DataFrame, list[Issue]]:
    """Check an in-memory frame as if it were the file ``<table>.csv`` (row 2 = first row).

    Returns the typed frame and the issues (the input frame is not changed).
    """
    if table not in TABLES:
        raise ValueError(f"table must be one of {', '.join(TABLES)} (got {table!r})")
    raw = RawTable(file or f"{table}.csv", table, frame.astype(object).reset_index(drop=True),
                   np.arange(2, len(frame) + 2, dtype=np.int64), [str(c) for c in frame.columns], text_cells=False)
    typed, _rows, issues = _validate_raw(raw, TABLES[table])
    return typed, _sorted(issues)


def validate_raw_tables(raws: list[RawTable], issues: list[Issue] | None = None,
                        files: list[str] | None = None) -> LoadResult:
    """Validate raw tables one by one and across tables; the core of load_folder/load_uploads."""
    issues = list(issues or [])
    checked: dict[str, _Checked] = {}
    for raw in raws:
        if raw.table is None:
            close = difflib.get_close_matches(normalise_name(Path(raw.file).stem), list(TABLES), n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}{Path(raw.file).suffix}'?" if close else "."
            issues.append(Issue(raw.file, None, None, f"'{raw.file}' is not named after a table and was not read{hint}",
                                "name each file after its table: " + ", ".join(f"{t}.csv" for t in TABLES) + ".",
                                "warning", "unknown_table"))
            continue
        if raw.table in checked:
            issues.append(Issue(raw.file, None, None,
                                f"table '{raw.table}' is given twice (also in {checked[raw.table].file}).",
                                "keep one file per table.", "error", "duplicate_table"))
            continue
        typed, rows, found = _validate_raw(raw, TABLES[raw.table])
        issues.extend(found)
        checked[raw.table] = _Checked(raw.file, typed, rows)

    if "order_lines" in checked:
        if "sales" in checked:
            issues.append(Issue(checked["order_lines"].file, None, None,
                                "both sales and order_lines are given; sales is used and order_lines is ignored.",
                                "give either daily sales or the order-line export, not both.", "warning",
                                "order_lines_ignored"))
    for name in REQUIRED_TABLES:
        if name in checked or (name == "sales" and "order_lines" in checked):
            continue
        spec = TABLES[name]
        issues.append(Issue(f"{name}.csv", None, None, f"the dataset has no '{name}' table.",
                            f"add {name}.csv or {name}.xlsx with the columns {', '.join(spec.required_columns)}.",
                            "error", "missing_table"))
    issues.extend(_reference_issues(checked))

    tables = {name: c.frame for name, c in checked.items()}
    if "order_lines" in tables:
        lines = tables.pop("order_lines")
        if "sales" not in tables:
            tables["sales"] = aggregate_order_lines(lines)
    order = list(TABLES)
    tables = {k: tables[k] for k in order if k in tables}
    return LoadResult(tables=tables, issues=_sorted(issues), files=list(files or []))


def _sorted(issues: list[Issue]) -> list[Issue]:
    order = {name: i for i, name in enumerate(TABLES)}
    def key(iss: Issue) -> tuple:
        return (order.get(Path(iss.file.split("[")[0]).stem, len(order)), iss.file,
                -1 if iss.row is None else iss.row, iss.column or "")
    return sorted(issues, key=key)


def _is_table_file(p: Path) -> bool:
    return p.is_file() and not p.name.startswith((".", "~$"))


def load_folder(path: str | os.PathLike, *, max_upload_mb: float | None = None) -> LoadResult:
    """Read, type and check every table file in a folder (not its subfolders).

    Raises NotADirectoryError when ``path`` is not a folder; bad data never raises.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise NotADirectoryError(f"{str(folder)!r} is not a folder; pass the folder that holds sales.csv, skus.csv, ...")
    raws: list[RawTable] = []
    issues: list[Issue] = []
    files: list[str] = []
    for p in sorted(folder.iterdir()):
        if not _is_table_file(p):
            continue
        files.append(p.name)
        found, problems = read_source(p, max_upload_mb=max_upload_mb)
        raws.extend(found)
        issues.extend(problems)
    return validate_raw_tables(raws, issues, files)


def load_uploads(files: list[tuple[str, bytes]], *, max_upload_mb: float | None = None) -> LoadResult:
    """Like :func:`load_folder` for uploaded files given as ``(filename, bytes)`` pairs."""
    raws: list[RawTable] = []
    issues: list[Issue] = []
    names: list[str] = []
    for name, data in files:
        names.append(Path(name).name)
        found, problems = read_source((data, name), max_upload_mb=max_upload_mb)
        raws.extend(found)
        issues.extend(problems)
    return validate_raw_tables(raws, issues, names)
