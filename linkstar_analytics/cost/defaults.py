"""Default figures for landed cost, schedules and readiness: documented, overridable tables.

Every default is a small :class:`pandas.DataFrame` returned by a function (a fresh copy on each
call, so callers can edit it freely) with a ``label`` column (``[S]`` stated by the cited source,
``[E]`` estimate or synthesis) and a ``source`` column naming the page (and the section of
``defaults.md``, the team's domain notes collected in November 2026). Functions in ``fx``,
``landed``, ``schedule`` and ``readiness`` take these frames as keyword arguments; pass your own
frame (same columns) to override a figure. Nothing in this package hard-codes a rate elsewhere.

Tables
------
=============================  ===============================================================
``default_fx_rates()``         CNY per one unit of each currency, dated, all ``[E]``.
``default_return_rates()``     Return rate by category (defaults.md §6).
``default_rush_curve()``       First-leg rush surcharge vs days from departure to campaign start.
``default_disposal_fees()``    Removal/disposal fee per unit by weight band (defaults.md §5).
``default_leftover_params()``  Liquidation recovery, return-to-origin paperwork, returns split.
``default_duty_basis()``       Whether the customs value includes first-leg freight, by region.
``default_price_vat()``        Whether shelf prices include output VAT, by region.
``default_cost_params()``      Divisors and other scalar conventions used by ``landed``.
``default_readiness_rules()``  Compliance items per destination / category (readiness module).
=============================  ===============================================================
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Date the default tables were compiled (all FX rates are "as of" this day).
DEFAULTS_AS_OF = pd.Timestamp("2026-11-01")

_DEFAULTS_MD = "defaults.md"


def default_fx_rates() -> pd.DataFrame:
    """CNY per one unit of each currency (``cny_per_unit``), dated, all ``[E]``.

    defaults.md gives no FX figures, so these are planning estimates at late-2025 / 2026 market
    levels (USD/CNY ~7.1, GBP/USD ~1.32, EUR/USD ~1.16, USD/THB ~32.5 ...), not quotes. Replace
    them with your bank's or payment provider's rates (a frame with the same columns).

    Columns: ``currency`` (ISO 4217), ``cny_per_unit`` (CNY for 1 unit), ``as_of_date``,
    ``label``, ``source``.
    """
    src = "[E] planning estimate at late-2025/2026 market level; defaults.md has no FX figure; replace with your bank rate"
    rows = [
        ("CNY", 1.0, "[S] identity"),
        ("USD", 7.10, src),
        ("GBP", 9.35, src),
        ("EUR", 8.25, src),
        ("THB", 0.218, src),
        ("VND", 0.00027, src),
        ("MYR", 1.69, src),
        ("PHP", 0.121, src),
        ("SGD", 5.46, src),
        ("IDR", 0.000428, src),
    ]
    return pd.DataFrame(
        {
            "currency": [r[0] for r in rows],
            "cny_per_unit": [r[1] for r in rows],
            "as_of_date": [DEFAULTS_AS_OF] * len(rows),
            "label": ["[S]" if r[0] == "CNY" else "[E]" for r in rows],
            "source": [r[2] for r in rows],
        }
    )


def default_return_rates() -> pd.DataFrame:
    """Return rate by product category, % of units sold (defaults.md §6).

    ``region`` is ``"*"`` (every market). Add rows with a region code (e.g. ``TH``) to override a
    market: defaults.md §6 notes SEA/TH return rates are generally lower than US/UK [E].

    Columns: ``category``, ``region``, ``return_rate_pct`` (0-100), ``label``, ``source``.
    """
    rows = [
        ("apparel", 25.0, "[S]", "defaults.md §6: apparel 25% (20-40%); getattribute.com, corso.com, bestforecommerce.com"),
        ("beauty", 8.0, "[S]", "defaults.md §6: beauty 8% (5-12%); corso.com, getattribute.com"),
        ("appliances", 10.0, "[S]", "defaults.md §6: electronics/appliances 10% (8-15%); getattribute.com"),
        ("home", 10.0, "[S]", "defaults.md §6: home/kitchen 10% (5-15%); getattribute.com, zipdo.co"),
        ("phone_accessories", 11.0, "[E]", "defaults.md §6: phone accessories 10-12% [E], midpoint; smartphones ~12% zipdo.co"),
        ("*", 19.0, "[S]", "defaults.md §6: overall online 18-20% (fallback for an unlisted category); corso.com, zipdo.co"),
    ]
    return pd.DataFrame(
        {
            "category": [r[0] for r in rows],
            "region": ["*"] * len(rows),
            "return_rate_pct": [r[1] for r in rows],
            "label": [r[2] for r in rows],
            "source": [r[3] for r in rows],
        }
    )


def default_rush_curve() -> pd.DataFrame:
    """First-leg rush surcharge (% of the first-leg freight) vs days from departure to campaign start.

    The curve is piecewise linear between the points (``numpy.interp``) and flat outside them:
    0% when the cargo leaves 60+ days before the campaign starts, rising to +100% for a departure
    on the campaign's first day. [E] synthesis from defaults.md §1.6 and §2: ocean must be booked
    3-4 weeks and air 7-10 days ahead (sz-passionship.com 2025); transpacific PSS of $600-2,000/FEU
    on a $2,500-5,300 base is +15-40% (exfreight.com); China-US air peak +3-5 RMB/kg on ~30-60
    RMB/kg (+10%); spot rates for late, peak-week space are commonly double [E].

    Columns: ``days_departure_to_campaign`` (ascending), ``surcharge_pct`` (0-100+), ``label``, ``source``.
    """
    src = ("[E] defaults.md §1.6/§2: book ocean 3-4 wk, air 7-10 d ahead; PSS +15-40% "
           "(exfreight.com); air peak +3-5 RMB/kg (sz-passionship.com); late peak space ~2x")
    pts = [(0, 100.0), (14, 50.0), (30, 25.0), (45, 10.0), (60, 0.0)]
    return pd.DataFrame(
        {
            "days_departure_to_campaign": [p[0] for p in pts],
            "surcharge_pct": [p[1] for p in pts],
            "label": ["[E]"] * len(pts),
            "source": [src] * len(pts),
        }
    )


_LB_KG = 0.45359237


def default_disposal_fees() -> pd.DataFrame:
    """Removal / disposal fee per unit by shipping-weight band, in USD (defaults.md §5).

    Amazon FBA removal/disposal (2023+): standard $0.97 (<=0.5 lb), $1.46 (0.5-1 lb), $2.20 (1-2 lb),
    $2.83 + $1.06/lb above 2 lb [S] marketgapblog.com. Used as the anchor for every warehouse and
    market (3PL and FBT removal fees were not found [E]); fees are converted from ``currency``.
    A unit's fee is ``fee_per_unit + per_kg_over * max(0, weight_kg - over_kg_from)`` in the
    smallest band with ``max_weight_kg >= weight_kg``.

    Columns: ``max_weight_kg``, ``fee_per_unit``, ``per_kg_over``, ``over_kg_from``, ``currency``,
    ``label``, ``source``.
    """
    src = "defaults.md §5: FBA removal/disposal $0.97/$1.46/$2.20/$2.83+$1.06/lb; marketgapblog.com"
    return pd.DataFrame(
        {
            "max_weight_kg": [0.5 * _LB_KG, 1 * _LB_KG, 2 * _LB_KG, np.inf],
            "fee_per_unit": [0.97, 1.46, 2.20, 2.83],
            "per_kg_over": [0.0, 0.0, 0.0, 1.06 / _LB_KG],
            "over_kg_from": [0.0, 0.0, 0.0, 2 * _LB_KG],
            "currency": ["USD"] * 4,
            "label": ["[S]"] * 4,
            "source": [src] * 4,
        }
    )


def default_leftover_params() -> pd.DataFrame:
    """Scalar parameters for leftovers and returns (one row per parameter).

    ==============================  =======  ==================================================
    parameter                       value    meaning
    ==============================  =======  ==================================================
    liquidation_recovery_frac       0.075    share of the selling price recovered by liquidation
    rto_paperwork_per_unit          2.0      export/re-import paperwork per unit returned to China
    rto_paperwork_currency          USD      currency of the above
    return_shipping_seller_frac     0.5      seller's share of a buyer return's shipping
    return_unsellable_frac          0.2      share of returned units written off at purchase cost
    capital_cost_pct_year           10.0     cost of the capital a leftover unit ties up, % a year
    max_months_to_sell              6.0      a continuing SKU's leftover that would wait longer is written off
    ==============================  =======  ==================================================

    Columns: ``parameter``, ``value`` (object: float or str), ``label``, ``source``.
    """
    rows = [
        ("liquidation_recovery_frac", 0.075, "[S]", "defaults.md §5: liquidation recovers ~5-10% of value (midpoint); megaficus.com"),
        ("rto_paperwork_per_unit", 2.0, "[E]", "defaults.md §5: RTO ~ outbound freight + $1-3/unit paperwork (midpoint) [E]"),
        ("rto_paperwork_currency", "USD", "[E]", "defaults.md §5"),
        ("return_shipping_seller_frac", 0.5, "[S]", "defaults.md §5: buyer-preference return shipping split 50/50; cedcommerce.com"),
        ("return_unsellable_frac", 0.2, "[E]", "[E] share of returns not restockable (damaged/opened); no source found"),
        ("capital_cost_pct_year", 10.0, "[E]", "[E] working-capital cost of a cross-border seller (bank / supply-chain "
         "finance 6-15 % a year); no source in defaults.md"),
        ("max_months_to_sell", 6.0, "[E]", "[E] beyond ~6 months aged-inventory surcharges start (FBA 181+ days, "
         "defaults.md §5): a leftover that would wait longer is treated as written off"),
    ]
    return pd.DataFrame(
        {
            "parameter": [r[0] for r in rows],
            "value": pd.Series([r[1] for r in rows], dtype=object),
            "label": [r[2] for r in rows],
            "source": [r[3] for r in rows],
        }
    )


def default_duty_basis() -> pd.DataFrame:
    """Whether the customs value for duty includes the first-leg freight (CIF) or not (FOB), by region.

    UK, EU and Thailand value imports CIF (goods + freight + insurance to the border). The US values
    at transaction value, which excludes international freight (19 U.S.C. §1401a(b)(4)(A)), so US
    duty is on the purchase value only. ``region`` ``"*"`` is the fallback (CIF). VAT, where there is
    one, is on customs value + duty + freight in every case (defaults.md §3.2).

    Columns: ``region``, ``duty_includes_first_leg`` (bool), ``label``, ``source``.
    """
    rows = [
        ("US", False, "[S]", "19 U.S.C. §1401a(b)(4)(A): transaction value excludes international freight"),
        ("UK", True, "[S]", "defaults.md §3.2: VAT on customs value + duty + freight; UK customs value is CIF"),
        ("TH", True, "[E]", "Thai customs value is CIF (WTO valuation as applied by Thai Customs) [E]"),
        ("*", True, "[E]", "fallback: CIF valuation (most non-US markets)"),
    ]
    return pd.DataFrame(
        {
            "region": [r[0] for r in rows],
            "duty_includes_first_leg": [r[1] for r in rows],
            "label": [r[2] for r in rows],
            "source": [r[3] for r in rows],
        }
    )


def default_price_vat() -> pd.DataFrame:
    """Whether shelf prices include output VAT, by region (``"*"`` is the fallback).

    A price that includes VAT is netted before margins: ``price_net = price / (1 + vat_rate)`` with the
    warehouse's ``vat_rate_pct`` (the same rate as import VAT in these markets, defaults.md §3). A ``prices``
    row's own ``price_includes_vat`` wins over this table.

    Columns: ``region``, ``price_includes_vat`` (bool), ``label``, ``source``.
    """
    rows = [
        ("US", False, "[S]", "US sales tax is added at checkout and collected by the marketplace (defaults.md §3.1, "
         "§4.1: referral fee on customer payment less tax)"),
        ("UK", True, "[S]", "UK consumer prices are shown VAT-inclusive (Price Marking Order 2004); VAT 20 %, "
         "defaults.md §3.2"),
        ("TH", True, "[E]", "Thai retail prices are quoted VAT-inclusive (VAT 7 %, defaults.md §3.3) [E]"),
        ("*", True, "[E]", "fallback: consumer prices include VAT where there is one"),
    ]
    return pd.DataFrame(
        {
            "region": [r[0] for r in rows],
            "price_includes_vat": [r[1] for r in rows],
            "label": [r[2] for r in rows],
            "source": [r[3] for r in rows],
        }
    )


def default_cost_params() -> pd.DataFrame:
    """Scalar conventions used by ``landed`` (one row per parameter).

    Columns: ``parameter``, ``value``, ``unit``, ``label``, ``source``.
    """
    rows = [
        ("air_volumetric_divisor", 6000.0, "cm3 per kg", "[S]", "defaults.md §2: IATA L*W*H/6000 (1 CBM ~ 167 kg); metricrig.com, bosslog.cn"),
        ("express_volumetric_divisor", 5000.0, "cm3 per kg", "[S]", "defaults.md §2: courier L*W*H/5000 (200 kg/CBM); metricrig.com, djcargo.sg"),
        ("sea_kg_per_cbm", 1000.0, "kg per CBM", "[S]", "defaults.md §2: ocean W/M, 1 CBM = 1,000 kg, whichever is greater; bosslog.cn"),
        ("sea_min_cbm_per_shipment", 1.0, "CBM", "[S]", "defaults.md §2: LCL minimum 1 CBM per shipment (not per unit; see sea_freight_cbm)"),
        ("last_mile_volumetric_divisor", 6000.0, "cm3 per kg", "[S]",
         "defaults.md §2: FBT US dim weight L*W*H(in)/166 lb = 5,997 cm3/kg ~ 6000"),
        ("storage_days_per_month", 30.0, "days", "[E]", "storage billed per 30-day month, pro rata [E]"),
        ("peak_months", "10;11;12", "month numbers", "[S]", "defaults.md §5: FBA peak storage Oct-Dec (sellercentral 200612770)"),
        ("import_vat_reclaimable", 1.0, "0/1", "[S]",
         "defaults.md §3 and cost.landed: a seller charging VAT-inclusive prices is VAT-registered and reclaims "
         "import VAT as input tax (UK postponed VAT accounting); 0 = import VAT is a cost"),
    ]
    return pd.DataFrame(
        {
            "parameter": [r[0] for r in rows],
            "value": pd.Series([r[1] for r in rows], dtype=object),
            "unit": [r[2] for r in rows],
            "label": [r[3] for r in rows],
            "source": [r[4] for r in rows],
        }
    )


_NO_DEFAULT = object()


def param(table: pd.DataFrame, name: str, *, table_name: str = "params", default=_NO_DEFAULT):
    """Look up one ``parameter`` row's ``value`` in a parameter table; ``default`` when given and missing (an
    override table written before the parameter existed), else a clear error."""
    hit = table.loc[table["parameter"] == name, "value"]
    if hit.empty and default is not _NO_DEFAULT:
        return default
    if hit.empty:
        known = ", ".join(map(str, table["parameter"]))
        raise KeyError(f"{table_name} has no parameter {name!r}; it has: {known}. Add a row (parameter={name!r}, value=...).")
    return hit.iloc[0]


#: EU member states (ISO 3166 alpha-2) for the CE rule.
EU_COUNTRIES: tuple[str, ...] = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
)


def default_readiness_rules() -> pd.DataFrame:
    """Compliance items a SKU needs before it can go to a destination (used by ``readiness``).

    One row per rule. A rule applies to a SKU x warehouse when every scope column matches
    (``"*"`` matches anything; lists are ``;``-separated):

    * ``countries``: warehouse country codes, or ``"*"``; ``EU`` expands to the EU-27.
    * ``regions``: warehouse region (TikTok Shop market), or ``"*"``.
    * ``fulfilment_modes``: FBT / 3PL / SELF, or ``"*"``.
    * ``categories``: SKU categories, or ``"*"``.
    * ``electronic_only``: the SKU must be electronic (appliances always; phone_accessories unless the
      optional ``is_electronic`` column says False; other categories only when ``is_electronic`` is True).
    * ``battery_only``: the SKU must have ``has_battery`` True.

    ``check`` says how presence is tested: ``hs_code`` (6-10 digits), ``barcode`` (valid GS1 EAN-13 /
    UPC-A check digit), or ``certificate`` (``item`` or one of ``also_accepts`` in the SKU's
    ``certificates`` list). ``blocking`` says whether a missing item blocks the shipment.

    Columns: ``item``, ``check``, ``countries``, ``regions``, ``fulfilment_modes``, ``categories``,
    ``electronic_only``, ``battery_only``, ``also_accepts``, ``blocking``, ``fix``, ``label``, ``source``.
    """
    rows = [
        # item, check, countries, regions, modes, categories, electronic, battery, also_accepts, blocking, fix, label, source
        ("HS code", "hs_code", "*", "*", "*", "*", False, False, "", True,
         "fill skus.hs_code with the 6-10 digit Harmonized System code from the customs broker",
         "[S]", "workflow.md: a quote needs the SKU list with HS code; WCO Harmonized System (6-digit base)"),
        ("CE", "certificate", "EU", "*", "*", "*", True, False, "", True,
         "get a CE declaration of conformity (LVD/EMC/RED) and add CE to skus.certificates",
         "[S]", "workflow.md: compliance certificates (CE, UKCA, PSE...); EU New Legislative Framework"),
        ("UKCA", "certificate", "GB;UK", "UK", "*", "*", True, False, "CE", True,
         "add UKCA (or CE, recognised in Great Britain) to skus.certificates",
         "[E]", "workflow.md: UKCA; UK DBT (Aug 2023, legislated 2024) recognises CE indefinitely for most regulations [E, verify]"),
        ("FCC", "certificate", "US", "US", "*", "*", True, False, "", True,
         "get an FCC Part 15 SDoC / ID for the device and add FCC to skus.certificates",
         "[E]", "47 CFR Part 15 (radio-frequency devices) applies to electronics sold in the US [E]"),
        ("PSE", "certificate", "JP", "*", "*", "*", True, False, "", True,
         "get PSE (DENAN law) certification and add PSE to skus.certificates",
         "[S]", "workflow.md: compliance certificates (CE, UKCA, PSE...); Japan Electrical Appliances and Materials Safety Act"),
        ("TISI", "certificate", "TH", "TH", "*", "*", True, False, "", True,
         "get a TISI licence for the electrical product and add TISI to skus.certificates",
         "[E]", "Thai Industrial Standards Institute mandatory standards for electrical appliances [E]"),
        ("UN38.3", "certificate", "*", "*", "*", "*", False, True, "", True,
         "get the UN38.3 lithium battery test summary and add UN38.3 to skus.certificates",
         "[S]", "workflow.md: whether there are batteries; UN Manual of Tests and Criteria 38.3 (IATA DGR for air)"),
        ("MSDS", "certificate", "*", "*", "*", "*", False, True, "", True,
         "get the battery MSDS/SDS from the supplier and add MSDS to skus.certificates",
         "[S]", "workflow.md: batteries or sensitive ingredients; forwarders require an MSDS for battery cargo"),
        ("FDA", "certificate", "US", "US", "*", "beauty", False, False, "", False,
         "register the facility and list the cosmetic with the FDA (MoCRA) and add FDA to skus.certificates",
         "[E]", "US Modernization of Cosmetics Regulation Act 2022 facility registration and product listing [E]"),
        ("GS1 barcode", "barcode", "*", "*", "FBT", "*", False, False, "", True,
         "print a GS1 EAN-13 / UPC-A barcode with a valid check digit and fill skus.barcode",
         "[S]", "workflow.md pitfalls: platform warehouses reject stock without the required barcode format (e.g. GS1)"),
    ]
    cols = ["item", "check", "countries", "regions", "fulfilment_modes", "categories", "electronic_only",
            "battery_only", "also_accepts", "blocking", "fix", "label", "source"]
    return pd.DataFrame(rows, columns=cols)


__all__ = [
    "DEFAULTS_AS_OF",
    "EU_COUNTRIES",
    "default_cost_params",
    "default_disposal_fees",
    "default_duty_basis",
    "default_fx_rates",
    "default_leftover_params",
    "default_price_vat",
    "default_readiness_rules",
    "default_return_rates",
    "default_rush_curve",
    "param",
]
