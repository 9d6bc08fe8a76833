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
* Nothing is changed silently. Numbers must be finite and below a plausible maximum per column
  (:data:`PLAUSIBLE_MAX`: a units figure of 1e308 is a typo, not a sale); dates must lie within the
  plausible span (:func:`date_span`, ``LINKSTAR_EARLIEST_DATE`` / ``LINKSTAR_LATEST_DATE``) and sales
  within :data:`MAX_HISTORY_YEARS` of the latest sale (one row dated 1901 would stretch every forecast
  over 125 years); ids (SKU, warehouse, campaign, shipment, order) may not exceed :data:`MAX_ID_CHARS`
  or hold invisible / direction-changing characters, and ids that mix Latin with look-alike Cyrillic
  or Greek letters ("SKU-A" and "SKU-А") are warned about by row; a required table with a header
  and no rows is an error.
* A partial refresh (``base=`` the active version's tables) checks the files given and takes every
  table not given from the base, so a weekly sales-only refresh makes a complete new version.
* Every message is a :class:`~linkstar_analytics.io.messages.Text` in English and Chinese.

The range and allowed-value checks of each table are a :class:`pandera.DataFrameSchema` built
from its :class:`~linkstar_analytics.schemas.TableSpec` (:func:`pandera_schema`), run lazily so
that every failing cell is reported, and mapped back to file rows.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from linkstar_analytics.calendar import planning_today
from linkstar_analytics.io.messages import QUOTE_CHARS, T, Text, quote
from linkstar_analytics.io.readers import (
    Issue, RawTable, format_issue, make_issue, normalise_name, read_source, render_issue, table_for_name,
)
from linkstar_analytics.schemas import REQUIRED_TABLES, TABLES, ColumnSpec, TableSpec

__all__ = [
    "COLUMN_DEFAULTS", "HEADER_ALIASES", "ID_COLUMNS", "Issue", "LoadResult", "MAX_HISTORY_YEARS", "MAX_ID_CHARS",
    "MAX_TEXT_CHARS", "PLAUSIBLE_MAX", "date_span", "format_issue", "load_folder", "load_uploads", "pandera_schema",
    "render_issue", "schemas_markdown", "validate_frame",
]

#: Longest text accepted without a warning, in characters (longer text is kept, and flagged).
MAX_TEXT_CHARS: int = 1000
#: Longest id (SKU, warehouse, campaign, shipment, order) accepted, in characters.
MAX_ID_CHARS: int = 64
#: Columns holding ids: exact keys that other tables, links and editors refer to.
ID_COLUMNS: frozenset[str] = frozenset({"sku", "warehouse_id", "campaign_id", "shipment_id", "order_id"})

#: Largest plausible value per numeric column (above it a value is a typo or a unit mix-up, and is refused):
#: {(table, column): maximum}. Columns not listed are bounded by :data:`DEFAULT_PLAUSIBLE_MAX`.
PLAUSIBLE_MAX: dict[tuple[str, str], float] = {
    ("sales", "units"): 10_000_000, ("sales", "revenue"): 10_000_000_000,
    ("order_lines", "quantity"): 1_000_000, ("order_lines", "revenue"): 1_000_000_000,
    ("skus", "unit_cost"): 10_000_000, ("skus", "price"): 10_000_000, ("skus", "weight_kg"): 2_000,
    ("skus", "length_cm"): 1_000, ("skus", "width_cm"): 1_000, ("skus", "height_cm"): 1_000,
    ("skus", "moq_units"): 10_000_000, ("skus", "case_pack_units"): 100_000, ("skus", "production_days"): 365,
    ("warehouses", "storage_per_cbm_month"): 1_000_000, ("warehouses", "storage_peak_surcharge_pct"): 1_000,
    ("warehouses", "inbound_per_unit"): 100_000, ("warehouses", "fulfilment_per_unit"): 100_000,
    ("freight_lanes", "rate_per_kg"): 100_000, ("freight_lanes", "rate_per_cbm"): 10_000_000,
    ("freight_lanes", "volumetric_divisor"): 100_000,
    ("last_mile", "max_weight_kg"): 10_000, ("last_mile", "fee_per_parcel"): 1_000_000,
    ("stock", "on_hand_units"): 1_000_000_000, ("shipments", "units"): 1_000_000_000,
    ("campaigns", "default_uplift"): 100, ("presale", "presale_units"): 100_000_000,
    ("creators", "expected_units"): 100_000_000,
    ("fbt_quota", "quota_units"): 100_000_000, ("fbt_quota", "quota_cbm"): 1_000_000,
    ("platform_recommendation", "recommended_units"): 100_000_000,
}
#: Bound of every numeric column without its own entry (days columns get 365: a lead time of a year).
DEFAULT_PLAUSIBLE_MAX: float = 1e12
DAYS_PLAUSIBLE_MAX: float = 365

#: Default plausible span of every date: from EARLIEST_DATE to today + LATEST_YEARS_AHEAD years.
EARLIEST_DATE = "2000-01-01"
LATEST_YEARS_AHEAD = 5
#: Sales (and order lines) older than this many years before the latest sale are refused.
MAX_HISTORY_YEARS: int = 8
#: Tables whose dates are the sales history.
HISTORY_TABLES = ("sales", "order_lines")


def date_span(today: pd.Timestamp | None = None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """(earliest, latest) plausible date: ``LINKSTAR_EARLIEST_DATE`` / ``LINKSTAR_LATEST_DATE`` (YYYY-MM-DD) when
    set and valid, else 2000-01-01 and today + 5 years."""
    now = pd.Timestamp(planning_today() if today is None else today).normalize()
    lo, hi = pd.Timestamp(EARLIEST_DATE), now + pd.DateOffset(years=LATEST_YEARS_AHEAD)
    for name, default in (("LINKSTAR_EARLIEST_DATE", lo), ("LINKSTAR_LATEST_DATE", hi)):
        text = os.environ.get(name, "").strip()
        try:
            value = pd.Timestamp(text) if text else default
        except (ValueError, TypeError):
            value = default
        if pd.isna(value):
            value = default
        if name == "LINKSTAR_EARLIEST_DATE":
            lo = value
        else:
            hi = value
    return lo, hi


def _max_history_years() -> int:
    text = os.environ.get("LINKSTAR_MAX_HISTORY_YEARS", "").strip()
    try:
        value = int(text) if text else MAX_HISTORY_YEARS
    except ValueError:
        value = MAX_HISTORY_YEARS
    return value if 0 < value <= 100 else MAX_HISTORY_YEARS


def plausible_max(table: str, col: ColumnSpec) -> float:
    if (table, col.name) in PLAUSIBLE_MAX:
        return float(PLAUSIBLE_MAX[(table, col.name)])
    if col.name.endswith(("_days", "_days_min", "_days_typ", "_days_max")):
        return DAYS_PLAUSIBLE_MAX
    return DEFAULT_PLAUSIBLE_MAX

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
COLUMN_FIXES: dict[tuple[str, str], str] = {  # message keys (io.messages)
    ("sales", "units"): "fix.units",
    ("order_lines", "quantity"): "fix.quantity",
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
    #: Tables taken unchanged from the base version of a partial refresh: {table: base version}.
    kept: dict[str, int] = field(default_factory=dict)

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

    def summary(self, lang: str = "en") -> str:
        n_err, n_warn = len(self.errors), len(self.warnings)
        rows = sum(len(f) for f in self.tables.values())
        if lang == "en":
            verdict = "OK" if self.ok else "NOT imported"
            return (f"{verdict}: {n_err} error{'s' * (n_err != 1)}, {n_warn} warning{'s' * (n_warn != 1)} "
                    f"in {len(self.files)} file{'s' * (len(self.files) != 1)} "
                    f"({len(self.tables)} tables, {rows} rows).")
        return T("summary.ok" if self.ok else "summary.rejected", errors=n_err, warnings=n_warn,
                 files=len(self.files), tables=len(self.tables), rows=rows).render(lang)


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


def schemas_markdown(lang: str = "en") -> str:
    """The README's data-model section, generated from :data:`schemas.TABLES` (``lang="zh"``: in Chinese)."""
    if lang == "zh":
        return _schemas_markdown_zh()
    out = ["## Data model", "",
           "A dataset is a folder (or a set of uploads) with one file per table, named `<table>.csv` or "
           "`<table>.xlsx` (an .xlsx may also hold several tables as sheets named like the tables). "
           "CSV may be UTF-8 (with or without BOM), UTF-16 with BOM or GBK/GB18030 (Windows-1252 is read with a "
           "warning; a file mixing encodings or readable only as garbled text is refused), separated by commas, "
           "semicolons or tabs; files up to 200 MB (`LINKSTAR_MAX_UPLOAD_MB`), 5,000,000 rows, 200 columns and "
           "50,000,000 cells per table. Headers are matched ignoring case "
           "and spaces, and a few Chinese headers are understood (日期 = date, 销量 = units, 商品编码 = sku...). "
           "Dates: `YYYY-MM-DD` preferred; "
           "`YYYY/MM/DD`, `DD/MM/YYYY` and `MM/DD/YYYY` (when a file's dates make the order clear) and "
           "Excel dates are accepted, from 2000-01-01 to five years ahead (`LINKSTAR_EARLIEST_DATE`, "
           "`LINKSTAR_LATEST_DATE`); sales older than 8 years before the latest sale are refused. Numbers must be "
           "finite and below a plausible maximum per column. Ids (SKU, warehouse, campaign, shipment, order) have at "
           "most 64 characters and no invisible characters. A day without a `sales` row means zero units sold that "
           "day.", ""]
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


def _schemas_markdown_zh() -> str:
    from linkstar_analytics.io.schema_zh import COLUMNS_ZH, DTYPES_ZH, TABLES_ZH

    out = ["## 数据模型", "",
           "数据集是一个文件夹（或一组上传文件），每张表一个文件，文件名为 `<表名>.csv` 或 `<表名>.xlsx`（一个 .xlsx "
           "也可以用以表名命名的多个工作表存放多张表）。CSV 可用 UTF-8（带或不带 BOM）、带 BOM 的 UTF-16 或 GBK/GB18030 "
           "编码（Windows-1252 会读取并给出警告；混用多种编码或只能读成乱码的文件会被拒绝），以逗号、分号或制表符分隔；"
           "每个文件最大 200 MB（`LINKSTAR_MAX_UPLOAD_MB`），每张表最多 5,000,000 行、200 列、50,000,000 个单元格。"
           "表头匹配时忽略大小写和空格，并识别部分中文表头（日期 = date、销量 = units、商品编码 = sku…）。日期建议写成 "
           "`YYYY-MM-DD`；也接受 `YYYY/MM/DD`、`DD/MM/YYYY` 和 `MM/DD/YYYY`（文件中的日期能确定顺序时）以及 Excel 日期，"
           "范围为 2000-01-01 至今后五年（`LINKSTAR_EARLIEST_DATE`、`LINKSTAR_LATEST_DATE`）；早于最近销售日期 8 年以上"
           "的销量会被拒绝。数值必须是有限数且不超过各列的合理上限。编码（SKU、仓库、大促、货件、订单）最多 64 个字符，"
           "不能含不可见字符。某天没有 `sales` 行表示当天销量为零。", ""]
    for spec in TABLES.values():
        need = "必需" if spec.required_table else "可选"
        if spec.name == "sales":
            need = "必需（或提供 `order_lines`）"
        out += [f"### `{spec.name}`（{need}）", "", TABLES_ZH[spec.name]]
        extra = []
        if spec.unique_key:
            extra.append("唯一键：" + "、".join(f"`{k}`" for k in spec.unique_key) + "。")
        if spec.references:
            extra.append("须存在：" + "、".join(f"`{c}` 在 `{t}.{tc}` 中" for c, (t, tc) in spec.references.items()) + "。")
        if extra:
            out += ["", " ".join(extra)]
        out += ["", "| 列 | 类型 | 单位 | 必填 | 取值 / 范围 | 默认值 | 说明 |", "|---|---|---|---|---|---|---|"]
        for col in spec.columns:
            default = COLUMN_DEFAULTS.get((spec.name, col.name))
            dflt = "" if default is None else f"`{default}`"
            if not col.required and default is None:
                dflt = "空"
            rng = _range_msg(col).render("zh").replace("|", "/")
            kind = DTYPES_ZH[col.dtype] + ("列表" if col.is_list else "")
            out.append(f"| `{col.name}` | {kind} | {col.unit} | {'是' if col.required else '否'} | {rng} | {dflt} | "
                       f"{COLUMNS_ZH[(spec.name, col.name)].replace('|', '/')} |")
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


def _show(v: object, limit: int = QUOTE_CHARS) -> str:
    """A value from a file quoted for a message: a short prefix, control and invisible characters as '?'."""
    return quote(v, limit)


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


def _range_msg(col: ColumnSpec) -> Text:
    """The allowed values or range of a column as a message piece (both languages)."""
    if col.allowed is not None:
        return T("p.one_of_list" if col.is_list else "p.one_of", values=", ".join(col.allowed))
    if col.min_value is not None and col.max_value is not None:
        return T("p.between", lo=_fmt(col.min_value), hi=_fmt(col.max_value))
    if col.min_value is not None:
        return T("p.at_least", lo=_fmt(col.min_value))
    if col.max_value is not None:
        return T("p.at_most", hi=_fmt(col.max_value))
    return T("p.no_range")


def _fix_for(table: str, col: ColumnSpec) -> Text:
    """The fix for a bad cell of ``col``: what to enter, in the column's type, range and unit."""
    if (table, col.name) in COLUMN_FIXES:
        return T(COLUMN_FIXES[(table, col.name)])
    unit = T("p.unit", unit=col.unit) if col.unit else T("p.none")
    if col.dtype in ("int", "float"):
        rng = _range_msg(col)
        spaced = Text(rng.key, rng.args) if rng.key != "p.no_range" else rng
        return T("fix.number", col=col.name, kind=T("p.whole_number" if col.dtype == "int" else "p.number"),
                 range=T("p.space_before", part=spaced) if rng.key != "p.no_range" else T("p.none"), unit=unit)
    if col.dtype == "date" and col.unit == "month":
        return T("fix.month", col=col.name)
    if col.dtype in ("date", "datetime"):
        return T("fix.date" if col.dtype == "date" else "fix.datetime", col=col.name)
    if col.dtype == "bool":
        return T("fix.bool", col=col.name)
    if col.allowed is not None:
        return T("fix.allowed", range=_range_msg(col))
    return T("fix.text", col=col.name)


# --------------------------------------------------------------------------------------------
# Column parsers (vectorised over the column)
# --------------------------------------------------------------------------------------------

_YMD_RE = r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$"
#: A month written without a day: 2026-11, 2026/11, 2026.11, 2026年11月.
_MONTH_RE = r"^\s*(\d{4})\s*[-/.年]\s*(0?[1-9]|1[0-2])\s*月?\s*$"
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
            ctx.at(i, col.name, "mixed_date_order", T("mixed_date_order", value=_show(t.iloc[i])),
                   T("date_order.fix", col=col.name), once=True)
            hx[:] = False
        elif not day_first and not month_first and bool((a != b).any()):
            i = int(np.flatnonzero(hx.to_numpy())[int(np.argmax((a != b).to_numpy()))])
            ctx.at(i, col.name, "ambiguous_date", T("ambiguous_date", value=_show(t.iloc[i])),
                   T("date_order.fix", col=col.name), once=True)
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
        ctx.at(i, col.name, "bad_date", T("bad_date", value=_show(t.iloc[i])), _fix_for(ctx.table, col))
    return parsed.astype("datetime64[ns]")


def _parse_numbers(t: pd.Series, col: ColumnSpec, ctx: "_Ctx") -> pd.Series:
    clean = t.str.replace(r"^([-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?)$", lambda mt: mt.group(1).replace(",", ""), regex=True)
    if col.unit == "%" or col.name.endswith("_pct"):
        clean = clean.str.replace(r"\s*%$", "", regex=True)
    num = pd.to_numeric(clean, errors="coerce").astype(float)
    ok = num.notna()
    if ok.any():  # re-read the good cells with Python's correctly rounded parser (exact round trip)
        num[ok] = clean[ok].astype(float)
    nonfinite = ~np.isfinite(num.to_numpy()) & num.notna().to_numpy()
    infinite = set(np.flatnonzero(nonfinite).tolist()) | set(
        np.flatnonzero(clean.str.fullmatch(r"\s*[-+]?(?:nan|inf|infinity)\s*", case=False).fillna(False).to_numpy()))
    num[~np.isfinite(num.to_numpy())] = np.nan
    bad = t.notna() & num.isna()
    for i in np.flatnonzero(bad.to_numpy()):
        ctx.at(i, col.name, "not_finite" if i in infinite else "wrong_type",
               T("not_finite" if i in infinite else "wrong_type_number", value=_show(t.iloc[i])),
               _fix_for(ctx.table, col))
    if col.dtype == "int":
        frac = num.notna() & (num != np.round(num))
        for i in np.flatnonzero(frac.to_numpy()):
            ctx.at(i, col.name, "not_integer", T("not_integer", value=_fmt(num.iloc[i])), _fix_for(ctx.table, col))
        num = num.mask(frac)
    return num


def _parse_bools(t: pd.Series, col: ColumnSpec, ctx: "_Ctx") -> pd.Series:
    low = t.str.lower()
    out = pd.Series(pd.NA, index=t.index, dtype="boolean")
    out[low.isin(_TRUE).fillna(False).astype(bool)] = True
    out[low.isin(_FALSE).fillna(False).astype(bool)] = False
    bad = t.notna() & out.isna()
    for i in np.flatnonzero(bad.to_numpy()):
        ctx.at(i, col.name, "wrong_type", T("wrong_type_bool", value=_show(t.iloc[i])), _fix_for(ctx.table, col))
    return out


def _parse_text(t: pd.Series, col: ColumnSpec, ctx: "_Ctx") -> pd.Series:
    ctrl = t.str.contains(_CTRL_RE, regex=True).fillna(False).astype(bool)
    for i in np.flatnonzero(ctrl.to_numpy()):
        ctx.at(i, col.name, "control_characters", T("control_characters", value=_show(t.iloc[i])),
               T("control_characters.fix"), "warning")
    if ctrl.any():
        t = t.str.replace(r"[\t\r\n]+", " ", regex=True).str.replace(_CTRL_RE, "", regex=True).str.strip()
        t = t.mask(t == "")
    formula = t.str.contains(_FORMULA_RE, regex=True).fillna(False).astype(bool)
    for i in np.flatnonzero(formula.to_numpy()):
        ctx.at(i, col.name, "formula_text", T("formula_text", value=_show(t.iloc[i])), T("formula_text.fix"),
               "warning")
    long = (t.str.len() > MAX_TEXT_CHARS).fillna(False).astype(bool)
    for i in np.flatnonzero(long.to_numpy()):
        ctx.at(i, col.name, "long_text", T("long_text", n=int(t.str.len().iloc[i]), limit=MAX_TEXT_CHARS),
               T("long_text.fix", limit=MAX_TEXT_CHARS), "warning")
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
                        ctx.at(i, col.name, "not_allowed", T("not_allowed", value=_show(x)),
                               T("fix.allowed", range=_range_msg(col)))
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

    def add(self, row: int | None, column: str | None, code: str, message: Text, fix: Text,
            severity: str = "error") -> None:
        self.issues.append(make_issue(self.file, row, column, code, message, fix, severity))

    def at(self, i: int, column: str | None, code: str, message: Text, fix: Text, severity: str = "error",
           once: bool = False) -> None:
        """An issue on the frame row at position ``i``."""
        self.add(int(self.rows[i]), column, code, message, fix, severity)


class _UniqueCtx:
    """Parsers run on the distinct values of a column; an issue on a value is reported on each of its rows."""

    def __init__(self, parent: _Ctx, codes: np.ndarray) -> None:
        self.parent, self.table, self.codes = parent, parent.table, codes
        self._order: np.ndarray | None = None

    def at(self, u: int, column: str | None, code: str, message: Text, fix: Text, severity: str = "error",
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
            ctx.add(1, header, "duplicate_column", T("duplicate_column", col=target),
                    T("duplicate_column.fix", header=_show(header)))
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
        optional_cols = ", ".join(c.name for c in spec.columns if not c.required)
        optional = T("p.optional_cols", cols=optional_cols) if optional_cols else T("p.none")
        if cand:
            suggested[cand[0]] = col
            ctx.add(1, col, "missing_column", T("missing_column_hint", col=col, other=_show(cand[0])),
                    T("missing_column_hint.fix", col=col, other=_show(cand[0]), cols=expected, optional=optional))
        else:
            ctx.add(1, col, "missing_column", T("missing_column", col=col),
                    T("missing_column.fix", col=col, cols=expected, optional=optional))
    named_extras = 0
    for label, header in extras:
        if not normalise_name(header):
            # A column without a header: only worth a word when it holds data.
            if ctx.frame is not None and _as_text(ctx.frame[label], False).notna().any():
                ctx.add(1, None, "unnamed_column", T("unnamed_column"), T("unnamed_column.fix"), "warning")
            continue
        hint = suggested.get(header)
        if hint is None:
            close = difflib.get_close_matches(normalise_name(header), list(spec.column_names), n=1, cutoff=0.75)
            hint = close[0] if close and close[0] not in mapping.values() else None
        named_extras += 1
        if named_extras > MAX_UNKNOWN_COLUMN_ISSUES:
            continue
        cols = ", ".join(spec.column_names)
        ctx.add(1, str(header)[:QUOTE_CHARS], "unknown_column",
                T("unknown_column", header=_show(header), table=spec.name,
                  hint=T("p.did_you_mean", name=_show(hint)) if hint else T("p.dot")),
                T("unknown_column.fix_rename", hint=hint, table=spec.name, cols=cols) if hint
                else T("unknown_column.fix", table=spec.name, cols=cols), "warning")
    if named_extras > MAX_UNKNOWN_COLUMN_ISSUES:
        ctx.add(1, None, "unknown_column",
                T("unknown_columns_more", n=named_extras - MAX_UNKNOWN_COLUMN_ISSUES, table=spec.name),
                T("unknown_column.fix", table=spec.name, cols=", ".join(spec.column_names)), "warning")
    return mapping


#: Unknown columns named one by one (the rest are counted in one more issue).
MAX_UNKNOWN_COLUMN_ISSUES = 20


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
    else:  # a header without rows: every column is present and empty
        texts = {lab: pd.Series([], dtype="string") for lab in labels}
        blank = np.zeros(0, dtype=bool)
    for i in np.flatnonzero(blank):
        ctx.add(int(raw.rows[i]), None, "blank_row", T("blank_row"), T("blank_row.fix"), "warning")
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
            if col.unit == "month":  # YYYY-MM (or a date in the month) -> the first day of the month
                t = t.str.replace(_MONTH_RE, r"\1-\2-01", regex=True)
            v = _parse_unique(_parse_dates, t, col, ctx)
            if col.unit == "month":
                v = v.dt.to_period("M").dt.to_timestamp()
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
                    ctx.add(int(rows[i]), col.name, "missing_value", T("missing_value"), _fix_for(spec.name, col))
            elif default is not None:
                v = v.copy()
                v[missing] = default
        out[col.name] = _finish_dtype(v, col)
    typed = pd.DataFrame(out, index=index)

    # Range and allowed values: the pandera schema built from the spec, lazily, mapped to rows.
    _run_pandera(typed, spec, ctx)
    _plausibility_issues(typed, spec, ctx)
    _id_issues(typed, spec, ctx)

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
                        T("duplicate_key", desc=desc, first=int(first_row.iloc[i])),
                        T("duplicate_key.fix", key=" x ".join(key)))
    return typed, rows, ctx.issues


def _plausibility_issues(typed: pd.DataFrame, spec: TableSpec, ctx: _Ctx) -> None:
    """Numbers above the column's plausible maximum, and dates outside the plausible span."""
    lo, hi = date_span()
    for col in spec.columns:
        v = typed[col.name]
        if col.dtype in ("int", "float"):
            top = plausible_max(spec.name, col)
            if col.max_value is not None and col.max_value <= top:
                continue  # the schema's own maximum is stricter (pandera reported it)
            values = pd.to_numeric(v, errors="coerce").astype(float).to_numpy()
            for i in np.flatnonzero(np.nan_to_num(values, nan=-np.inf) > top):
                unit = T("p.unit", unit=col.unit) if col.unit else T("p.none")
                ctx.at(int(i), col.name, "implausible_value",
                       T("implausible_value", value=_fmt_big(values[i]), hi=_fmt_big(top), col=col.name),
                       T("implausible_value.fix", hi=_fmt_big(top), unit=unit))
        elif col.dtype in ("date", "datetime"):
            outside = (v.notna() & ((v < lo) | (v > hi + pd.Timedelta(days=1)))).to_numpy()
            for i in np.flatnonzero(outside):
                ctx.at(int(i), col.name, "date_out_of_span",
                       T("date_out_of_span", value=_show_key(v.iloc[i]), col=col.name, lo=f"{lo:%Y-%m-%d}",
                         hi=f"{hi:%Y-%m-%d}"), T("date_out_of_span.fix"))


def _fmt_big(v: float) -> str:
    v = float(v)
    if math.isfinite(v) and abs(v) < 1e15:
        return f"{v:,.0f}" if v.is_integer() else f"{v:,.4g}"
    return f"{v:.3g}"


#: Invisible or direction-changing characters (format characters, zero-width, bidi controls, BOM...).
_INVISIBLE_CATEGORIES = ("Cf", "Cc", "Co", "Cs", "Zl", "Zp")
#: Letters of other scripts that look like Latin ones (Cyrillic, Greek), mapped to the Latin letter they mimic.
CONFUSABLES: dict[str, str] = {
    **dict(zip("АВЕКМНОРСТХаеорсухіјѕԁԛԝЅІЈӀ", "ABEKMHOPCTXaeopcyxijsdqwSIJI")),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοναυικτρ", "ABEZHIKMNOPTYXovaukktp")),
}


def _skeleton(text: str) -> str:
    """``text`` as it looks: compatibility forms folded (NFKC, full-width letters) and look-alikes mapped to Latin."""
    return "".join(CONFUSABLES.get(ch, ch) for ch in unicodedata.normalize("NFKC", text))


def _id_issues(typed: pd.DataFrame, spec: TableSpec, ctx: _Ctx) -> None:
    """Id columns: too long or holding invisible characters (errors); look-alike letters of other scripts
    (warnings, naming the row of the id they look the same as)."""
    for col in spec.columns:
        if col.dtype == "str" and col.allowed is None and col.name not in ID_COLUMNS and col.name in typed:
            _hidden_text_issues(typed[col.name], col, ctx)  # (a value of a fixed list cannot hide characters)
        if col.name not in ID_COLUMNS or col.name not in typed:
            continue
        v = typed[col.name]
        codes, uniques = pd.factorize(v, use_na_sentinel=True)
        first_row: dict[str, int] = {}
        looks: dict[str, list[int]] = {}
        flagged: dict[int, tuple[str, Text, Text, str]] = {}
        for u, value in enumerate(uniques):
            text = str(value)
            if len(text) > MAX_ID_CHARS:
                flagged[u] = ("id_too_long", T("id_too_long", n=len(text), limit=MAX_ID_CHARS),
                              T("id_too_long.fix", limit=MAX_ID_CHARS), "error")
                continue
            hidden = [(p, ch) for p, ch in enumerate(text, start=1)
                      if unicodedata.category(ch) in _INVISIBLE_CATEGORIES]
            if hidden:
                names = ", ".join(dict.fromkeys(f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".strip()
                                                for _, ch in hidden[:3]))
                flagged[u] = ("invisible_characters", T("invisible_characters", value=_show(text), names=names,
                                                         pos=hidden[0][0]), T("invisible_characters.fix"), "error")
                continue
            skel = _skeleton(text)
            looks.setdefault(skel, []).append(u)
            mixed = [(p, ch) for p, ch in enumerate(text, start=1) if ch in CONFUSABLES]
            if mixed and (any("a" <= c.lower() <= "z" for c in text) or skel != text):
                flagged[u] = ("confusable_id", None, None, "warning")  # type: ignore[assignment]
        if not flagged:
            continue
        positions = np.flatnonzero(codes >= 0)
        for pos in positions:
            first_row.setdefault(int(codes[pos]), int(ctx.rows[pos]))
        for u, (code, message, fix, severity) in flagged.items():
            if code == "confusable_id":
                text = str(uniques[u])
                p, ch = next((p, ch) for p, ch in enumerate(text, start=1) if ch in CONFUSABLES)
                twins = [w for w in looks.get(_skeleton(text), []) if w != u]
                hint = (T("confusable_id.hint", other=_show(uniques[twins[0]]), row=first_row.get(twins[0], "?"))
                        if twins else T("p.none"))
                script = unicodedata.name(ch, "").split(" ")[0].title()
                message = T("confusable_id", value=_show(text), char=_show(ch), pos=p, script=script, hint=hint)
                fix = T("confusable_id.fix")
            for pos in np.flatnonzero(codes == u):
                ctx.at(int(pos), col.name, code, message, fix, severity)


#: Invisible characters that are ordinary inside text (joiners of emoji and Indic scripts, soft hyphen).
_BENIGN_INVISIBLE = {"\u200c", "\u200d", "\u00ad"}


def _hidden_text_issues(v: pd.Series, col: ColumnSpec, ctx: _Ctx) -> None:
    """Free text (names, notes) holding direction-changing or invisible characters: kept, and warned about."""
    codes, uniques = pd.factorize(v, use_na_sentinel=True)
    for u, value in enumerate(uniques):
        hidden = [ch for ch in str(value) if unicodedata.category(ch) == "Cf" and ch not in _BENIGN_INVISIBLE]
        if not hidden:
            continue
        names = ", ".join(dict.fromkeys(f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".strip() for ch in hidden[:3]))
        for pos in np.flatnonzero(codes == u):
            ctx.at(int(pos), col.name, "invisible_in_text", T("invisible_in_text", value=_show(value), names=names),
                   T("invisible_in_text.fix"), "warning")


def _history_issues(checked: dict[str, "_Checked"]) -> list[Issue]:
    """Sales (order lines) dated more than MAX_HISTORY_YEARS before the latest sale."""
    years = _max_history_years()
    out: list[Issue] = []
    for name, column in (("sales", "date"), ("order_lines", "ordered_at")):
        if name not in checked or checked[name].frame.empty:
            continue
        item = checked[name]
        dates = item.frame[column]
        lo, hi = date_span()
        latest = dates[(dates >= lo) & (dates <= hi + pd.Timedelta(days=1))].max()  # a date out of span says nothing
        if pd.isna(latest):
            continue
        cutoff = latest.normalize() - pd.DateOffset(years=years)
        for i in np.flatnonzero((dates.notna() & (dates < cutoff) & (dates >= lo)).to_numpy()):
            out.append(make_issue(item.file, int(item.rows[i]), column, "history_too_long",
                                  T("history_too_long", value=_show_key(dates.iloc[i]), years=years,
                                    latest=f"{latest:%Y-%m-%d}"), T("history_too_long.fix", years=years)))
    return out


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
                   T("wrong_order", late=late, late_value=_show_key(b.iloc[i]), early=early,
                     early_value=_show_key(a.iloc[i])),
                   T("wrong_order.fix", early=early, late=late))


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
                msg = (T("negative_value", value=_fmt(value)) if code == "negative_value"
                       else T("below_minimum", value=_fmt(value), lo=_fmt(col.min_value)))
            elif check.startswith("less_than_or_equal_to"):
                code, msg = "above_maximum", T("above_maximum", value=_fmt(value), hi=_fmt(col.max_value))
            elif check.startswith("isin"):
                code, msg = "not_allowed", T("not_allowed", value=_show(value))
            else:
                code, msg = "invalid", T("invalid", value=_show(value), check=check[:40])
            ctx.add(int(rec.index), col.name, code, msg, _fix_for(spec.name, col))


# --------------------------------------------------------------------------------------------
# Across tables
# --------------------------------------------------------------------------------------------

@dataclass
class _Checked:
    file: str
    frame: pd.DataFrame
    rows: np.ndarray


def _reference_issues(checked: dict[str, _Checked], kept: dict[str, int] | None = None) -> list[Issue]:
    """Ids that must name a row of another table. A kept table (partial refresh) is checked against the new
    files too, but summarised in one issue per column (its rows are not in any file the user has)."""
    kept = kept or {}
    issues: list[Issue] = []
    for name, item in checked.items():
        spec = TABLES[name]
        for column, (ref_table, ref_col) in spec.references.items():
            if ref_table not in checked or column not in item.frame:
                continue
            if name in kept and ref_table in kept:
                continue  # both unchanged: checked when that version was imported
            known = pd.Index(checked[ref_table].frame[ref_col].dropna().unique())
            values = item.frame[column]
            bad = (values.notna() & ~values.isin(known)).to_numpy()
            if not bad.any():
                continue
            ref_file = checked[ref_table].file
            if name in kept:
                first = values[bad].iloc[0]
                issues.append(make_issue(item.file, None, column, "unknown_reference", T(
                    "kept_reference", n=int(bad.sum()), table=name, version=kept[name], col=column,
                    ref_file=ref_file, value=_show(first)), T("kept_reference.fix", ref_file=ref_file, table=name)))
                continue
            by_lower = {str(k).lower(): str(k) for k in known}
            by_look = {_skeleton(str(k)): str(k) for k in known}
            candidates = list(by_lower.values())[:5000]
            for i in np.flatnonzero(bad):
                v = values.iloc[i]
                close = [by_lower[str(v).lower()]] if str(v).lower() in by_lower else \
                    [by_look[_skeleton(str(v))]] if _skeleton(str(v)) in by_look else \
                    difflib.get_close_matches(str(v), candidates, n=1, cutoff=0.8)
                hint = T("p.did_you_mean_paren", name=_show(close[0])) if close else T("p.none")
                issues.append(make_issue(item.file, int(item.rows[i]), column, "unknown_reference",
                                         T("unknown_reference", col=column, value=_show(v), ref_file=ref_file,
                                           hint=hint),
                                         T("unknown_reference.fix", value=_show(v), ref_file=ref_file)))
    return issues


#: References of the platform's own exports that do not block an import: a row naming an unknown id is left out
#: with a warning (the platform may list SKUs, campaigns or warehouses this dataset does not plan).
SOFT_REFERENCES: dict[str, dict[str, tuple[str, str]]] = {
    "fbt_quota": {"warehouse_id": ("warehouses", "warehouse_id")},
    "platform_recommendation": {"sku": ("skus", "sku"), "campaign_id": ("campaigns", "campaign_id"),
                                "warehouse_id": ("warehouses", "warehouse_id")},
}


def _platform_row_issues(checked: dict[str, _Checked], kept: dict[str, int] | None = None) -> list[Issue]:
    """The platform tables (``fbt_quota``, ``platform_recommendation``): rows naming an unknown id (or, for a quota,
    a warehouse that is not FBT) are left out of the import with a warning naming file, row, column and fix; a quota
    row with neither ``quota_units`` nor ``quota_cbm`` is an error. Changes ``checked`` (drops the rows)."""
    kept = kept or {}
    issues: list[Issue] = []
    for name, refs in SOFT_REFERENCES.items():
        if name not in checked or name in kept:
            continue
        item = checked[name]
        frame = item.frame
        drop = np.zeros(len(frame), dtype=bool)
        for column, (ref_table, ref_col) in refs.items():
            if ref_table not in checked or column not in frame:
                continue
            known = checked[ref_table].frame[ref_col].dropna()
            values = frame[column]
            bad = (values.notna() & ~values.isin(known)).to_numpy() & ~drop
            ref_file = checked[ref_table].file
            by_lower = {str(k).lower(): str(k) for k in known}
            for i in np.flatnonzero(bad):
                v = values.iloc[i]
                close = [by_lower[str(v).lower()]] if str(v).lower() in by_lower else \
                    difflib.get_close_matches(str(v), list(by_lower.values())[:5000], n=1, cutoff=0.8)
                hint = T("p.did_you_mean_paren", name=_show(close[0])) if close else T("p.none")
                issues.append(make_issue(item.file, int(item.rows[i]), column, "reference_row_dropped",
                                         T("reference_row_dropped", col=column, value=_show(v), ref_file=ref_file,
                                           hint=hint),
                                         T("unknown_reference.fix", value=_show(v), ref_file=ref_file), "warning"))
            drop |= bad
        if name == "fbt_quota":
            if "warehouses" in checked:
                wh = checked["warehouses"].frame
                mode = pd.Series(wh["fulfilment_mode"].to_numpy(), index=wh["warehouse_id"].to_numpy())
                mode = mode[~mode.index.duplicated()]
                of_row = frame["warehouse_id"].map(mode)
                not_fbt = (of_row.notna() & (of_row != "FBT")).to_numpy() & ~drop
                fbt = [str(w) for w in mode.index[mode == "FBT"]]
                example = T("p.eg", value=_show(fbt[0])) if fbt else T("p.none")
                for i in np.flatnonzero(not_fbt):
                    issues.append(make_issue(
                        item.file, int(item.rows[i]), "warehouse_id", "quota_not_fbt",
                        T("quota_not_fbt", value=_show(frame["warehouse_id"].iloc[i]), mode=str(of_row.iloc[i])),
                        T("quota_not_fbt.fix", example=example), "warning"))
                drop |= not_fbt
            neither = (frame["quota_units"].isna() & frame["quota_cbm"].isna()).to_numpy() & ~drop
            for i in np.flatnonzero(neither):
                issues.append(make_issue(item.file, int(item.rows[i]), "quota_units", "quota_missing",
                                         T("quota_missing"), T("quota_missing.fix")))
        if drop.any():
            checked[name] = _Checked(item.file, frame.loc[~drop].reset_index(drop=True), item.rows[~drop])
    return issues


def _unfinished_campaign_issues(checked: dict[str, _Checked], kept: dict[str, int],
                                today: pd.Timestamp | None = None) -> list[Issue]:
    """Actual results (``campaign_actuals``) of a campaign whose last day is today or later: a warning per row naming
    the campaign and its last day; those rows are left out of the table so the rest imports."""
    if "campaign_actuals" not in checked or "campaigns" not in checked or "campaign_actuals" in kept:
        return []
    item = checked["campaign_actuals"]
    if item.frame.empty:
        return []
    now = pd.Timestamp(planning_today() if today is None else today).normalize()
    camps = checked["campaigns"].frame
    ends = pd.Series(pd.to_datetime(camps["end_date"]).to_numpy(), index=camps["campaign_id"].astype(str))
    ends = ends[~ends.index.duplicated()]
    end = pd.to_datetime(item.frame["campaign_id"].astype(str).map(ends))
    bad = (end.notna() & (end >= now)).to_numpy()
    out: list[Issue] = []
    for i in np.flatnonzero(bad):
        cid, last = str(item.frame["campaign_id"].iloc[i]), end.iloc[i]
        out.append(make_issue(item.file, int(item.rows[i]), "campaign_id", "campaign_not_ended",
                              T("campaign_not_ended", campaign=_show(cid), end=f"{last:%Y-%m-%d}"),
                              T("campaign_not_ended.fix", campaign=_show(cid),
                                after=f"{last + pd.Timedelta(days=1):%Y-%m-%d}"), "warning"))
    if out:
        keep = ~bad
        checked["campaign_actuals"] = _Checked(item.file, item.frame.loc[keep].reset_index(drop=True),
                                               item.rows[keep])
    return out


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
                        files: list[str] | None = None, *, base: Mapping[str, pd.DataFrame] | None = None,
                        base_version: int | None = None) -> LoadResult:
    """Validate raw tables one by one and across tables; the core of load_folder/load_uploads.

    With ``base`` (the typed tables of a stored version, ``base_version`` its number) this is a partial
    refresh: every table not given is taken from ``base`` (listed in ``LoadResult.kept``), and references
    are checked across the new and the kept tables."""
    issues = list(issues or [])
    # A file the reader refused as a whole (encoding, size, damaged workbook) already says why its table is missing.
    refused = {table_for_name(Path(i.file.split("[")[0]).stem) for i in issues if i.is_error}
    checked: dict[str, _Checked] = {}
    for raw in raws:
        if raw.table is None:
            close = difflib.get_close_matches(normalise_name(Path(raw.file).stem), list(TABLES), n=1, cutoff=0.6)
            hint = T("unknown_table.hint", name=_show(close[0] + Path(raw.file).suffix)) if close else T("p.dot")
            issues.append(make_issue(raw.file, None, None, "unknown_table",
                                     T("unknown_table", file=_show(raw.file), hint=hint),
                                     T("unknown_table.fix", names=", ".join(f"{t}.csv" for t in TABLES)), "warning"))
            continue
        if raw.table in checked:
            issues.append(make_issue(raw.file, None, None, "duplicate_table",
                                     T("duplicate_table", table=raw.table, other=checked[raw.table].file),
                                     T("duplicate_table.fix")))
            continue
        typed, rows, found = _validate_raw(raw, TABLES[raw.table])
        issues.extend(found)
        checked[raw.table] = _Checked(raw.file, typed, rows)

    for name, item in checked.items():
        if TABLES[name].required_table and item.frame.empty and not any(
                i.file == item.file and i.code in ("missing_column",) for i in issues):
            issues.append(make_issue(item.file, None, None, "empty_table", T("empty_table", table=name),
                                     T("empty_table.fix")))
    if "order_lines" in checked:
        if "sales" in checked:
            issues.append(make_issue(checked["order_lines"].file, None, None, "order_lines_ignored",
                                     T("order_lines_ignored"), T("order_lines_ignored.fix"), "warning"))
    issues.extend(_history_issues(checked))

    kept: dict[str, int] = {}
    if base is not None:
        given = set(checked) | ({"sales"} if "order_lines" in checked else set())
        for name, frame in base.items():
            if name in TABLES and name not in given and name != "order_lines":
                label = f"{name} (v{base_version})" if base_version is not None else f"{name} (kept)"
                checked[name] = _Checked(label, frame, np.arange(2, len(frame) + 2, dtype=np.int64))
                kept[name] = int(base_version) if base_version is not None else 0
    for name in REQUIRED_TABLES:
        if name in checked or (name == "sales" and "order_lines" in checked) or name in refused:
            continue
        spec = TABLES[name]
        issues.append(make_issue(f"{name}.csv", None, None, "missing_table", T("missing_table", table=name),
                                 T("missing_table.fix", table=name, cols=", ".join(spec.required_columns))))
    issues.extend(_platform_row_issues(checked, kept))
    issues.extend(_reference_issues(checked, kept))
    issues.extend(_unfinished_campaign_issues(checked, kept))

    tables = {name: c.frame for name, c in checked.items()}
    if "order_lines" in tables:
        lines = tables.pop("order_lines")
        if "sales" not in tables or ("sales" in kept):
            tables["sales"] = aggregate_order_lines(lines)
            kept.pop("sales", None)
    order = list(TABLES)
    tables = {k: tables[k] for k in order if k in tables}
    return LoadResult(tables=tables, issues=_sorted(issues), files=list(files or []), kept=kept)


def _sorted(issues: list[Issue]) -> list[Issue]:
    order = {name: i for i, name in enumerate(TABLES)}
    def key(iss: Issue) -> tuple:
        return (order.get(Path(iss.file.split("[")[0]).stem, len(order)), iss.file,
                -1 if iss.row is None else iss.row, iss.column or "")
    return sorted(issues, key=key)


def _is_table_file(p: Path) -> bool:
    return p.is_file() and not p.name.startswith((".", "~$"))


def load_folder(path: str | os.PathLike, *, max_upload_mb: float | None = None,
                base: Mapping[str, pd.DataFrame] | None = None, base_version: int | None = None) -> LoadResult:
    """Read, type and check every table file in a folder (not its subfolders).

    With ``base`` (a stored version's tables) the folder may hold only some tables: a partial refresh (see
    :func:`validate_raw_tables`). Raises NotADirectoryError when ``path`` is not a folder; bad data never raises.
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
    return validate_raw_tables(raws, issues, files, base=base, base_version=base_version)


def load_uploads(files: list[tuple[str, bytes]], *, max_upload_mb: float | None = None,
                 base: Mapping[str, pd.DataFrame] | None = None, base_version: int | None = None) -> LoadResult:
    """Like :func:`load_folder` for uploaded files given as ``(filename, bytes)`` pairs."""
    raws: list[RawTable] = []
    issues: list[Issue] = []
    names: list[str] = []
    for name, data in files:
        names.append(Path(name).name)
        found, problems = read_source((data, name), max_upload_mb=max_upload_mb)
        raws.extend(found)
        issues.extend(problems)
    return validate_raw_tables(raws, issues, names, base=base, base_version=base_version)
