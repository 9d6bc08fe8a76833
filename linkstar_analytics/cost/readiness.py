"""Readiness checklist: the compliance items each SKU needs for each destination warehouse.

Driven by a rules table (``defaults.default_readiness_rules()``; pass your own to change it):
HS code always; CE for EU countries, UKCA (or CE, recognised in Great Britain) for the UK, FCC for
US electronics, PSE for Japan, TISI for Thai electrical goods, UN38.3 + MSDS wherever the SKU has a
battery, an FDA listing for US beauty (advisory), and a GS1 barcode with a valid check digit for
FBT warehouses. A missing item with ``blocking`` True blocks the shipment.

"Electronic" (for the certificate rules): ``appliances`` always; ``phone_accessories`` unless the
optional SKU column ``is_electronic`` is False (chargers, cables and earbuds dominate the category,
so the default is the safe side); any other category only where ``is_electronic`` is True.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkstar_analytics.cost.defaults import EU_COUNTRIES, default_readiness_rules
from linkstar_analytics.cost.landed import _require

CHECKLIST_COLUMNS: tuple[str, ...] = (
    "sku", "warehouse_id", "region", "fulfilment_mode", "item", "required", "present", "blocking", "detail", "fix", "source",
)
SUMMARY_COLUMNS: tuple[str, ...] = (
    "sku", "region", "fulfilment_mode", "warehouse_ids", "n_items", "n_present", "n_missing", "n_blocking", "ready",
    "missing_items", "fixes",
)
_RULE_COLS = ("item", "check", "countries", "regions", "fulfilment_modes", "categories", "electronic_only",
              "battery_only", "also_accepts", "blocking", "fix")
ELECTRONIC_CATEGORIES_ALWAYS: tuple[str, ...] = ("appliances",)
ELECTRONIC_CATEGORIES_BY_DEFAULT: tuple[str, ...] = ("phone_accessories",)


def gs1_check_digit_ok(codes) -> np.ndarray:
    """True where a code is a valid GS1 EAN-13 or UPC-A (12 digits) with a correct check digit.

    GS1 General Specifications §7.9 (mod-10 check digit): left-pad to GTIN-14, weight the first 13
    digits 3,1,3,1... from the left, check = (10 - sum mod 10) mod 10. Spaces and hyphens are ignored;
    anything else that is not 12 or 13 digits is invalid. Vectorised over the codes.

    Examples
    --------
    >>> gs1_check_digit_ok(["4006381333931", "036000291452", "4006381333932", None]).tolist()
    [True, True, False, False]
    """
    s = pd.Series(np.asarray(codes, dtype=object)).astype("string").str.replace(r"[\s-]", "", regex=True)
    ok = s.str.fullmatch(r"\d{12,13}").fillna(False).to_numpy(dtype=bool)
    out = np.zeros(len(s), dtype=bool)
    if ok.any():
        padded = s[ok].str.zfill(14).to_numpy(dtype=str).astype("S14")
        digits = np.frombuffer(padded.tobytes(), dtype=np.uint8).reshape(-1, 14).astype(int) - ord("0")
        weights = np.array([3, 1] * 6 + [3])
        check = (10 - (digits[:, :13] * weights).sum(axis=1) % 10) % 10
        out[ok] = check == digits[:, 13]
    return out


def hs_code_ok(codes) -> np.ndarray:
    """True where an HS code has 6-10 digits (dots and spaces ignored): WCO HS 6-digit base + national digits."""
    s = pd.Series(np.asarray(codes, dtype=object)).astype("string").str.replace(r"[\s.]", "", regex=True)
    return s.str.fullmatch(r"\d{6,10}").fillna(False).to_numpy(dtype=bool)


def _split(v) -> list[str]:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return []
    return [x.strip().upper() for x in str(v).split(";") if x.strip()]


def _cert_holder(certs: pd.Series):
    norm = ";" + certs.fillna("").astype(str).str.upper().str.replace(" ", "", regex=False) + ";"

    def has(code: str) -> np.ndarray:
        return norm.str.contains(f";{code.upper()};", regex=False).to_numpy(dtype=bool)
    return has


def _bool(s: pd.Series, default: bool = False) -> np.ndarray:
    """A bool/object/nullable column as a bool array, missing -> ``default``."""
    return pd.array(s.astype(object).where(s.notna(), default), dtype="boolean").to_numpy(dtype=bool, na_value=default)


def readiness_checklist(skus: pd.DataFrame, warehouses: pd.DataFrame, *, rules: pd.DataFrame | None = None,
                        pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per SKU x warehouse x applicable rule: is the item present, does its absence block?

    Parameters
    ----------
    skus : DataFrame
        SKUS table (``sku, category`` required; ``hs_code, has_battery, certificates, barcode`` and the
        optional ``is_electronic`` used when present -- a missing column counts as "not held").
    warehouses : DataFrame
        WAREHOUSES table (``warehouse_id, region, country, fulfilment_mode``).
    rules : DataFrame or None
        Rules table (``default_readiness_rules()`` when None).
    pairs : DataFrame or None
        ``sku, warehouse_id`` pairs to check (e.g. the plan's rows or the stock table); None checks
        every SKU at every warehouse.

    Returns
    -------
    DataFrame with ``CHECKLIST_COLUMNS``; ``required`` is True on every row (only applicable rules
    are listed), ``blocking`` = not present and the rule blocks, ``fix`` is empty when present.
    """
    _require(skus, ("sku", "category"), "skus")
    _require(warehouses, ("warehouse_id", "region", "country", "fulfilment_mode"), "warehouses")
    rules = default_readiness_rules() if rules is None else rules
    _require(rules, _RULE_COLS, "rules")

    S, W = len(skus), len(warehouses)
    sku_ids = skus["sku"].astype(str).to_numpy()
    cat = skus["category"].astype(str).str.lower().to_numpy()
    battery = _bool(skus["has_battery"]) if "has_battery" in skus.columns else np.zeros(S, bool)
    if "is_electronic" in skus.columns:
        flag = skus["is_electronic"]
        by_default = np.isin(cat, ELECTRONIC_CATEGORIES_ALWAYS + ELECTRONIC_CATEGORIES_BY_DEFAULT)
        electronic = np.where(flag.isna().to_numpy(), by_default, _bool(flag))
        electronic |= np.isin(cat, ELECTRONIC_CATEGORIES_ALWAYS)
    else:
        electronic = np.isin(cat, ELECTRONIC_CATEGORIES_ALWAYS + ELECTRONIC_CATEGORIES_BY_DEFAULT)
    has_cert = _cert_holder(skus["certificates"] if "certificates" in skus.columns else pd.Series([None] * S))
    hs = skus["hs_code"] if "hs_code" in skus.columns else pd.Series([None] * S)
    bc = skus["barcode"] if "barcode" in skus.columns else pd.Series([None] * S)
    hs_ok = hs_code_ok(hs)
    bc_ok = gs1_check_digit_ok(bc)

    wh_ids = warehouses["warehouse_id"].astype(str).to_numpy()
    region = warehouses["region"].astype(str).str.upper().to_numpy()
    country = warehouses["country"].astype(str).str.upper().to_numpy()
    fmode = warehouses["fulfilment_mode"].astype(str).str.upper().to_numpy()

    if pairs is None:
        pair_ok = np.ones((S, W), bool)
    else:
        _require(pairs, ("sku", "warehouse_id"), "pairs")
        pair_ok = np.zeros((S, W), bool)
        pi = pd.Index(sku_ids).get_indexer(pairs["sku"].astype(str))
        pj = pd.Index(wh_ids).get_indexer(pairs["warehouse_id"].astype(str))
        keep = (pi >= 0) & (pj >= 0)
        pair_ok[pi[keep], pj[keep]] = True

    parts = []
    for r in rules.itertuples(index=False):  # a loop over rules (about ten), vectorised over SKU x warehouse
        countries = _split(r.countries)
        if "EU" in countries:
            countries = [c for c in countries if c != "EU"] + list(EU_COUNTRIES)
        w_ok = np.ones(W, bool)
        if countries and "*" not in countries:
            w_ok &= np.isin(country, countries)
        regs = _split(r.regions)
        if regs and "*" not in regs:
            w_ok &= np.isin(region, regs)
        modes = _split(r.fulfilment_modes)
        if modes and "*" not in modes:
            w_ok &= np.isin(fmode, modes)
        s_ok = np.ones(S, bool)
        cats = [c.lower() for c in _split(r.categories)]
        if cats and "*" not in cats:
            s_ok &= np.isin(cat, cats)
        if bool(r.electronic_only):
            s_ok &= electronic
        if bool(r.battery_only):
            s_ok &= battery
        if not (w_ok.any() and s_ok.any()):
            continue
        detail = np.full(S, "", dtype=object)
        if r.check == "hs_code":
            present = hs_ok
            detail = np.where(hs_ok, "", "hs_code " + hs.fillna("(empty)").astype(str).to_numpy(dtype=object) + " is not 6-10 digits")
        elif r.check == "barcode":
            present = bc_ok
            detail = np.where(bc_ok, "", "barcode " + bc.fillna("(empty)").astype(str).to_numpy(dtype=object)
                              + " is not a GS1 EAN-13/UPC-A with a valid check digit")
        elif r.check == "certificate":
            own = has_cert(str(r.item))
            present = own.copy()
            for alt in _split(r.also_accepts):
                alt_has = has_cert(alt)
                detail = np.where(~own & alt_has, f"{alt} accepted in place of {r.item}", detail)
                present |= alt_has
        else:
            raise ValueError(f"rules: unknown check {r.check!r} for item {r.item!r}; use hs_code, barcode or certificate.")
        si, wi = np.nonzero(s_ok[:, None] & w_ok[None, :] & pair_ok)
        pres = present[si]
        parts.append(pd.DataFrame({
            "sku": sku_ids[si], "warehouse_id": wh_ids[wi], "region": region[wi], "fulfilment_mode": fmode[wi],
            "item": str(r.item), "required": True, "present": pres, "blocking": ~pres & bool(r.blocking),
            "detail": detail[si], "fix": np.where(pres, "", str(r.fix)),
            "source": str(getattr(r, "source", "")),
        }))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in CHECKLIST_COLUMNS})
    out = pd.concat(parts, ignore_index=True)
    order = {s: i for i, s in enumerate(sku_ids)}
    worder = {w: i for i, w in enumerate(wh_ids)}
    out = out.assign(_s=out["sku"].map(order), _w=out["warehouse_id"].map(worder)).sort_values(["_s", "_w"], kind="stable")
    return out.drop(columns=["_s", "_w"]).reset_index(drop=True)[list(CHECKLIST_COLUMNS)]


def readiness_summary(checklist: pd.DataFrame) -> pd.DataFrame:
    """Per SKU x destination (region x fulfilment mode): items, missing, blocking, ready, fixes.

    ``checklist`` is the output of :func:`readiness_checklist`. An item counts as missing for a
    destination when it is missing at any of that destination's warehouses.
    """
    _require(checklist, ("sku", "warehouse_id", "region", "fulfilment_mode", "item", "present", "blocking", "fix"), "checklist")
    if checklist.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SUMMARY_COLUMNS})
    keys = ["sku", "region", "fulfilment_mode"]
    per_item = checklist.groupby(keys + ["item"], sort=False).agg(
        present=("present", "all"), blocking=("blocking", "any"), fix=("fix", "max")).reset_index()
    per_item["missing_item"] = per_item["item"].where(~per_item["present"])
    per_item["fix_text"] = per_item["fix"].where(~per_item["present"] & (per_item["fix"] != ""))
    g = per_item.groupby(keys, sort=False)
    out = g.agg(n_items=("item", "size"), n_present=("present", "sum"), n_blocking=("blocking", "sum"),
                missing_items=("missing_item", lambda s: "; ".join(s.dropna())),
                fixes=("fix_text", lambda s: "; ".join(s.dropna()))).reset_index()
    whs = checklist.groupby(keys, sort=False)["warehouse_id"].agg(lambda s: ";".join(pd.unique(s))).reset_index(name="warehouse_ids")
    out = out.merge(whs, on=keys, how="left")
    out["n_missing"] = out["n_items"] - out["n_present"]
    out["ready"] = out["n_blocking"] == 0
    return out[list(SUMMARY_COLUMNS)]


__all__ = ["CHECKLIST_COLUMNS", "SUMMARY_COLUMNS", "gs1_check_digit_ok", "hs_code_ok", "readiness_checklist", "readiness_summary"]
