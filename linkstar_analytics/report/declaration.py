"""The stock-up declaration: what a seller submits to the platform for a campaign and books as an inbound shipment.

One row per SKU the plan orders for one warehouse (zero lines left out), in the shape of a TikTok Shop stock-up
declaration and an inbound shipment request: the platform's product and SKU ids, the barcode (GTIN) and HS code,
units (split into the campaign stock declared for the campaign and the ordinary stock shipped with it for the days
before it) and presale units, cartons (units / case pack, the last one partial when they do not divide), the master
carton's size and gross weight, the shipment's total CBM and kg, the freight mode, and the departure, arrival at the
warehouse and sellable dates. Codes are in words and notes say what is missing, in English or Chinese.

Inputs
------
* Plan lines (``PlanResult.lines``): ``sku, warehouse_id, qty_after_rounding``; optional ``name, fulfilment_mode,
  freight_mode, presale_units, ordinary_units, flags, departure_date, warehouse_arrival_date, sellable_date`` (and
  the other date names of :data:`report.sheet.SCHEDULE_ALIASES`). Dates missing from the lines come from the schedule.
* The SKU master (``schemas.SKUS``): ``case_pack_units`` and, when present, ``platform_product_id,
  platform_sku_id, barcode, hs_code, carton_length_cm/width_cm/height_cm, carton_gross_weight_kg, weight_kg,
  length_cm/width_cm/height_cm`` (the unit's size and weight stand in for a missing carton, with a note).
* The backward schedule (``cost.schedule.backward_schedule``), optional: ``ship_by`` (departure),
  ``receiving_start`` (arrival at the warehouse), ``available_by`` (sellable), ``is_late``, ``days_late``.

Formulas
--------
cartons = ceil(units / case pack); total CBM = cartons x L x W x H / 10^6 (carton outer size in cm); total kg =
cartons x carton gross weight. Without a carton size: CBM = units x the packed unit's L x W x H / 10^6 and kg =
units x the unit's weight (noted). A late line (its latest PO date passed by ``days_late`` days) has every date
moved ``days_late`` days later: the chain as it runs for a purchase order placed today (noted).
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import datetime, timezone
from typing import IO, Any

import numpy as np
import pandas as pd

from linkstar_analytics.report.safe import is_missing
from linkstar_analytics.report.sheet import (
    KEY_COLUMNS,
    Lang,
    SheetColumn,
    _check_lang,
    _Formats,
    _key_text,
    _new_workbook,
    _require,
    _target,
    _to_bool,
    _to_date,
    _to_number,
    _to_text,
    _write_pairs,
    _write_table,
    label,
    schedule_fields,
    sheet_name,
)
from linkstar_analytics.report.words import flags_text, word

#: The declaration's columns, in order.
DECLARATION_COLUMNS: tuple[SheetColumn, ...] = (
    SheetColumn("campaign", "Campaign", "活动名称", "text"),
    SheetColumn("warehouse_id", "Warehouse", "仓库", "id"),
    SheetColumn("warehouse_name", "Warehouse name", "仓库名称", "text"),
    SheetColumn("fulfilment_mode", "Fulfilment mode", "履约模式", "text"),
    SheetColumn("platform_product_id", "Platform product ID", "平台商品 ID", "id"),
    SheetColumn("platform_sku_id", "Platform SKU ID", "平台 SKU ID", "id"),
    SheetColumn("sku", "Seller SKU", "商家 SKU", "id"),
    SheetColumn("name", "Product name", "商品名称", "text"),
    SheetColumn("barcode", "Barcode (GTIN)", "条码（GTIN）", "id"),
    SheetColumn("hs_code", "HS code", "HS 编码", "id"),
    SheetColumn("units", "Units", "备货数量（件）", "units", total=True),
    SheetColumn("campaign_stock_units", "Campaign stock (declared)", "活动库存（申报）", "units", total=True),
    SheetColumn("ordinary_units", "Ordinary stock", "日常库存", "units", total=True),
    SheetColumn("presale_units", "Presale units", "预售件数", "units", total=True),
    SheetColumn("case_pack_units", "Units per carton", "每箱件数", "units"),
    SheetColumn("cartons", "Cartons", "箱数", "units", total=True),
    SheetColumn("carton_length_cm", "Carton length (cm)", "外箱长（cm）", "cm"),
    SheetColumn("carton_width_cm", "Carton width (cm)", "外箱宽（cm）", "cm"),
    SheetColumn("carton_height_cm", "Carton height (cm)", "外箱高（cm）", "cm"),
    SheetColumn("carton_gross_weight_kg", "Carton gross weight (kg)", "单箱毛重（kg）", "kg"),
    SheetColumn("total_cbm", "Total volume (CBM)", "总体积（m³）", "cbm", total=True),
    SheetColumn("total_kg", "Total gross weight (kg)", "总毛重（kg）", "kg", total=True),
    SheetColumn("freight_mode", "Freight mode", "头程方式", "text"),
    SheetColumn("departure", "Departure date", "发运日期", "date"),
    SheetColumn("warehouse_arrival", "Arrival at warehouse", "预计到仓日期", "date"),
    SheetColumn("sellable", "Sellable date", "预计可售日期", "date"),
    SheetColumn("notes", "Notes", "备注", "text"),
)

#: Fixed texts of the declaration (notes, sheet names, summary labels), English and Chinese.
TEXT: dict[str, tuple[str, str]] = {
    "summary_sheet": ("Summary", "汇总"),
    "title": ("Stock-up declaration", "备货申报"),
    "campaign": ("Campaign", "活动名称"),
    "warehouses": ("Warehouses", "仓库"),
    "lines": ("SKU lines", "SKU 行数"),
    "units": ("Units", "件数"),
    "cartons": ("Cartons", "箱数"),
    "cbm": ("Volume (CBM)", "体积（m³）"),
    "kg": ("Gross weight (kg)", "毛重（kg）"),
    "not_listed": ("Not listed on the platform yet: add the platform product and SKU ids",
                   "尚未在平台上架：请补充平台商品 ID 与 SKU ID"),
    "no_barcode": ("No barcode (GTIN) in the SKU master", "SKU 主数据中没有条码（GTIN）"),
    "no_hs_code": ("No HS code in the SKU master", "SKU 主数据中没有 HS 编码"),
    "no_carton": ("No carton size: volume and weight estimated from the unit",
                  "缺少外箱尺寸：体积与重量按单件估算"),
    "partial_carton": ("Last carton holds {n} units", "最后一箱 {n} 件"),
    "late": ("Late by {n} days: dates are for a PO placed today, sellable after the inbound cutoff",
             "延误 {n} 天：日期按今天下单推算，可售日晚于入仓截止"),
}


def _t(key: str, lang: str, **kwargs: object) -> str:
    en, zh = TEXT[key]
    text = zh if lang == "zh" else en
    return text.format(**kwargs) if kwargs else text


def _sku_rows(skus: pd.DataFrame, sku_ids: pd.Series) -> np.ndarray:
    """Position in ``skus`` of each of ``sku_ids`` (-1 when unknown); the first row wins for a repeated id."""
    keys = skus["sku"].astype(str).reset_index(drop=True)
    first = ~keys.duplicated()
    pos = np.flatnonzero(first.to_numpy())
    hit = pd.Index(keys[first]).get_indexer(sku_ids.astype(str))
    return np.where(hit >= 0, pos[np.maximum(hit, 0)], -1) if len(pos) else np.full(len(sku_ids), -1)


def _sku_column(skus: pd.DataFrame, rows: np.ndarray, column: str, kind: str) -> pd.Series:
    """A SKU-master column taken at ``rows`` (from :func:`_sku_rows`); missing column or SKU -> missing."""
    n = len(rows)
    if column not in skus.columns:
        return pd.Series([None] * n if kind == "text" else [np.nan] * n)
    values = skus[column].reset_index(drop=True)
    taken = values.iloc[np.maximum(rows, 0)].reset_index(drop=True) if len(values) else pd.Series([None] * n)
    taken = taken.where(pd.Series(rows >= 0), None)
    if kind == "text":
        return _to_text(taken)
    return _to_number(taken, column, "skus")


def _ordering_lines(lines: pd.DataFrame, skus: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The lines that order (units > 0, a real warehouse) and their quantities: units, case pack, cartons, the last
    carton's units, carton size and weight, total CBM and kg (module docstring), vectorised."""
    _require(lines, "plan lines", (*KEY_COLUMNS, "qty_after_rounding"),
             "the declaration needs sku, warehouse_id and qty_after_rounding")
    _require(skus, "skus", ("sku", "case_pack_units"), "the declaration needs the SKU master's sku and case_pack_units")
    qty = _to_number(lines["qty_after_rounding"], "qty_after_rounding", "plan lines").reset_index(drop=True)
    wh_ids = _key_text(lines["warehouse_id"]).reset_index(drop=True)
    keep = ((np.floor(qty + 0.5) > 0) & wh_ids.notna() & (wh_ids != "(none)")).to_numpy()
    base = lines.reset_index(drop=True).loc[keep].reset_index(drop=True)
    units = np.floor(qty[keep].reset_index(drop=True) + 0.5)
    sku_ids = _key_text(base["sku"])
    rows = _sku_rows(skus, sku_ids)
    pack = _sku_column(skus, rows, "case_pack_units", "number")
    if "case_pack_units" in base.columns:  # the plan's own case pack wins where it has one
        own = _to_number(base["case_pack_units"], "case_pack_units", "plan lines")
        pack = own.where(own.notna(), pack)
    bad = ~(pack >= 1)
    if bad.any():
        raise ValueError(f"skus: `case_pack_units` must be a whole number >= 1 for every SKU declared (SKU "
                         f"{sku_ids[bad].iloc[0]!r} has {pack[bad].iloc[0]!r}); fill it in the SKU master")
    cartons = np.ceil(units / pack)
    dims = {c: _sku_column(skus, rows, c, "number")
            for c in ("carton_length_cm", "carton_width_cm", "carton_height_cm", "carton_gross_weight_kg",
                      "weight_kg", "length_cm", "width_cm", "height_cm")}
    has_carton = (dims["carton_length_cm"] > 0) & (dims["carton_width_cm"] > 0) & (dims["carton_height_cm"] > 0)
    has_weight = dims["carton_gross_weight_kg"] > 0
    carton_cbm = dims["carton_length_cm"] * dims["carton_width_cm"] * dims["carton_height_cm"] / 1e6
    unit_cbm = dims["length_cm"] * dims["width_cm"] * dims["height_cm"] / 1e6
    return base, {
        "sku": sku_ids, "rows": rows, "warehouse_id": _key_text(base["warehouse_id"]), "units": units, "pack": pack,
        "cartons": cartons, "partial": units - (cartons - 1) * pack, "dims": dims, "has_carton": has_carton,
        "has_weight": has_weight,
        "total_cbm": pd.Series(np.where(has_carton, cartons * carton_cbm, units * unit_cbm)),
        "total_kg": pd.Series(np.where(has_weight, cartons * dims["carton_gross_weight_kg"], units * dims["weight_kg"])),
    }


def shipment_totals(lines: pd.DataFrame, skus: pd.DataFrame) -> dict[str, float]:
    """Lines, units, cartons, CBM and kg the declaration of ``lines`` will hold (quantities only: fast enough to show
    beside the download button on every rerun)."""
    _base, q = _ordering_lines(lines, skus)
    return {"lines": float(len(q["units"])), "units": float(q["units"].sum()), "cartons": float(q["cartons"].sum()),
            "cbm": float(np.round(q["total_cbm"], 3).sum()), "kg": float(np.round(q["total_kg"], 2).sum())}


def declaration_frame(
    lines: pd.DataFrame,
    skus: pd.DataFrame,
    *,
    campaign_name: str,
    schedule: pd.DataFrame | None = None,
    warehouses: pd.DataFrame | None = None,
    lang: Lang = "en",
) -> pd.DataFrame:
    """Build the declaration: one row per SKU x warehouse that orders (units > 0), display headers in ``lang``.

    Parameters
    ----------
    lines : DataFrame
        Plan lines; ``sku``, ``warehouse_id`` and ``qty_after_rounding`` are required.
    skus : DataFrame
        The SKU master; ``sku`` and ``case_pack_units`` are required.
    campaign_name : str
        The campaign's display name, written on every row.
    schedule : DataFrame or None
        Backward schedule for the dates the lines do not carry (joined on ``sku, warehouse_id``).
    warehouses : DataFrame or None
        The warehouses table, for warehouse names and their order.
    lang : {"en", "zh"}
        Headers, codes and notes language.

    Returns
    -------
    DataFrame
        :data:`DECLARATION_COLUMNS` in order, rows grouped by warehouse (the warehouses table's order, else
        alphabetical), then in the lines' order. Inputs are not changed.

    Raises
    ------
    ValueError
        ``lang`` unknown, a required column missing, a number or date that cannot be read (the message names it).
    """
    _check_lang(lang)
    base, q = _ordering_lines(lines, skus)
    n = len(base)
    sku_ids, wh = q["sku"], q["warehouse_id"]
    units, pack, cartons, partial = q["units"], q["pack"], q["cartons"], q["partial"]
    dims, has_carton, has_weight = q["dims"], q["has_carton"], q["has_weight"]
    total_cbm, total_kg = q["total_cbm"], q["total_kg"]

    # Dates: the plan's own columns first, then the schedule; a late line moves by its days late.
    fields = schedule_fields(base, schedule)
    dates = {}
    for key in ("departure", "warehouse_arrival", "sellable"):
        src = fields.get(key)
        dates[key] = (_to_date(src, str(src.name or key), "plan lines") if src is not None
                      else pd.Series([pd.NaT] * n, dtype="datetime64[ns]"))
    late_days = (_to_number(fields["days_late"], "days_late", "schedule").fillna(0.0) if "days_late" in fields
                 else pd.Series(np.zeros(n)))
    late_days = late_days.clip(lower=0).round().reset_index(drop=True)
    if "is_late" in fields:
        is_late = _to_bool(fields["is_late"], "is_late", "schedule").fillna(False).to_numpy(dtype=bool)
        late_days = late_days.where(is_late, 0.0)
    shift = pd.to_timedelta(late_days, unit="D")
    for key in dates:
        dates[key] = (dates[key].reset_index(drop=True) + shift).astype("datetime64[ns]")

    text = {c: _sku_column(skus, q["rows"], c, "text") for c in ("platform_product_id", "platform_sku_id", "barcode",
                                                                  "hs_code")}
    names = _to_text(base["name"]) if "name" in base.columns else _sku_column(skus, q["rows"], "name", "text")

    # Notes: flags and gaps in words.
    flags = base["flags"].reset_index(drop=True) if "flags" in base.columns else pd.Series([None] * n)
    sep = "；" if lang == "zh" else "; "
    notes = []
    for i in range(n):
        parts = [flags_text(flags.iloc[i], lang)]
        if late_days.iloc[i] > 0:
            parts.append(_t("late", lang, n=int(late_days.iloc[i])))
        if text["platform_sku_id"].iloc[i] is None or text["platform_product_id"].iloc[i] is None:
            parts.append(_t("not_listed", lang))
        if text["barcode"].iloc[i] is None:
            parts.append(_t("no_barcode", lang))
        if text["hs_code"].iloc[i] is None:
            parts.append(_t("no_hs_code", lang))
        if not (bool(has_carton.iloc[i]) and bool(has_weight.iloc[i])):
            parts.append(_t("no_carton", lang))
        if partial.iloc[i] < pack.iloc[i]:
            parts.append(_t("partial_carton", lang, n=int(partial.iloc[i])))
        notes.append(sep.join(p for p in parts if p) or None)

    wh_names = pd.Series([None] * n, dtype=object)
    order_key = wh.rank(method="dense").to_numpy()
    if warehouses is not None and "warehouse_id" in warehouses.columns:
        w_ids = _key_text(warehouses["warehouse_id"])
        if "name" in warehouses.columns:
            wh_names = wh.map(dict(zip(w_ids, _to_text(warehouses["name"]))))
        pos = {w: i for i, w in enumerate(w_ids)}
        order_key = wh.map(lambda w: pos.get(w, len(pos))).to_numpy()
    modes = _to_text(base["fulfilment_mode"]) if "fulfilment_mode" in base.columns else pd.Series([None] * n)
    freight = _to_text(base["freight_mode"]) if "freight_mode" in base.columns else pd.Series([None] * n)
    presale = (np.floor(_to_number(base["presale_units"], "presale_units", "plan lines") + 0.5)
               if "presale_units" in base.columns else pd.Series([np.nan] * n))

    # the order = campaign stock (declared, reserved for the campaign) + ordinary stock for the days before it
    ordinary = (np.minimum(np.ceil(_to_number(base["ordinary_units"], "ordinary_units", "plan lines").fillna(0.0)
                                   .clip(lower=0).to_numpy() - 1e-9), units.to_numpy(dtype=float))
                if "ordinary_units" in base.columns else np.zeros(n))
    values: dict[str, Any] = {
        "campaign": pd.Series([str(campaign_name)] * n, dtype=object),
        "warehouse_id": wh,
        "warehouse_name": wh_names,
        "fulfilment_mode": modes.map(lambda v: None if v is None else word("fulfilment", v, lang)),
        "platform_product_id": text["platform_product_id"],
        "platform_sku_id": text["platform_sku_id"],
        "sku": sku_ids,
        "name": names,
        "barcode": text["barcode"],
        "hs_code": text["hs_code"],
        "units": units.astype("Int64"),
        "campaign_stock_units": pd.Series(units.to_numpy(dtype=float) - ordinary).round().astype("Int64"),
        "ordinary_units": pd.Series(ordinary).round().astype("Int64"),
        "presale_units": pd.Series(presale).astype("Int64"),
        "case_pack_units": pack.round().astype("Int64"),
        "cartons": pd.Series(cartons).astype("Int64"),
        "carton_length_cm": dims["carton_length_cm"].where(has_carton),
        "carton_width_cm": dims["carton_width_cm"].where(has_carton),
        "carton_height_cm": dims["carton_height_cm"].where(has_carton),
        "carton_gross_weight_kg": dims["carton_gross_weight_kg"].where(has_weight),
        "total_cbm": total_cbm.round(3),
        "total_kg": total_kg.round(2),
        "freight_mode": freight.map(lambda v: None if v is None else word("freight", v, lang)),
        "departure": dates["departure"],
        "warehouse_arrival": dates["warehouse_arrival"],
        "sellable": dates["sellable"],
        "notes": pd.Series(notes, dtype=object),
    }
    frame = pd.DataFrame({c.header(lang): pd.Series(values[c.key]).reset_index(drop=True) for c in DECLARATION_COLUMNS})
    order = np.lexsort((np.arange(n), order_key))
    return frame.iloc[order].reset_index(drop=True)


def declaration_warehouses(frame: pd.DataFrame) -> list[str]:
    """The warehouses of a declaration frame, in its row order."""
    col = next(c for c in DECLARATION_COLUMNS if c.key == "warehouse_id")
    header = col.en if col.en in frame.columns else col.zh
    return list(dict.fromkeys(frame[header].astype(str))) if header in frame.columns else []


def declaration_totals(frame: pd.DataFrame) -> dict[str, float]:
    """Lines, units, cartons, CBM and kg of a declaration frame (either language)."""
    def col(key: str) -> pd.Series:
        c = next(c for c in DECLARATION_COLUMNS if c.key == key)
        return pd.to_numeric(frame[c.en if c.en in frame.columns else c.zh], errors="coerce")

    return {"lines": float(len(frame)), "units": float(col("units").sum()), "cartons": float(col("cartons").sum()),
            "cbm": float(col("total_cbm").sum()), "kg": float(col("total_kg").sum())}


_FILE_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


def file_slug(text: str) -> str:
    """A file-name part from a display name: letters and digits of any script, ``-`` and ``.`` kept, every other run
    of characters (spaces, ``/``, ``&``...) one ``_`` (``Black Friday / Cyber Monday 2026`` ->
    ``Black_Friday_Cyber_Monday_2026``)."""
    return _FILE_UNSAFE.sub("_", unicodedata.normalize("NFKC", str(text))).strip("_.") or "campaign"


def declaration_file_name(campaign_name: str, warehouse_id: str | None = None, *, ext: str = "xlsx",
                          lang: Lang = "en") -> str:
    """``stockup_declaration_Black_Friday_Cyber_Monday_2026_FBT-US.xlsx``: named after the campaign (and the
    warehouse), see :func:`file_slug`."""
    stem = "备货申报" if lang == "zh" else "stockup_declaration"
    parts = [stem, file_slug(campaign_name)] + ([file_slug(warehouse_id)] if warehouse_id else [])
    return "_".join(parts)[:150] + f".{ext}"


def write_declaration_xlsx(
    frame: pd.DataFrame,
    path_or_buffer: str | os.PathLike[str] | IO[bytes] | None = None,
    *,
    campaign_name: str,
    summary: dict[str, str] | None = None,
    lang: Lang = "en",
    generated_at: datetime | None = None,
) -> bytes | None:
    """Write a declaration to .xlsx: one sheet per warehouse (named after it: a platform takes one declaration and
    one inbound shipment per warehouse), each with a Totals row (units, presale units, cartons, CBM, kg), then a
    summary sheet (campaign, totals per warehouse, the scenario's levers from ``summary``, generation time).

    Text cells are written as strings (ids with their leading zeros and all 19 digits, never as numbers or
    formulas), as in :func:`report.sheet.write_plan_xlsx`.
    """
    _check_lang(lang)
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"`frame` must be a pandas DataFrame (got {type(frame).__name__})")
    stamp = (generated_at or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M")
    headers = [str(c) for c in frame.columns]
    by_header = {c.header(lang): c for c in DECLARATION_COLUMNS}
    kinds = [(by_header[h].kind, None, by_header[h].total) if h in by_header else ("text", None, False)
             for h in headers]
    wh_header = next(c for c in DECLARATION_COLUMNS if c.key == "warehouse_id").header(lang)
    target, buffer = _target(path_or_buffer)
    wb = _new_workbook(target, title=f"{_t('title', lang)}: {campaign_name}")
    try:
        fmts = _Formats(wb)
        taken: set[str] = {_t("summary_sheet", lang)}
        rows: list[tuple[str, str]] = [(_t("campaign", lang), str(campaign_name))]
        warehouses = declaration_warehouses(frame) if wh_header in frame.columns else []
        for w in warehouses or [""]:
            part = frame.loc[frame[wh_header].astype(str) == w] if w else frame
            name = sheet_name(w or _t("title", lang), taken)
            taken.add(name)
            _write_table(wb.add_worksheet(name), fmts, part.reset_index(drop=True), kinds, lang=lang,
                         total_label=label("total", lang))
            tot = declaration_totals(part)
            if w:
                sep = "，" if lang == "zh" else ", "
                rows.append((w, sep.join([
                    f"{_t('lines', lang)} {tot['lines']:,.0f}", f"{_t('units', lang)} {tot['units']:,.0f}",
                    f"{_t('cartons', lang)} {tot['cartons']:,.0f}", f"{_t('cbm', lang)} {tot['cbm']:,.3f}",
                    f"{_t('kg', lang)} {tot['kg']:,.2f}"])))
        rows += [(str(k), "" if is_missing(v) else str(v)) for k, v in (summary or {}).items()]
        rows.append((label("generated_at", lang), stamp))
        _write_pairs(wb.add_worksheet(_t("summary_sheet", lang)), fmts, rows, lang)
        wb.worksheets()[0].activate()
    finally:
        wb.close()
    if buffer is not None:
        return buffer.getvalue()
    return None


__all__ = ["DECLARATION_COLUMNS", "declaration_file_name", "file_slug", "declaration_frame", "declaration_totals",
           "declaration_warehouses", "shipment_totals", "write_declaration_xlsx"]

