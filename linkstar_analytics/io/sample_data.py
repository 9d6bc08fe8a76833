"""Seeded, realistic sample dataset: every table of ``schemas.TABLES`` for a cross-border TikTok Shop seller.

``generate_sample(n_skus, seed, end_date)`` returns ``{table name: DataFrame}`` laid out exactly as the schemas
(column order, dtypes, allowed values); ``write_sample(tables, out_dir)`` writes one ``<table>.csv`` per table.
The same seed always gives the same frames and the same bytes on disk.

What the data is meant to look like (it is what every demo and test runs on, so it must not flatter any model):

* SKUs in five categories; apparel comes as styles in sizes S/M/L/XL that share demand; names in English, some
  with a Chinese name beside it; costs in CNY, prices in the currency of the SKU's main market (USD/GBP/THB);
  packed weights and sizes per product type, including light-bulky items (pillows, puffer vests) and
  heavy-small ones (cast iron, marble, power banks); MOQ, case pack, production days, HS codes, batteries,
  certificates (some missing on purpose) and GS1 EAN-13 barcodes (some missing).
* Daily sales per SKU x region x channel from ``HISTORY_START`` (or launch) to ``end_date``; **a missing row means
  zero units**. Demand is gamma-Poisson (negative binomial) noise around a level with region-specific weekly
  shape, category-specific yearly shape, a per-SKU trend, past campaign spikes with run-up (presale pulled
  forward), holdback and post-campaign dips, live-stream spikes (3-15x on a day), Thai payday and double-day
  bumps, intermittent slow movers, new launches with a ramp-up, discontinued SKUs and stockout stretches.
* Warehouses, first-leg freight lanes and last-mile bands with the figures of the team's domain notes
  (``shared/domain/defaults.md``, cited beside each figure; ``[E]`` marks an estimate).
* Stock on hand, shipments in transit, the campaign calendar (past campaigns, so uplift can be estimated from
  history, and the coming ones with declaration deadlines and inbound cutoffs), presale and creator schedules.

Everything is vectorised over SKUs (numpy arrays over SKU-region x day); the only Python loops run over
campaigns, categories and tables, so 10,000 SKUs generate in seconds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from linkstar_analytics.schemas import TABLES, TableSpec


def _ar1(x: np.ndarray, phi: float) -> np.ndarray:
    """First-order recursive filter along the last axis, ``y[t] = x[t] + phi * y[t-1]`` (``y[-1] = 0``): the same
    numbers as ``scipy.signal.lfilter([1], [1, -phi], x, axis=-1)`` without importing scipy.signal (seconds at the
    first start)."""
    y = np.empty_like(x, dtype=float)
    prev = np.zeros(x.shape[:-1])
    for t in range(x.shape[-1]):
        prev = x[..., t] + phi * prev
        y[..., t] = prev
    return y

#: First day of the sales history: a little over two years before the default ``end_date``.
HISTORY_START = date(2024, 7, 1)
DEFAULT_SEED = 20261122
DEFAULT_END_DATE = date(2026, 11, 22)
#: Days from the first to the last day of the default history (874): an anchored sample keeps this span.
HISTORY_SPAN_DAYS = (DEFAULT_END_DATE - HISTORY_START).days
#: An anchored sample has presale and creator plans for the campaigns starting within this many days: the next
#: campaign that can still be planned starts at most about 110 days ahead (a PO for it can be placed today).
ANCHORED_UPCOMING_DAYS = 120
DEFAULT_N_SKUS = 200
#: Limits of ``n_skus``: one SKU per category at least; ids and barcodes carry five digits.
MIN_SKUS = 5
MAX_SKUS = 99_999
#: The history must be long enough to hold a campaign season; ``end_date`` must leave at least this many days.
MIN_HISTORY_DAYS = 180

#: The tables the generator writes (``order_lines`` is an alternative input to ``sales`` and is not generated).
#: Tables the generator writes: every table but the alternative sales export and the optional daily stock history.
GENERATED_TABLES: tuple[str, ...] = tuple(t for t in TABLES if t not in ("order_lines", "stock_history", "campaign_prices",
                                                                          "campaign_actuals"))

REGION_CODES: tuple[str, ...] = ("US", "UK", "TH")
REGION_CURRENCY: dict[str, str] = {"US": "USD", "UK": "GBP", "TH": "THB"}

# Planning FX used only to set sample prices and convert sourced USD rates into GBP/THB warehouse currencies.
# [E] estimates, not in defaults.md; the same levels as cost.defaults.default_fx_rates (USD 7.10, GBP 9.35,
# THB 0.218 CNY), so prices and costs in the sample convert consistently in the app.
CNY_PER_USD = 7.10  # [E] planning FX
GBP_PER_USD = 0.76  # [E] planning FX (7.10 / 9.35)
THB_PER_USD = 32.5  # [E] planning FX (7.10 / 0.218)

# ----------------------------------------------------------------------------------------------------------------
# Warehouses. Figures from shared/domain/defaults.md (section given); [S] sourced there, [E] estimate.
# ----------------------------------------------------------------------------------------------------------------
_CU_FT_PER_CBM = 35.31  # 1 CBM = 35.31 cu ft, defaults.md §5 (arithmetic)

WAREHOUSES: tuple[dict, ...] = (
    dict(
        warehouse_id="FBT-US", name="FBT US (Fulfilled by TikTok)", region="US", country="US", fulfilment_mode="FBT",
        currency="USD",
        consolidation_days_min=2, consolidation_days_typ=4, consolidation_days_max=7,  # [E] domestic consolidation
        customs_days_min=1, customs_days_typ=3, customs_days_max=12,  # US 2-5 d, 10+ on an exam, defaults.md §1.4
        receiving_days_min=2, receiving_days_typ=7, receiving_days_max=14,  # peak 7-14 vs 2-5 off-peak, defaults.md §1.5
        # FBT storage $0.02/cu ft/day after 30 free days (luminushub, unverified), defaults.md §4.4 -> x35.31x30
        storage_per_cbm_month=round(0.02 * _CU_FT_PER_CBM * 30, 2),
        storage_peak_surcharge_pct=100.0,  # [E] "Amazon-like Q4 multiplier possible", defaults.md §4.4 (FBA 3.1x, §5)
        inbound_per_unit=0.31,  # FBT hub placement fee from $0.31/unit, seller-us.tiktok.com, defaults.md §4.4
        fulfilment_per_unit=3.58,  # FBT single-unit fulfilment from $3.58/item (Jan 2025 card), defaults.md §4.4
        # MFN ~3% + Section 301 List 4A 7.5% + IEEPA fentanyl 10% + reciprocal 10%, defaults.md §3.1 [E] sum
        duty_rate_pct=30.5,
        vat_rate_pct=0.0,  # no import VAT in the US (sales tax is collected at sale), defaults.md §3.1
        commission_rate_pct=6.0,  # TikTok Shop US referral fee 6% since Apr 2024, defaults.md §4.1
    ),
    dict(
        warehouse_id="3PL-US-LA", name="3PL US West (Los Angeles)", region="US", country="US", fulfilment_mode="3PL",
        currency="USD",
        consolidation_days_min=2, consolidation_days_typ=4, consolidation_days_max=7,  # [E]
        customs_days_min=1, customs_days_typ=3, customs_days_max=12,  # US 2-5 d, 10+ on an exam, defaults.md §1.4
        receiving_days_min=1, receiving_days_typ=4, receiving_days_max=10,  # 3PL 2-5 off-peak, 7-14 peak, defaults.md §1.5
        storage_per_cbm_month=17.0,  # US 3PL $15-19/CBM/month, redstagfulfillment.com (2025), defaults.md §5
        storage_peak_surcharge_pct=50.0,  # "1.5-2x in Q4 at some providers" [E], defaults.md §5
        inbound_per_unit=0.25,  # [E] receiving per unit, not sourced
        fulfilment_per_unit=2.80,  # [E] pick-pack per unit, below FBT's $3.58, defaults.md §4.4 anchor
        duty_rate_pct=30.5,  # MFN + 301 7.5% + 10% + 10%, defaults.md §3.1 [E] sum
        vat_rate_pct=0.0,  # defaults.md §3.1
        commission_rate_pct=6.0,  # defaults.md §4.1
    ),
    dict(
        warehouse_id="3PL-US-NJ", name="3PL US East (New Jersey)", region="US", country="US", fulfilment_mode="3PL",
        currency="USD",
        consolidation_days_min=2, consolidation_days_typ=4, consolidation_days_max=7,  # [E]
        customs_days_min=1, customs_days_typ=3, customs_days_max=12,  # defaults.md §1.4
        receiving_days_min=1, receiving_days_typ=4, receiving_days_max=10,  # defaults.md §1.5
        storage_per_cbm_month=19.0,  # upper end of $15-19/CBM/month, redstagfulfillment.com (2025), defaults.md §5
        storage_peak_surcharge_pct=50.0,  # [E] defaults.md §5
        inbound_per_unit=0.25,  # [E]
        fulfilment_per_unit=2.80,  # [E]
        duty_rate_pct=30.5,  # defaults.md §3.1 [E] sum
        vat_rate_pct=0.0,  # defaults.md §3.1
        commission_rate_pct=6.0,  # defaults.md §4.1
    ),
    dict(
        warehouse_id="SELF-CN", name="Self-ship from Shenzhen", region="US", country="CN", fulfilment_mode="SELF",
        currency="USD",
        consolidation_days_min=0, consolidation_days_typ=1, consolidation_days_max=3,  # [E] parcels leave from own stock
        customs_days_min=1, customs_days_typ=2, customs_days_max=10,  # US clearance, exam holds, defaults.md §1.4
        receiving_days_min=0, receiving_days_typ=1, receiving_days_max=2,  # [E] own stock room
        storage_per_cbm_month=37.0,  # China-side FC $1.25/CBM/day after 30 free days (~$37), nextsmartship, defaults.md §5
        storage_peak_surcharge_pct=0.0,  # [E] no peak surcharge at the own stock room
        inbound_per_unit=0.10,  # [E]
        fulfilment_per_unit=0.80,  # [E] pick-pack in China
        duty_rate_pct=30.5,  # de minimis suspended for all countries from Aug 29 2025, defaults.md §3.1
        vat_rate_pct=0.0,  # defaults.md §3.1
        commission_rate_pct=6.0,  # defaults.md §4.1
    ),
    dict(
        warehouse_id="FBT-UK", name="FBT UK (Fulfilled by TikTok)", region="UK", country="GB", fulfilment_mode="FBT",
        currency="GBP",
        consolidation_days_min=2, consolidation_days_typ=4, consolidation_days_max=7,  # [E]
        customs_days_min=1, customs_days_typ=2, customs_days_max=5,  # UK 1-3 d typical [E], defaults.md §1.4
        receiving_days_min=2, receiving_days_typ=7, receiving_days_max=14,  # peak 7-14, defaults.md §1.5
        storage_per_cbm_month=round(21.2 * GBP_PER_USD, 2),  # FBT US figure (§4.4) in GBP [E]: no UK rate found
        storage_peak_surcharge_pct=100.0,  # [E] defaults.md §4.4
        inbound_per_unit=round(0.31 * GBP_PER_USD, 2),  # FBT US $0.31 (§4.4) in GBP [E]
        fulfilment_per_unit=round(3.58 * GBP_PER_USD, 2),  # FBT US $3.58 (§4.4) in GBP [E]
        duty_rate_pct=4.0,  # UK duty typically 2-5% for consumer goods, tokyolume.com, defaults.md §3.2
        vat_rate_pct=20.0,  # UK import VAT 20%, defaults.md §3.2
        commission_rate_pct=9.0,  # TikTok Shop UK commission 9% since Sep 2 2024, defaults.md §4.2
    ),
    dict(
        warehouse_id="3PL-UK", name="3PL UK (Midlands)", region="UK", country="GB", fulfilment_mode="3PL",
        currency="GBP",
        consolidation_days_min=2, consolidation_days_typ=4, consolidation_days_max=7,  # [E]
        customs_days_min=1, customs_days_typ=2, customs_days_max=5,  # defaults.md §1.4
        receiving_days_min=1, receiving_days_typ=4, receiving_days_max=10,  # defaults.md §1.5
        storage_per_cbm_month=round(20.0 * GBP_PER_USD, 2),  # US/UK 3PL $15-30/CBM/month [E], defaults.md §5
        storage_peak_surcharge_pct=50.0,  # [E] defaults.md §5
        inbound_per_unit=0.20,  # [E]
        fulfilment_per_unit=2.20,  # [E]
        duty_rate_pct=4.0,  # defaults.md §3.2
        vat_rate_pct=20.0,  # defaults.md §3.2
        commission_rate_pct=9.0,  # defaults.md §4.2
    ),
    dict(
        warehouse_id="FBT-TH", name="FBT Thailand (Bangkok)", region="TH", country="TH", fulfilment_mode="FBT",
        currency="THB",
        consolidation_days_min=2, consolidation_days_typ=3, consolidation_days_max=6,  # [E]
        customs_days_min=0, customs_days_typ=1, customs_days_max=3,  # <=1 d at Laem Chabang, default 1-3, defaults.md §1.4
        receiving_days_min=1, receiving_days_typ=4, receiving_days_max=10,  # defaults.md §1.5 [E] for TH
        storage_per_cbm_month=round(10.0 * THB_PER_USD, 2),  # TH 3PL $8-15/CBM/month [E], defaults.md §5
        storage_peak_surcharge_pct=30.0,  # [E]
        inbound_per_unit=5.0,  # [E] THB per unit
        fulfilment_per_unit=25.0,  # [E] THB per unit
        duty_rate_pct=3.0,  # ACFTA Form E 0-5% [E], defaults.md §3.3
        vat_rate_pct=7.0,  # Thailand VAT 7% on all imports since Jul 5 2024, defaults.md §3.3
        commission_rate_pct=14.0,  # marketplace all-in ~12-16% [E], defaults.md §4.3
    ),
)

# First-leg freight: (warehouse, mode, transit min/typ/max days, rate per kg, rate per CBM) in the warehouse currency.
# Divisors: air 6000, express 5000 (cm3/kg), sea 1000 kg per CBM (W/M), metricrig.com / bosslog.cn, defaults.md §2.
VOLUMETRIC_DIVISOR = {"air": 6000.0, "express": 5000.0, "sea": 1000.0}  # defaults.md §2 "Volumetric"
FREIGHT_LANES: tuple[tuple, ...] = (
    # CN->USWC LCL: 12-24 d port-to-port (+7-10 LCL), defaults.md §1.1; $60-150+/CBM, toptradesourcing.com, §2
    ("FBT-US", "sea", 16, 22, 35, None, 110.0),
    # CN->US air 3-5 d flight, 5-10 door, §1.1; $4-8/kg + $0.5-1.5 fuel, topchinafreight.com (Sep 2025), §2
    ("FBT-US", "air", 5, 7, 10, 6.5, None),
    # courier 3-7 d door-to-door, §1.1; $8-15+/kg, toptradesourcing.com (late 2025), §2
    ("FBT-US", "express", 3, 5, 7, 11.0, None),
    ("3PL-US-LA", "sea", 16, 22, 35, None, 110.0),  # as FBT-US (USWC), defaults.md §1.1, §2
    ("3PL-US-LA", "air", 5, 7, 10, 6.5, None),  # defaults.md §1.1, §2
    ("3PL-US-LA", "express", 3, 5, 7, 11.0, None),  # defaults.md §1.1, §2
    # USEC: 40' $6,000-12,000 vs USWC $2,500-5,300 (~1.8x), topshipping.co, §2 -> LCL [E] 1.6x USWC; days [E] via Panama
    ("3PL-US-NJ", "sea", 28, 35, 50, None, 175.0),
    ("3PL-US-NJ", "air", 5, 7, 10, 6.5, None),  # defaults.md §1.1, §2
    # 3PL-US-NJ has no express lane on purpose: the east-coast 3PL takes pallets only (tests "no rate for the mode").
    # Self-ship: air-parcel DDP line 8-15 d [E] (§1.1), priced like air + fuel [E]; courier as above.
    ("SELF-CN", "air", 8, 11, 15, 7.5, None),
    ("SELF-CN", "express", 3, 5, 7, 11.0, None),  # defaults.md §1.1, §2
    # CN->UK door-to-door 30-45 d (Red Sea), upfreights.com, §1.2; LCL $60-150/CBM [E], §2
    ("FBT-UK", "sea", 30, 38, 50, None, round(110.0 * GBP_PER_USD, 2)),
    # CN->UK air 5-10 d door, §1.2; $4-7/kg [E] (slg-logistics £2-6/kg), §2
    ("FBT-UK", "air", 5, 7, 10, round(5.5 * GBP_PER_USD, 2), None),
    # courier 3-7 d, airsupplycn.com, §1.2; rate [E] as US courier
    ("FBT-UK", "express", 3, 5, 7, round(11.0 * GBP_PER_USD, 2), None),
    ("3PL-UK", "sea", 30, 38, 50, None, round(110.0 * GBP_PER_USD, 2)),  # defaults.md §1.2, §2
    ("3PL-UK", "air", 5, 7, 10, round(5.5 * GBP_PER_USD, 2), None),  # defaults.md §1.2, §2
    ("3PL-UK", "express", 3, 5, 7, round(11.0 * GBP_PER_USD, 2), None),  # defaults.md §1.2, §2
    # CN->TH sea direct 10-14 d, transhipment 18-25, 10100.com (2025-12-30), §1.3; consolidator sea ~5,200 THB/CBM,
    # luomagroup.com, §2
    ("FBT-TH", "sea", 10, 14, 25, None, 5200.0),
    ("FBT-TH", "air", 3, 4, 5, 75.0, None),  # air 3-5 d door [E] §1.3; ~70 THB/kg battery line, luomagroup.com, §2
    # China-Thai "line" (truck/land) 3-7 d [E] §1.3; 38-49 THB/kg general goods, luomagroup.com, §2
    ("FBT-TH", "express", 4, 6, 9, 44.0, None),
)

# Last-mile parcel fee by weight band (max_weight_kg, fee) per warehouse, warehouse currency. [E] estimates:
# defaults.md gives no last-mile rate table; bands follow the usual postal/courier steps per market.
LAST_MILE: dict[str, tuple[tuple[float, float], ...]] = {
    "FBT-US": ((0.45, 0.00), (0.9, 0.45), (2.3, 1.35), (4.5, 2.90), (9.0, 5.60), (22.7, 11.50)),  # [E] weight surcharge
    "3PL-US-LA": ((0.45, 4.40), (0.9, 5.60), (2.3, 8.20), (4.5, 11.50), (9.0, 16.00), (22.7, 28.00)),  # [E]
    "3PL-US-NJ": ((0.45, 4.30), (0.9, 5.40), (2.3, 7.90), (4.5, 11.00), (9.0, 15.50), (22.7, 27.00)),  # [E]
    "SELF-CN": ((0.5, 6.50), (1.0, 9.80), (2.0, 16.00), (5.0, 35.00), (10.0, 65.00)),  # [E] cross-border parcel
    "FBT-UK": ((1.0, 0.00), (2.0, 0.60), (5.0, 1.40), (10.0, 2.90), (20.0, 5.50)),  # [E] weight surcharge
    "3PL-UK": ((1.0, 2.90), (2.0, 3.60), (5.0, 4.90), (10.0, 6.90), (20.0, 9.90)),  # [E]
    "FBT-TH": ((1.0, 0.0), (3.0, 15.0), (5.0, 35.0), (10.0, 80.0), (20.0, 160.0)),  # [E] THB
}

# ----------------------------------------------------------------------------------------------------------------
# Campaign calendar (defaults.md §7). Dates are calendar arithmetic [E] unless noted; uplifts are planning
# defaults [E] (no published figure), used where a SKU has no campaign history.
# ----------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CampaignType:
    """A recurring campaign: how to date it in a year, its markets, deadlines and default uplift."""

    code: str
    name: str
    regions: tuple[str, ...]
    default_uplift: float
    declare_days_before: int  # register/declare 2-4 weeks before the event [E], defaults.md §7
    cutoff_days_before: int  # stock sellable >= 14-21 days before the start [E], defaults.md §7
    runup_days: int  # warm-up window before the start (presale, creator warm-up)
    dip_days: int  # post-campaign dip


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _campaign_dates(code: str, year: int) -> tuple[date, date]:
    """Start and end of campaign ``code`` in ``year`` (calendar arithmetic, defaults.md §7)."""
    if code == "BFCM":  # Black Friday = day after the 4th Thursday of November; through Cyber Monday
        bf = _nth_weekday(year, 11, 3, 4) + timedelta(days=1)
        return bf, bf + timedelta(days=3)
    if code == "DFYD":  # Deals for You Days: Jul 7-19 2025 [S] westmoonglobal.com; first Monday after Jul 4, 13 days
        start = date(year, 7, 5) + timedelta(days=(0 - date(year, 7, 5).weekday()) % 7)
        return start, start + timedelta(days=12)
    if code == "BTS":  # back-to-school, first Monday of August, two weeks [E]
        start = _nth_weekday(year, 8, 0, 1)
        return start, start + timedelta(days=13)
    if code == "SPRING":  # spring sale, third Monday of March, one week [E]
        start = _nth_weekday(year, 3, 0, 3)
        return start, start + timedelta(days=6)
    if code == "YEAREND":  # year-end / New Year sale Dec 26 - Jan 2 [E]
        return date(year, 12, 26), date(year + 1, 1, 2)
    month = {"33": 3, "66": 6, "99": 9, "1010": 10, "1111": 11, "1212": 12}[code]
    return date(year, month, month), date(year, month, month)  # SEA double days, defaults.md §7


CAMPAIGN_TYPES: tuple[CampaignType, ...] = (
    CampaignType("SPRING", "Spring Sale", ("US", "UK"), 1.5, 21, 14, 5, 4),
    CampaignType("33", "3.3 Sale", ("TH",), 2.0, 21, 14, 5, 4),
    CampaignType("66", "6.6 Mid-Year Sale", ("TH",), 2.2, 21, 14, 5, 4),
    CampaignType("DFYD", "Deals for You Days", ("US",), 2.2, 28, 21, 7, 7),
    CampaignType("BTS", "Back to School", ("US", "UK"), 1.5, 21, 14, 7, 5),
    CampaignType("99", "9.9 Big Sale", ("TH",), 2.5, 21, 14, 7, 5),
    CampaignType("1010", "10.10 Sale", ("TH",), 2.8, 21, 14, 7, 5),
    CampaignType("1111", "11.11 Mega Sale", ("TH",), 5.0, 28, 21, 10, 7),
    CampaignType("BFCM", "Black Friday / Cyber Monday", ("US", "UK"), 3.5, 28, 21, 15, 8),
    CampaignType("1212", "12.12 Year-End Sale", ("TH",), 3.5, 28, 14, 8, 7),
    CampaignType("YEAREND", "Year-End & New Year Sale", ("US", "UK"), 1.8, 21, 14, 5, 6),
)

# How strongly each category answers each campaign (x on default uplift - 1) [E] synthetic ground truth.
_CATEGORY_CAMPAIGN_FACTOR: dict[str, dict[str, float]] = {
    "BFCM": {"appliances": 1.4, "beauty": 1.15, "apparel": 0.9, "home": 1.0, "phone_accessories": 1.1},
    "BTS": {"apparel": 1.8, "phone_accessories": 1.4, "home": 1.0, "beauty": 0.6, "appliances": 0.8},
    "1212": {"beauty": 1.35, "appliances": 1.1, "apparel": 0.9, "home": 0.9, "phone_accessories": 1.0},
    "YEAREND": {"beauty": 1.2, "home": 1.2, "apparel": 1.1, "appliances": 0.9, "phone_accessories": 0.8},
    "1111": {"beauty": 1.2, "appliances": 1.2, "apparel": 1.0, "home": 0.9, "phone_accessories": 0.9},
    "DFYD": {"appliances": 1.3, "home": 1.1, "phone_accessories": 1.1, "beauty": 0.9, "apparel": 0.8},
}

# ----------------------------------------------------------------------------------------------------------------
# Product templates: (English name, Chinese name, weight kg, L, W, H cm, unit cost CNY, HS code, battery, season)
# season: "summer"/"winter" for weather-driven items, "" otherwise.
# ----------------------------------------------------------------------------------------------------------------
_TEMPLATES: dict[str, tuple[tuple, ...]] = {
    "appliances": (
        ("Portable Neck Fan", "挂脖风扇", 0.30, 20, 18, 7, 32, "841451", True, "summer"),
        ("Mini Handheld Fan", "手持小风扇", 0.20, 18, 8, 6, 16, "841451", True, "summer"),
        ("Cordless Hair Straightener", "无线直发器", 0.45, 32, 8, 6, 58, "851632", True, ""),
        ("Electric Milk Frother", "电动奶泡器", 0.20, 25, 6, 5, 12, "850940", True, ""),
        ("Rechargeable Electric Toothbrush", "电动牙刷", 0.25, 24, 7, 5, 35, "850980", True, ""),
        ("Portable Blender", "便携榨汁杯", 0.60, 25, 10, 10, 45, "850940", True, "summer"),
        ("Heated Eye Mask", "加热眼罩", 0.15, 20, 10, 4, 28, "851679", True, "winter"),
        ("Desk Space Heater", "桌面暖风机", 1.40, 22, 18, 18, 85, "851629", False, "winter"),
        ("Mini Waffle Maker", "迷你华夫饼机", 1.20, 20, 18, 12, 55, "851672", False, ""),
        ("Cordless Stick Vacuum", "无线吸尘器", 2.60, 65, 22, 15, 210, "850811", True, ""),
        ("Electric Kettle 1.7L", "电热水壶", 1.30, 24, 20, 25, 48, "851671", False, ""),
        ("Compact Air Fryer 4L", "空气炸锅4L", 4.80, 36, 32, 34, 165, "851660", False, ""),
    ),
    "apparel": (
        ("Oversized Cotton T-Shirt", "纯棉宽松T恤", 0.22, 30, 25, 2, 18, "610910", False, "summer"),
        ("Fleece Hoodie", "抓绒连帽卫衣", 0.60, 35, 30, 6, 45, "611030", False, "winter"),
        ("High-Waist Yoga Leggings", "高腰瑜伽裤", 0.25, 25, 20, 3, 22, "610463", False, ""),
        ("Lightweight Puffer Vest", "轻薄羽绒马甲", 0.45, 42, 32, 14, 68, "620193", False, "winter"),
        ("Linen Shorts", "亚麻短裤", 0.20, 28, 22, 3, 20, "620469", False, "summer"),
        ("Cable Knit Sweater", "麻花针织毛衣", 0.55, 35, 30, 6, 52, "611030", False, "winter"),
        ("Seamless Sports Bra", "无痕运动文胸", 0.12, 22, 18, 3, 16, "621210", False, ""),
        ("Thermal Base Layer Set", "保暖内衣套装", 0.40, 30, 25, 5, 35, "610822", False, "winter"),
        ("Floral Summer Dress", "碎花连衣裙", 0.30, 30, 25, 3, 38, "620442", False, "summer"),
        ("Relaxed Cargo Pants", "宽松工装裤", 0.55, 35, 28, 5, 42, "620343", False, ""),
    ),
    "beauty": (
        ("Hydrating Sheet Mask 10-Pack", "补水面膜10片装", 0.25, 20, 14, 3, 12, "330499", False, ""),
        ("Vitamin C Serum 30ml", "维C精华液30ml", 0.12, 11, 5, 5, 15, "330499", False, ""),
        ("Velvet Lip Tint Set", "丝绒唇釉套装", 0.10, 12, 8, 3, 11, "330410", False, ""),
        ("Makeup Brush Set 12pcs", "化妆刷12支套装", 0.35, 25, 10, 5, 18, "960329", False, ""),
        ("Hair Claw Clips 4pcs", "鲨鱼夹4个装", 0.10, 12, 10, 5, 4, "961511", False, ""),
        ("Gel Nail Polish Kit", "甲油胶套装", 0.40, 18, 12, 6, 25, "330430", False, ""),
        ("Sunscreen Stick SPF50", "防晒棒SPF50", 0.08, 12, 4, 4, 13, "330499", False, "summer"),
        ("Heated Eyelash Curler", "电热睫毛夹", 0.06, 12, 6, 2, 9, "851679", True, ""),
        ("Perfume Travel Atomizer", "香水分装瓶", 0.08, 10, 4, 4, 6, "961610", False, ""),
        ("Coffee Body Scrub 300g", "咖啡身体磨砂膏300g", 0.45, 10, 10, 8, 14, "330499", False, ""),
    ),
    "home": (
        ("Silicone Food Storage Lids", "硅胶保鲜盖套装", 0.35, 22, 22, 6, 9, "392490", False, ""),
        ("Vacuum Storage Bags 6-Pack", "真空压缩袋6件套", 0.60, 30, 25, 6, 15, "392329", False, "winter"),
        ("Memory Foam Pillow", "记忆棉枕头", 1.10, 60, 40, 14, 38, "940490", False, ""),
        ("Plush Throw Blanket", "毛绒盖毯", 0.90, 40, 35, 12, 32, "630140", False, "winter"),
        ("Collapsible Laundry Basket", "折叠脏衣篮", 0.70, 45, 40, 10, 18, "392490", False, ""),
        ("Cast Iron Mini Skillet", "铸铁小煎锅", 1.60, 22, 17, 5, 26, "732391", False, ""),
        ("Marble Mortar and Pestle", "大理石研钵", 1.90, 14, 14, 11, 22, "680299", False, ""),
        ("Bamboo Drawer Organizer", "竹制抽屉收纳盒", 0.80, 38, 28, 6, 24, "442199", False, ""),
        ("LED Fairy String Lights", "LED氛围串灯", 0.25, 15, 12, 6, 8, "940542", True, "winter"),
        ("Glass Spice Jar Set", "玻璃调料罐套装", 1.40, 26, 18, 10, 28, "701349", False, ""),
        ("Microfiber Cleaning Cloths 12pcs", "超细纤维抹布12条", 0.30, 25, 20, 5, 7, "630710", False, ""),
        ("Ceramic Aroma Diffuser", "陶瓷香薰机", 0.55, 16, 16, 18, 36, "850979", False, ""),
    ),
    "phone_accessories": (
        ("Silicone Phone Case", "硅胶手机壳", 0.05, 18, 10, 2, 3.5, "392690", False, ""),
        ("Magnetic Wireless Charger", "磁吸无线充电器", 0.12, 10, 10, 3, 22, "850440", False, ""),
        ("Tempered Glass Screen Protector", "钢化膜", 0.06, 19, 11, 1, 1.8, "700719", False, ""),
        ("USB-C Fast Charging Cable 2m", "USB-C快充数据线2米", 0.06, 12, 8, 3, 4.5, "854442", False, ""),
        ("20W USB-C Wall Charger", "20W快充充电头", 0.08, 8, 5, 4, 9, "850440", False, ""),
        ("10000mAh Slim Power Bank", "10000mAh超薄充电宝", 0.24, 11, 7, 2.5, 35, "850760", True, ""),
        ("Phone Tripod Stand", "手机三脚架", 0.35, 28, 8, 6, 18, "900620", False, ""),
        ("LED Ring Light with Stand", "补光灯支架", 1.30, 50, 30, 10, 40, "940540", False, ""),
        ("Wireless Earbuds", "无线蓝牙耳机", 0.10, 10, 8, 4, 38, "851830", True, ""),
        ("Car Phone Mount", "车载手机支架", 0.15, 12, 9, 7, 9, "830250", False, ""),
        ("Phone Grip Holder", "手机气囊支架", 0.02, 8, 6, 2, 1.5, "392690", False, ""),
    ),
}

#: Category, SKU id prefix, share of the catalogue (apparel SKUs come in styles of four sizes).
_CATEGORY_MIX: tuple[tuple[str, str, float], ...] = (
    ("appliances", "AL", 0.17),
    ("apparel", "AP", 0.22),
    ("beauty", "BT", 0.20),
    ("home", "HM", 0.21),
    ("phone_accessories", "PA", 0.20),
)
APPAREL_SIZES: tuple[str, ...] = ("S", "M", "L", "XL")
_SIZE_SHARE = np.array([0.20, 0.35, 0.30, 0.15])
_VARIANTS: dict[str, tuple[str, ...]] = {
    "appliances": ("White", "Black", "Sage Green", "Pink", "Grey", "Cream", "Blue"),
    "apparel": ("Black", "Heather Grey", "Navy", "Oatmeal", "Olive", "Dusty Pink", "Charcoal", "Ivory", "Sky Blue"),
    "beauty": ("Classic", "Rose", "Nude", "Travel Size", "Value Pack", "Sensitive", "Coral", "Berry"),
    "home": ("Grey", "Beige", "Natural", "White", "Charcoal", "Set of 2", "Large", "Small"),
    "phone_accessories": ("for iPhone 16", "for iPhone 17 Pro", "for Galaxy S25", "Black", "White", "Clear",
                          "for iPhone 17", "Universal"),
}
#: Creator handles per market (written without "@", which spreadsheets read as a formula).
_CREATORS: dict[str, tuple[str, ...]] = {
    "US": ("homewithmia", "techtok_jay", "glowbybri", "dealsdaily_us", "kitchenkween", "fitfam_sam"),
    "UK": ("lucyloves_uk", "gadgetguy_uk", "cosyhome_chloe", "bargainhunter_uk", "styledbyamara"),
    "TH": ("nong_beauty", "pimreviews", "baan_suay", "gadget_th", "mamuang_live", "kaewshop"),
}

# Weekly shape (log multipliers Mon..Sun) per region [E]: US weekend peak, UK Sunday/Monday evening peak,
# TH Friday-Saturday peak.
_WEEKLY_LOG = {
    "US": np.log([0.97, 0.93, 0.94, 0.98, 1.03, 1.10, 1.12]),
    "UK": np.log([1.05, 0.98, 0.95, 0.94, 0.93, 0.98, 1.17]),
    "TH": np.log([0.95, 0.96, 0.98, 1.00, 1.05, 1.08, 0.98]),
}
# Yearly bumps: (name, peak day of year, width in days) [E].
_BUMPS: tuple[tuple[str, int, float], ...] = (
    ("q4", 335, 28.0), ("summer", 190, 38.0), ("winter", 5, 40.0), ("valentine", 42, 6.0),
    ("iphone", 262, 10.0), ("new_year", 12, 12.0),
)
# Mean log-amplitude of each bump per category (summer/winter are applied per season flag instead) [E].
_CATEGORY_BUMP = {
    "home": {"q4": 0.25, "new_year": 0.25},
    "beauty": {"q4": 0.35, "valentine": 0.30},
    "apparel": {"q4": 0.15},
    "appliances": {"q4": 0.35},
    "phone_accessories": {"q4": 0.20, "iphone": 0.40},
}


# ----------------------------------------------------------------------------------------------------------------
# Public API
# ----------------------------------------------------------------------------------------------------------------


def generate_sample(
    n_skus: int = DEFAULT_N_SKUS, seed: int = DEFAULT_SEED, end_date: date = DEFAULT_END_DATE, *,
    history_start: date = HISTORY_START, upcoming_days: int = 60,
) -> dict[str, pd.DataFrame]:
    """Generate the sample dataset: ``{table: DataFrame}`` for every table in ``GENERATED_TABLES``.

    Parameters
    ----------
    n_skus : int
        Number of SKUs (5-99,999). Apparel comes in whole styles of four sizes, so the count is exact but the
        category split is approximate.
    seed : int
        Seed of the numpy ``Generator``; the same seed (and arguments) gives identical frames.
    end_date : date
        Last day of sales history ("today" of the dataset). Campaigns after it are the upcoming ones.
    history_start : date
        First day of sales history (default ``HISTORY_START``); at least ``MIN_HISTORY_DAYS`` before ``end_date``.
    upcoming_days : int
        Presale and creator plans are made for the campaigns starting within this many days after ``end_date``
        (default 60: TikTok Shop pre-orders open 3-60 days ahead, defaults.md §8).

    Raises
    ------
    ValueError
        When ``n_skus`` or ``end_date`` is out of range (the message names the argument, the value and the range).
    """
    n_skus, end_date, history_start = _check_arguments(n_skus, end_date, history_start)
    rng = np.random.default_rng(seed)
    campaigns = _campaigns(end_date, history_start)
    skus = _skus(rng, n_skus, end_date, history_start)
    _platform_and_carton_columns(skus, seed)
    sim = _simulate_sales(rng, skus, campaigns, end_date, history_start)
    warehouses = pd.DataFrame(list(WAREHOUSES))
    assignment = _assign_warehouses(rng, sim)
    stock = _stock(rng, skus, sim, assignment)
    shipments = _shipments(rng, skus, sim, assignment, campaigns, end_date)
    presale = _presale(rng, skus, sim, campaigns, end_date, upcoming_days)
    creators = _creators(rng, skus, sim, campaigns, end_date, upcoming_days)
    tables = {
        "skus": skus.drop(columns=[c for c in skus.columns if c.startswith("_")]),
        "warehouses": warehouses,
        "freight_lanes": _freight_lanes(),
        "last_mile": _last_mile(),
        "campaigns": campaigns.drop(columns=["kind", "runup_days", "dip_days"]),
        "sales": sim.sales,
        "stock": stock,
        "shipments": shipments,
        "presale": presale,
        "creators": creators,
        "prices": _prices(skus),
        "fbt_quota": _fbt_quota(sim.sales, skus, end_date),
        "platform_recommendation": _platform_recommendation(sim.sales, campaigns, end_date, upcoming_days, seed),
    }
    return {name: _conform(tables[name], TABLES[name]) for name in GENERATED_TABLES}


def anchored_sample(today: date, *, n_skus: int = DEFAULT_N_SKUS, seed: int = DEFAULT_SEED) -> dict[str, pd.DataFrame]:
    """The sample dataset anchored to ``today``: what the dashboard imports on its first start.

    Sales run up to yesterday over the same span as the committed sample (``HISTORY_SPAN_DAYS``), and the
    campaign calendar (calendar rules of defaults.md §7: Black Friday the day after the fourth Thursday of
    November, 11.11, 12.12, 9.9 / 10.10, year-end, back-to-school...) runs on for about 13 months from there, so
    the coming campaigns are really ahead: stock in transit, presale and creator plans belong to them (plans for
    every campaign starting within ``ANCHORED_UPCOMING_DAYS``, so the next campaign that can still be planned has
    them too). The same ``today`` and ``seed`` always give the same frames (the catalogue itself does not depend
    on ``today``); generation takes about half a second for 200 SKUs.
    """
    if isinstance(today, pd.Timestamp):
        today = today.date()
    if not isinstance(today, date):
        raise TypeError(f"today must be a datetime.date (got {today!r}); pass e.g. date.today()")
    end = today - timedelta(days=1)
    return generate_sample(n_skus, seed=seed, end_date=end, history_start=end - timedelta(days=HISTORY_SPAN_DAYS),
                           upcoming_days=ANCHORED_UPCOMING_DAYS)


def write_sample(tables: dict[str, pd.DataFrame], out_dir: str | os.PathLike) -> dict[str, Path]:
    """Write each table to ``out_dir/<table>.csv`` (UTF-8, ISO dates, ``\\n`` line ends); return the paths.

    Float columns whose values are all whole numbers (units) are written without a decimal point, money with at
    most two decimals, booleans as ``true``/``false``, missing values as empty cells. Creates ``out_dir``.

    Raises
    ------
    ValueError
        When a table name is not one of ``schemas.TABLES``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for name, frame in tables.items():
        if name not in TABLES:
            raise ValueError(f"table name {name!r} is not a known table; use one of {', '.join(TABLES)}")
        path = out / f"{name}.csv"
        _csv_ready(frame, TABLES[name]).to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        paths[name] = path
    return paths


def ean13_check_digit(first12: np.ndarray) -> np.ndarray:
    """GS1 check digit of 12-digit codes (rows of digits): weights 1,3,1,3... from the left, mod 10.

    GS1 General Specifications, section 7.9.1 (standard check digit calculation).
    """
    weights = np.tile([1, 3], 6)
    return (10 - (first12 * weights).sum(axis=1) % 10) % 10


# ----------------------------------------------------------------------------------------------------------------
# Arguments, calendar
# ----------------------------------------------------------------------------------------------------------------


def _check_arguments(n_skus: int, end_date: date, history_start: date) -> tuple[int, date, date]:
    if isinstance(n_skus, bool) or not isinstance(n_skus, (int, np.integer)):
        raise TypeError(f"n_skus must be an integer (got {n_skus!r}); pass e.g. n_skus=200")
    if not MIN_SKUS <= int(n_skus) <= MAX_SKUS:
        raise ValueError(f"n_skus must be between {MIN_SKUS} and {MAX_SKUS} (got {n_skus}); pass e.g. n_skus=200")
    if isinstance(end_date, pd.Timestamp):
        end_date = end_date.date()
    if not isinstance(end_date, date):
        raise TypeError(f"end_date must be a datetime.date (got {end_date!r}); pass e.g. date(2026, 11, 22)")
    if isinstance(history_start, pd.Timestamp):
        history_start = history_start.date()
    if not isinstance(history_start, date):
        raise TypeError(f"history_start must be a datetime.date (got {history_start!r}); pass e.g. date(2024, 7, 1)")
    earliest = history_start + timedelta(days=MIN_HISTORY_DAYS)
    if end_date < earliest:
        raise ValueError(
            f"end_date must be on or after {earliest.isoformat()} (got {end_date.isoformat()}): the history starts "
            f"{history_start.isoformat()} and needs at least {MIN_HISTORY_DAYS} days; pass a later end_date"
        )
    return int(n_skus), end_date, history_start


def _campaigns(end_date: date, history_start: date = HISTORY_START) -> pd.DataFrame:
    """Every campaign from the history start up to about 13 months after ``end_date``."""
    horizon = end_date + timedelta(days=400)
    rows = []
    for year in range(history_start.year - 1, horizon.year + 1):
        for ct in CAMPAIGN_TYPES:
            start, end = _campaign_dates(ct.code, year)
            if end < history_start or start > horizon:
                continue
            suffix = "-".join([str(year)] + (list(ct.regions) if ct.regions == ("TH",) else []))
            rows.append(dict(
                campaign_id=f"{ct.code}-{suffix}",
                name=f"{ct.name} {year}" if ct.code != "YEAREND" else f"{ct.name} {year}-{str(year + 1)[2:]}",
                regions=";".join(ct.regions),
                start_date=start, end_date=end,
                declaration_deadline=start - timedelta(days=ct.declare_days_before),
                inbound_cutoff=start - timedelta(days=ct.cutoff_days_before),
                default_uplift=ct.default_uplift,
                kind=ct.code, runup_days=ct.runup_days, dip_days=ct.dip_days,
            ))
    frame = pd.DataFrame(rows).sort_values(["start_date", "campaign_id"], kind="stable").reset_index(drop=True)
    return frame


# ----------------------------------------------------------------------------------------------------------------
# SKU master
# ----------------------------------------------------------------------------------------------------------------


def _category_counts(n_skus: int) -> dict[str, int]:
    """SKUs per category: apparel a multiple of four (whole styles), every category at least one SKU."""
    counts = {cat: max(1, int(round(n_skus * share))) for cat, _, share in _CATEGORY_MIX}
    counts["apparel"] = 4 * max(1, int(round(n_skus * 0.22 / 4))) if n_skus >= 12 else 1
    diff = n_skus - sum(counts.values())
    order = ["home", "beauty", "phone_accessories", "appliances"]
    i = 0
    while diff != 0:
        cat = order[i % len(order)]
        step = 1 if diff > 0 else -1
        if counts[cat] + step >= 1:
            counts[cat] += step
            diff -= step
        i += 1
    return counts


def _skus(rng: np.random.Generator, n_skus: int, end_date: date, history_start: date = HISTORY_START) -> pd.DataFrame:
    counts = _category_counts(n_skus)
    parts = []
    for cat, prefix, _ in _CATEGORY_MIX:
        n = counts[cat]
        tmpl = _TEMPLATES[cat]
        if cat == "apparel":
            n_styles = max(1, n // 4) if n >= 4 else 1
            style_tmpl = rng.integers(0, len(tmpl), n_styles)
            sizes_per_style = 4 if n >= 4 else n
            t_idx = np.repeat(style_tmpl, sizes_per_style)[:n]
            style = np.repeat(np.arange(n_styles), sizes_per_style)[:n]
            size = np.tile(np.array(APPAREL_SIZES[:sizes_per_style], dtype=object), n_styles)[:n]
            ids = [f"{prefix}{s + 1:04d}-{z}" for s, z in zip(style, size)]
        else:
            t_idx = rng.integers(0, len(tmpl), n)
            style = np.arange(n)
            size = np.full(n, None, dtype=object)
            ids = [f"{prefix}{i + 1:05d}" for i in range(n)]
        arr = np.array(tmpl, dtype=object)[t_idx]
        variants = np.array(_VARIANTS[cat], dtype=object)
        # Variant shared within a style (apparel sizes); independent otherwise.
        style_variant = variants[rng.integers(0, len(variants), style.max() + 1)][style]
        with_zh = (rng.random(style.max() + 1) < 0.4)[style]
        en = arr[:, 0]
        zh = arr[:, 1]
        names = [
            f"{e}" + (f" {z}" if w else "") + f" - {v}" + (f" ({s})" if s else "")
            for e, z, v, w, s in zip(en, zh, style_variant, with_zh, size)
        ]
        parts.append(pd.DataFrame({
            "sku": ids, "name": names, "category": cat, "size": size,
            "_weight": arr[:, 2].astype(float), "_l": arr[:, 3].astype(float), "_w": arr[:, 4].astype(float),
            "_h": arr[:, 5].astype(float), "_cost": arr[:, 6].astype(float), "hs_code": arr[:, 7].astype(str),
            "has_battery": arr[:, 8].astype(bool), "_season": arr[:, 9].astype(str),
            "_style": [f"{prefix}{s}" for s in style],
        }))
    df = pd.concat(parts, ignore_index=True)
    n = len(df)

    # Size scaling for apparel (XL heavier and a little dearer).
    size_scale = df["size"].map({"S": 0.92, "M": 1.0, "L": 1.06, "XL": 1.14}).fillna(1.0).to_numpy()
    df["weight_kg"] = np.maximum(0.01, np.round(df["_weight"] * size_scale * rng.lognormal(0, 0.12, n), 2))
    for src, col in (("_l", "length_cm"), ("_w", "width_cm"), ("_h", "height_cm")):
        df[col] = np.maximum(0.5, np.round(df[src] * np.sqrt(size_scale) * rng.lognormal(0, 0.08, n) * 2) / 2)
    df["unit_cost"] = np.round(df["_cost"] * size_scale ** 0.5 * rng.lognormal(0, 0.15, n), 2)
    df["cost_currency"] = "CNY"

    # Regions: 1-3 per SKU (shared by a style); the main region is the first in the shuffled order.
    n_style = df["_style"].nunique()
    style_code = pd.factorize(df["_style"])[0]
    sells = rng.random((n_style, 3)) < np.array([0.72, 0.42, 0.45])
    none = ~sells.any(axis=1)
    sells[none, rng.integers(0, 3, none.sum())] = True
    prio = rng.random((n_style, 3)) * np.array([1.6, 1.0, 1.1]) + sells * 10
    main = prio.argmax(axis=1)
    df["_sells"] = [tuple(REGION_CODES[j] for j in range(3) if row[j]) for row in sells[style_code]]
    df["_main"] = np.array(REGION_CODES)[main[style_code]]

    # Prices: landed-cost markup in USD, then charm prices in the main region's currency.
    markup = rng.uniform(2.6, 5.0, n_style)[style_code]
    usd = df["unit_cost"].to_numpy() / CNY_PER_USD * markup + 2.0
    df["_price_usd"] = usd
    df["price"] = _charm(_region_prices(usd, df["_main"].to_numpy()), df["_main"].to_numpy())
    df["price_currency"] = df["_main"].map(REGION_CURRENCY)

    # Case pack: a carton of ~0.06 CBM and at most 20 kg, rounded down to a common pack size.
    unit_cm3 = df["length_cm"] * df["width_cm"] * df["height_cm"]
    fit = np.minimum(0.06e6 / unit_cm3, 20.0 / df["weight_kg"]).to_numpy()
    packs = np.array([1, 2, 4, 5, 6, 8, 10, 12, 20, 24, 30, 40, 48, 50, 60, 80, 100, 120, 144, 200])
    df["case_pack_units"] = packs[np.clip(np.searchsorted(packs, fit, side="right") - 1, 0, None)]
    base_moq = np.where(df["unit_cost"] < 15, rng.choice([500, 1000, 2000, 3000], n),
                        np.where(df["unit_cost"] < 60, rng.choice([200, 300, 500, 1000], n), rng.choice([50, 100, 200, 300], n)))
    df["moq_units"] = (np.ceil(base_moq / df["case_pack_units"]) * df["case_pack_units"]).astype(int)
    prod_lo = df["category"].map({"appliances": 18, "apparel": 10, "beauty": 10, "home": 10, "phone_accessories": 7})
    prod_hi = df["category"].map({"appliances": 35, "apparel": 30, "beauty": 28, "home": 30, "phone_accessories": 21})
    df["production_days"] = (prod_lo + rng.random(n) * (prod_hi - prod_lo + 1)).astype(int).clip(7, 35)

    # HS codes: 6-digit headings, a few extended to 10-digit US HTS, ~6% missing.
    # Electrical products: every appliance, and goods under HS chapter 85 or heading 9405 (lamps) elsewhere
    # (chargers, cables, earbuds, power banks, LED lights, diffusers) - not cases, mounts or screen protectors.
    hs6 = df["hs_code"].astype(str)
    df["is_electronic"] = (df["category"] == "appliances") | hs6.str.startswith("85") | hs6.str.startswith("9405")
    hs = df["hs_code"].to_numpy(dtype=object)
    ext = rng.random(n) < 0.25
    hs[ext] = [h + f"{d:04d}" for h, d in zip(hs[ext], rng.integers(0, 10000, ext.sum()))]
    hs[rng.random(n) < 0.06] = None
    df["hs_code"] = hs

    df["certificates"] = _certificates(rng, df)
    df["barcode"] = _barcodes(rng, n)

    # Launch dates: most SKUs predate the history, some launch during it, ~8% are new (30-120 days ago).
    start_ord = history_start.toordinal()
    end_ord = end_date.toordinal()
    u = rng.random(n_style)
    legacy = u < 0.58
    new = u > 0.92
    launch = np.where(
        legacy, start_ord - rng.integers(30, 900, n_style),
        np.where(new, end_ord - rng.integers(30, 121, n_style),
                 rng.integers(start_ord + 14, max(start_ord + 15, end_ord - 120), n_style)),
    )[style_code]
    df["_launch_ord"] = launch
    known = ~legacy[style_code] | (rng.random(n) < 0.7)
    df["launch_date"] = [date.fromordinal(int(o)) if k else None for o, k in zip(launch, known)]
    df["_style_code"] = style_code
    return df


def _prices(skus: pd.DataFrame) -> pd.DataFrame:
    """Shelf price of every SKU in every market it sells in, in that market's currency (no random draws, so the
    other tables do not change): the same charm price rule as the master price (whose market's row equals it);
    UK and TH shelf prices include VAT, US prices exclude sales tax (cost.defaults.default_price_vat)."""
    rows = [(sku, region, usd) for sku, sells, usd in zip(skus["sku"], skus["_sells"], skus["_price_usd"])
            for region in sells]
    out = pd.DataFrame(rows, columns=["sku", "region", "_usd"])
    regions = out["region"].to_numpy()
    out["price"] = _charm(_region_prices(out["_usd"].to_numpy(), regions), regions)
    out["currency"] = out["region"].map(REGION_CURRENCY)
    out["price_includes_vat"] = out["region"] != "US"
    return out.drop(columns="_usd").sort_values(["sku", "region"], ignore_index=True)


#: FBT inbound quota as a share of the market's monthly units sold (last 90 days) [E]: the platform's Capacity
#: Management sets a store-level quota from forecasts and inbound history and restricts inbound in peak (defaults.md
#: §1.5, no published figure); ``QUOTA_PEAK_SHARE`` applies in ``QUOTA_PEAK_MONTHS`` (tight, so the sample shows
#: units over quota), ``QUOTA_SHARE`` in the other months.
QUOTA_SHARE = 0.45
QUOTA_PEAK_SHARE = 0.2
QUOTA_PEAK_MONTHS = (11, 12, 1)
#: Months of quota the platform shows: this month and the next three (defaults.md §1.5 [E]).
QUOTA_MONTHS = 4
#: Quota measures per FBT warehouse [E]: FBT-US in units and CBM, FBT-UK in CBM only, others in units only.
QUOTA_MEASURES: dict[str, tuple[bool, bool]] = {"FBT-US": (True, True), "FBT-UK": (False, True)}


def _fbt_quota(sales: pd.DataFrame, skus: pd.DataFrame, end_date: date) -> pd.DataFrame:
    """The store's inbound quota per FBT warehouse for this month and the next three (no random draws, so the other
    tables do not change): ``QUOTA_SHARE`` (``QUOTA_PEAK_SHARE`` in peak months) of the market's average monthly
    units sold over the last 90 days, rounded down to 50 units; in CBM the same units times the market's
    sales-weighted mean packed unit volume, rounded to 0.5 CBM."""
    recent = sales.loc[pd.to_datetime(sales["date"]) > pd.Timestamp(end_date) - pd.Timedelta(days=90)]
    cbm = pd.Series(skus["length_cm"].to_numpy() * skus["width_cm"].to_numpy() * skus["height_cm"].to_numpy() / 1e6,
                    index=skus["sku"].to_numpy())
    recent = recent.assign(cbm=recent["units"].to_numpy() * recent["sku"].map(cbm).to_numpy())
    by_region = recent.groupby("region")[["units", "cbm"]].sum()
    first = pd.Timestamp(end_date).to_period("M")
    rows = []
    for wh in WAREHOUSES:
        if wh["fulfilment_mode"] != "FBT" or wh["region"] not in by_region.index:
            continue
        units, volume = by_region.loc[wh["region"], ["units", "cbm"]]
        per_unit_cbm = volume / units if units > 0 else 0.0
        with_units, with_cbm = QUOTA_MEASURES.get(wh["warehouse_id"], (True, False))
        for k in range(QUOTA_MONTHS):
            month = first + k
            share = QUOTA_PEAK_SHARE if month.month in QUOTA_PEAK_MONTHS else QUOTA_SHARE
            quota = np.floor(share * units / 3.0 / 50.0) * 50.0
            rows.append({"warehouse_id": wh["warehouse_id"], "month": month.to_timestamp(),
                         "quota_units": quota if with_units else None,
                         "quota_cbm": round(quota * per_unit_cbm * 2.0) / 2.0 if with_cbm else None})
    return pd.DataFrame(rows, columns=["warehouse_id", "month", "quota_units", "quota_cbm"])


#: Campaign SKUs the platform answers a declaration for: the top sellers of each market [E].
RECOMMENDED_TOP_SKUS = 40
#: Days after the campaign the platform's recommended stock also covers [E] (a campaign's tail and returns window).
RECOMMENDED_TAIL_DAYS = 14


def _platform_recommendation(sales: pd.DataFrame, campaigns: pd.DataFrame, end_date: date, upcoming_days: int,
                             seed: int) -> pd.DataFrame:
    """The platform's recommended stock for the top ``RECOMMENDED_TOP_SKUS`` sellers of each market of every
    campaign starting within ``upcoming_days`` (the next campaign when none does): units per day over the last 28 days x (campaign days x the
    campaign's ``default_uplift`` + ``RECOMMENDED_TAIL_DAYS``), times a factor 0.6-1.4 (the platform weighs category
    heat and past performance, workflow.md step 5), rounded to 10 units. Draws come from their own generator, so
    the other tables do not change."""
    rng = np.random.default_rng((int(seed), 20261202))
    recent = sales.loc[pd.to_datetime(sales["date"]) > pd.Timestamp(end_date) - pd.Timedelta(days=28)]
    per_day = recent.groupby(["region", "sku"])["units"].sum() / 28.0
    parts = []
    upcoming = _upcoming(campaigns, end_date, upcoming_days)
    if upcoming.empty:  # no campaign in the next weeks: the platform answers for the next one that comes
        later = campaigns[campaigns["start_date"] > end_date].sort_values("start_date")
        upcoming = later.head(1)
    for c in upcoming.itertuples(index=False):
        days = (c.end_date - c.start_date).days + 1
        for region in c.regions.split(";"):
            if region not in per_day.index.get_level_values(0):
                continue
            top = per_day.loc[region].sort_values(ascending=False, kind="stable").head(RECOMMENDED_TOP_SKUS)
            top = top[top > 0]
            factor = rng.uniform(0.6, 1.4, top.size)
            units = np.round(top.to_numpy() * (days * c.default_uplift + RECOMMENDED_TAIL_DAYS) * factor / 10.0) * 10.0
            parts.append(pd.DataFrame({"sku": top.index.to_numpy(), "campaign_id": c.campaign_id, "region": region,
                                       "warehouse_id": None, "recommended_units": np.maximum(units, 10.0)}))
    cols = ["sku", "campaign_id", "region", "warehouse_id", "recommended_units"]
    if not parts:
        return pd.DataFrame(columns=cols)
    return pd.concat(parts, ignore_index=True).sort_values(["campaign_id", "sku", "region"], ignore_index=True)[cols]


#: Share of SKUs not yet listed on the platform (no product / SKU id) [E], so the declaration has a known gap.
UNLISTED_SHARE = 0.03
#: Corrugated carton wall: outer size = the packed units + this many cm per dimension [E] (double-wall board).
CARTON_WALL_CM = 1.0
#: Carton tare: a fixed part plus a part per CBM of carton [E] (a 0.06 CBM double-wall carton weighs ~0.45 kg).
CARTON_TARE_KG = 0.3
CARTON_TARE_KG_PER_CBM = 2.5


def _carton_grid(case_pack: int, dims_cm: tuple[float, float, float]) -> tuple[int, int, int]:
    """Units per carton side (a x b x c = case pack) giving the most compact carton (least surface)."""
    length, width, height = dims_cm
    best, best_area = (case_pack, 1, 1), float("inf")
    for a in range(1, case_pack + 1):
        if case_pack % a:
            continue
        rest = case_pack // a
        for b in range(1, rest + 1):
            if rest % b:
                continue
            c = rest // b
            x, y, z = a * length, b * width, c * height
            area = x * y + y * z + x * z
            if area < best_area - 1e-9:
                best, best_area = (a, b, c), area
    return best


def _platform_and_carton_columns(skus: pd.DataFrame, seed: int) -> None:
    """Add the platform listing ids and the master carton to the SKU master (in place).

    Ids come from their own generator (seeded from ``seed``), so adding them leaves every other table's random
    draws, and so the committed CSVs, unchanged. A TikTok Shop product id is a 19-digit number shared by the
    variants of one product (the sizes of an apparel style); each variant has its own 19-digit SKU id.
    ``UNLISTED_SHARE`` of the products are not listed yet (both ids empty).

    The carton packs ``case_pack_units`` units in the most compact a x b x c arrangement of the packed unit, plus
    ``CARTON_WALL_CM`` per side; its gross weight is the units plus the tare (``CARTON_TARE_KG`` +
    ``CARTON_TARE_KG_PER_CBM`` x carton CBM) [E].
    """
    rng = np.random.default_rng((int(seed), 20261201))
    style = skus["_style_code"].to_numpy()
    n_style = int(style.max()) + 1
    n = len(skus)
    product = rng.integers(10**14, 10**15, n_style)
    variant = rng.integers(10**14, 10**15, n)
    listed = (rng.random(n_style) >= UNLISTED_SHARE)[style]
    skus["platform_product_id"] = np.where(listed, np.char.add("1729", product[style].astype(str)), None)
    skus["platform_sku_id"] = np.where(listed, np.char.add("1730", variant.astype(str)), None)

    dims = skus[["length_cm", "width_cm", "height_cm"]].to_numpy(dtype=float)
    pack = skus["case_pack_units"].to_numpy(dtype=int)
    grids = {}
    cartons = np.empty((n, 3))
    for i in range(n):
        key = (int(pack[i]), *map(float, dims[i]))
        if key not in grids:
            grids[key] = _carton_grid(key[0], key[1:])
        cartons[i] = np.asarray(grids[key]) * dims[i] + CARTON_WALL_CM
    cartons = np.round(cartons * 2) / 2
    cbm = cartons.prod(axis=1) / 1e6
    skus["carton_length_cm"] = cartons[:, 0]
    skus["carton_width_cm"] = cartons[:, 1]
    skus["carton_height_cm"] = cartons[:, 2]
    skus["carton_gross_weight_kg"] = np.round(pack * skus["weight_kg"].to_numpy() + CARTON_TARE_KG
                                              + CARTON_TARE_KG_PER_CBM * cbm, 2)


def _region_prices(usd: np.ndarray, regions: np.ndarray) -> np.ndarray:
    """Price in each region's currency: UK at par in GBP terms, TH ~30% lower (SEA price level) [E]."""
    factor = np.select([regions == "US", regions == "UK"], [1.0, GBP_PER_USD * 1.05], THB_PER_USD * 0.7)
    return usd * factor


def _charm(price: np.ndarray, region: np.ndarray) -> np.ndarray:
    """Shelf prices: x.99 in USD/GBP, ...9 baht in THB."""
    price = np.asarray(price, dtype=float)
    return np.where(np.asarray(region) == "TH", np.ceil(price / 10.0) * 10 - 1, np.ceil(price) - 0.01)


def _certificates(rng: np.random.Generator, df: pd.DataFrame) -> list[str | None]:
    """Certificates each SKU should hold for its markets, with some missing on purpose.

    Electrical goods (``is_electronic``): FCC (US), CE+UKCA (UK), TISI (TH); batteries UN38.3 + MSDS; beauty
    FDA (US) and MSDS; apparel none. About 15% of electrical SKUs miss one required certificate, and the first
    UK-sold appliance always lacks both UKCA and CE (CE is accepted in GB) so readiness checks have a known case.
    """
    n = len(df)
    out: list[str | None] = []
    missing = rng.random(n) < 0.15
    drop_pick = rng.random(n)
    forced_ukca_gap = False
    for i, (cat, battery, electrical, sells) in enumerate(
            zip(df["category"], df["has_battery"], df["is_electronic"], df["_sells"])):
        req: list[str] = []
        if electrical:
            if "US" in sells:
                req.append("FCC")
            if "UK" in sells:
                req += ["CE", "UKCA"]
            if "TH" in sells:
                req.append("TISI")
        if battery:
            req += ["UN38.3", "MSDS"]
        if cat == "beauty":
            if "US" in sells:
                req.append("FDA")
            req.append("MSDS")
        req = list(dict.fromkeys(req))
        if cat == "appliances" and "UK" in sells and not forced_ukca_gap:
            req = [c for c in req if c not in ("UKCA", "CE")]  # CE is accepted in Great Britain too
            forced_ukca_gap = True
        elif missing[i] and req:
            req.pop(int(drop_pick[i] * len(req)))
        out.append(";".join(req) if req else None)
    return out


def _barcodes(rng: np.random.Generator, n: int) -> np.ndarray:
    """GS1 EAN-13 codes: China prefix 69x, a company prefix, the item reference, a valid check digit; ~7% missing."""
    company = rng.integers(10, 100) * 1000 + rng.integers(0, 1000)  # 5 digits after "69"
    item = rng.permutation(np.arange(n)) + rng.integers(0, 99_999 - n + 1)
    first12 = np.zeros((n, 12), dtype=int)
    first12[:, 0], first12[:, 1] = 6, 9
    for k, d in enumerate(f"{company:05d}"):
        first12[:, 2 + k] = int(d)
    for k in range(5):
        first12[:, 7 + k] = (item // 10 ** (4 - k)) % 10
    check = ean13_check_digit(first12)
    codes = np.array(["".join(map(str, row)) + str(c) for row, c in zip(first12, check)], dtype=object)
    codes[rng.random(n) < 0.07] = None
    return codes


# ----------------------------------------------------------------------------------------------------------------
# Sales simulation
# ----------------------------------------------------------------------------------------------------------------


@dataclass
class _Sim:
    """Simulation state shared by the later tables (SKU-region pairs and their recent demand)."""

    sales: pd.DataFrame
    pair_sku: np.ndarray  # index into the SKU table
    pair_region: np.ndarray  # region code per pair
    recent_mean: np.ndarray  # expected units/day over the last 28 days (0 if discontinued)
    base_level: np.ndarray  # current base level units/day (no campaign)
    slow: np.ndarray  # intermittent slow mover (per pair)
    uplift_type: dict[str, np.ndarray]  # per campaign type, the per-pair uplift random effect


def _simulate_sales(rng: np.random.Generator, skus: pd.DataFrame, campaigns: pd.DataFrame, end_date: date,
                    history_start: date = HISTORY_START) -> _Sim:
    n = len(skus)
    dates = pd.date_range(history_start, end_date, freq="D")
    n_days = len(dates)
    tt = np.arange(n_days)
    dow = dates.dayofweek.to_numpy()
    doy = dates.dayofyear.to_numpy()
    dom = dates.day.to_numpy()
    month = dates.month.to_numpy()
    start_ord = history_start.toordinal()

    # SKU-region pairs.
    sells = skus["_sells"].to_numpy()
    counts = np.array([len(s) for s in sells])
    pair_sku = np.repeat(np.arange(n), counts)
    pair_region = np.array([r for s in sells for r in s], dtype=object)
    n_pairs = len(pair_sku)
    cat = skus["category"].to_numpy()[pair_sku]
    style = skus["_style_code"].to_numpy()
    n_style = style.max() + 1
    pair_style = style[pair_sku]
    is_main = pair_region == skus["_main"].to_numpy()[pair_sku]
    region_idx = np.select([pair_region == "US", pair_region == "UK"], [0, 1], 2)

    # Per-style random effects (sizes of a style share demand), then per-pair.
    style_slow = rng.random(n_style) < 0.21
    style_level = np.where(style_slow, rng.uniform(0.04, 0.35, n_style), rng.lognormal(np.log(5.0), 0.95, n_style))
    size_share = np.ones(n)
    is_app = skus["size"].notna().to_numpy()
    if is_app.any():
        sz = skus["size"].map({s: i for i, s in enumerate(APPAREL_SIZES)}).to_numpy()
        share = _SIZE_SHARE[sz[is_app].astype(int)] * rng.lognormal(0, 0.15, is_app.sum())
        size_share[is_app] = share * 1.6  # a style sells more than one plain SKU
    slow = style_slow[pair_style]
    region_scale = np.where(is_main, 1.0, rng.uniform(0.15, 0.8, n_pairs))
    level = style_level[pair_style] * size_share[pair_sku] * region_scale * rng.lognormal(0, 0.2, n_pairs)
    dispersion = np.where(slow, rng.uniform(0.25, 0.8, n_pairs), rng.uniform(1.5, 12.0, n_pairs))

    # Trend: gentle log-linear growth or decline anchored at end_date; ~9% of styles turn into a steeper decline
    # after a change point and half of those are discontinued (no sales after their last day).
    style_growth = np.clip(rng.normal(0.05, 0.22, n_style), -0.45, 0.6)
    style_decline = rng.random(n_style) < 0.09
    decline_per_year = np.where(style_decline, rng.uniform(0.8, 2.0, n_style), 0.0)
    change_idx = rng.integers(int(n_days * 0.3), int(n_days * 0.8), n_style)
    discontinue = style_decline & (rng.random(n_style) < 0.5)
    end_idx_style = np.where(discontinue, np.minimum(change_idx + rng.integers(60, 240, n_style), n_days - 30), n_days)
    growth = style_growth[pair_style] + rng.normal(0, 0.05, n_pairs)
    end_idx = end_idx_style[pair_style]
    launch_idx = skus["_launch_ord"].to_numpy()[pair_sku] - start_ord
    # Markets opened later than the launch for some secondary regions.
    later = (~is_main) & (rng.random(n_pairs) < 0.25)
    launch_idx = np.where(later, np.maximum(launch_idx, rng.integers(0, max(1, n_days - 150), n_pairs)), launch_idx)
    ramp_tau = rng.uniform(7, 35, n_pairs)

    log_mu = np.log(level)[:, None] + growth[:, None] * ((tt - (n_days - 1)) / 365.25)[None, :]
    after_change = np.maximum(tt[None, :] - change_idx[pair_style][:, None], 0) / 365.25
    log_mu -= decline_per_year[pair_style][:, None] * after_change
    del after_change

    # Weekly (region shape, per-pair strength).
    wk_strength = rng.uniform(0.4, 1.6, n_pairs)
    weekly = np.stack([_WEEKLY_LOG[r][dow] for r in REGION_CODES])  # (3, D)
    log_mu += wk_strength[:, None] * weekly[region_idx]

    # Yearly bumps via amplitude matrix @ basis.
    basis = np.stack([_circular_bump(doy, peak, width) for _, peak, width in _BUMPS])  # (K, D)
    amp = np.zeros((n_pairs, len(_BUMPS)))
    season = skus["_season"].to_numpy()[pair_sku]
    sku_amp = rng.lognormal(0, 0.35, (n_style, len(_BUMPS)))[pair_style]
    for k, (bname, _, _) in enumerate(_BUMPS):
        for c, bumps in _CATEGORY_BUMP.items():
            if bname in bumps:
                amp[cat == c, k] = bumps[bname]
    k_summer = [b[0] for b in _BUMPS].index("summer")
    k_winter = [b[0] for b in _BUMPS].index("winter")
    amp[season == "summer", k_summer] = 0.9
    amp[season == "summer", k_winter] = -0.5
    amp[season == "winter", k_winter] = 0.9
    amp[season == "winter", k_summer] = -0.6
    weather = np.zeros(len(_BUMPS), dtype=bool)
    weather[[k_summer, k_winter]] = True
    amp = amp * sku_amp
    amp[region_idx == 2] *= np.where(weather, 0.15, 0.6)  # tropical TH: little weather seasonality
    log_mu += amp @ basis

    # Thai payday (25th to 1st) and monthly double days (m.m) outside the campaign double days [E].
    th = region_idx == 2
    th_log = np.log(1.08) * ((dom >= 25) | (dom == 1)) + np.log(1.35) * ((dom == month) & ~np.isin(month, [3, 6, 9, 10, 11, 12]))
    log_mu[th] += rng.uniform(0.5, 1.5, th.sum())[:, None] * th_log[None, :]

    # Persistent day-to-day drift of the level: a stationary AR(1) in logs (phi 0.93, sd 0.08-0.35 per pair), so
    # good and bad weeks cluster as in real shops instead of i.i.d. noise around a smooth curve.
    phi = 0.93
    drift = _ar1(rng.standard_normal((n_pairs, n_days)), phi)
    drift *= (rng.uniform(0.08, 0.35, n_pairs) * np.sqrt(1 - phi**2))[:, None]
    log_mu += drift
    del drift

    mu = np.exp(log_mu)
    del log_mu

    # Viral short videos: rare multi-day surges (1-5x extra on day one, decaying by a fifth a day), fast movers.
    hits = (rng.random((n_pairs, n_days), dtype=np.float32) < 1 / 400) & ~slow[:, None]
    impulse = np.zeros((n_pairs, n_days), dtype=np.float32)
    impulse[hits] = rng.uniform(1.0, 5.0, int(hits.sum()))
    del hits
    mu *= 1.0 + _ar1(impulse, 0.8)
    del impulse

    # Launch ramp, discontinuation, stockouts.
    age = tt[None, :] - launch_idx[:, None]
    mu *= np.where(age >= 0, -np.expm1(-np.maximum(age, 0) / ramp_tau[:, None]), 0.0)
    mu *= tt[None, :] < end_idx[:, None]
    for share in (0.16, 0.05):
        has = (rng.random(n_pairs) < share) & ~slow
        first_ok = np.maximum(launch_idx + 30, 0)
        so_start = first_ok + (rng.random(n_pairs) * np.maximum(n_days - first_ok - 20, 1)).astype(int)
        so_len = rng.integers(6, 36, n_pairs)
        so_start = np.where(has, so_start, n_days + 1)
        mu *= ~((tt[None, :] >= so_start[:, None]) & (tt[None, :] < (so_start + so_len)[:, None]))

    # Past campaigns: run-up (presale pulled forward), holdback, campaign days, post-campaign dip.
    camp_mult = np.ones_like(mu)
    discount = np.zeros_like(mu, dtype=np.float32)
    creator_boost = np.ones_like(mu, dtype=np.float32)
    uplift_type: dict[str, np.ndarray] = {}
    for ct in CAMPAIGN_TYPES:
        cat_fac = _CATEGORY_CAMPAIGN_FACTOR.get(ct.code, {})
        fac = np.array([cat_fac.get(c, 1.0) for c in cat])
        uplift_type[ct.code] = fac * rng.lognormal(0, 0.45, n_style)[pair_style] * rng.lognormal(0, 0.15, n_pairs)
    presale_frac = rng.uniform(0.03, 0.3, n_pairs)
    holdback = rng.uniform(0.0, 0.3, n_pairs)
    dip_depth = rng.uniform(0.05, 0.4, n_pairs)
    for c in campaigns.itertuples(index=False):
        s = (c.start_date.toordinal() - start_ord)
        e = (c.end_date.toordinal() - start_ord)
        if s - c.runup_days >= n_days or e + c.dip_days < 0:
            continue
        rows = np.flatnonzero(np.isin(pair_region, c.regions.split(";")))
        if rows.size == 0:
            continue
        year_eff = rng.lognormal(0, 0.2)
        inst_eff = rng.lognormal(0, 0.2, rows.size)
        extra = np.maximum((c.default_uplift - 1.0) * uplift_type[c.kind][rows] * year_eff * inst_eff, 0.05)
        length = e - s + 1
        profile = _campaign_profile(c.kind, length)
        # Campaign days.
        days = np.arange(s, e + 1)
        ok = (days >= 0) & (days < n_days)
        camp_mult[np.ix_(rows, days[ok])] *= 1.0 + extra[:, None] * profile[ok][None, :]
        discount[np.ix_(rows, days[ok])] = rng.uniform(0.12, 0.35, rows.size)[:, None]
        # Run-up: presale pulled forward (rising towards the start), holdback in the last three days.
        r = np.arange(1, c.runup_days + 1)
        days = s - r[::-1]
        w = (np.arange(1, c.runup_days + 1) ** 2).astype(float)
        w /= w.sum()
        pull = presale_frac[rows, None] * extra[:, None] * length * w[None, :]
        hold = np.where(r[::-1] <= 3, 1.0 - holdback[rows, None], 1.0)
        ok = (days >= 0) & (days < n_days)
        camp_mult[np.ix_(rows, days[ok])] *= (hold + pull)[:, ok]
        creator_boost[np.ix_(rows, days[ok])] = 3.0
        # Dip after the campaign.
        d = np.arange(1, c.dip_days + 1)
        days = e + d
        ok = (days >= 0) & (days < n_days)
        camp_mult[np.ix_(rows, days[ok])] *= 1.0 - dip_depth[rows, None] * np.exp(-(d[ok] - 1) / 3.0)[None, :]
        days = np.arange(s, e + 1)
        ok = (days >= 0) & (days < n_days)
        creator_boost[np.ix_(rows, days[ok])] = 5.0

    mu *= camp_mult
    np.maximum(mu, 0.0, out=mu)  # turn -0.0 (from the launch ramp) into 0.0 for the gamma draw
    recent_mean = mu[:, -28:].mean(axis=1)

    # Noise: gamma-Poisson = negative binomial with mean mu and size `dispersion`.
    shop = rng.poisson(rng.gamma(dispersion[:, None], mu / dispersion[:, None])).astype(np.int32)

    # Creator activity: live streams (3-15x spikes), short videos, affiliates; none for slow movers.
    pi, ti = np.nonzero(shop)
    chans = {"shop": (pi, ti, shop[pi, ti])}  # channel -> (pair, day, units) of the non-zero cells
    del shop
    fast = ~slow
    p_live = np.where(fast, rng.uniform(1 / 120, 1 / 30, n_pairs), 0.0)
    p_video = np.where(fast, rng.uniform(0.005, 0.05, n_pairs), 0.0)
    p_aff = np.where(fast, rng.uniform(0.005, 0.04, n_pairs), 0.0)
    for ch, p, lo, hi in (("live", p_live, 2.0, 14.0), ("video", p_video, 0.3, 1.5), ("affiliate", p_aff, 0.2, 1.0)):
        hit = (rng.random(mu.shape, dtype=np.float32) < (p[:, None] * creator_boost)) & (mu > 0)
        pi, ti = np.nonzero(hit)
        if ch == "live":
            mult = np.exp(rng.uniform(np.log(lo), np.log(hi), pi.size))  # extra over the shop day: 3-15x in total
        else:
            mult = rng.uniform(lo, hi, pi.size)
        m = mu[pi, ti] / camp_mult[pi, ti] * mult  # creator units on the level before campaign uplift
        units = rng.poisson(rng.gamma(dispersion[pi], m / dispersion[pi]))
        nz = units > 0
        chans[ch] = (pi[nz], ti[nz], units[nz])

    del camp_mult

    # Long table of non-zero rows; revenue at the region's price less campaign discount.
    price_region = _region_prices(skus["_price_usd"].to_numpy()[pair_sku], pair_region)
    price_region = _charm(price_region, pair_region)
    parts = []
    for code, (pi, ti, units) in enumerate(chans.values()):
        units = units.astype(float)
        rev = np.round(units * price_region[pi] * (1.0 - discount[pi, ti]), 2)
        parts.append((pi, ti, np.full(pi.size, code), units, rev))
    pi, ti, ci, units, rev = (np.concatenate(x) for x in zip(*parts))
    order = np.lexsort((ci, ti, region_idx[pi], pair_sku[pi]))
    pi, ti, ci, units, rev = pi[order], ti[order], ci[order], units[order], rev[order]
    sku_ids = skus["sku"].to_numpy(dtype=object)
    channel_names = np.array(list(chans), dtype=object)
    sales = pd.DataFrame({
        "date": dates.to_numpy()[ti],
        "sku": sku_ids[pair_sku[pi]],
        "units": units,
        "region": pair_region[pi],
        "channel": channel_names[ci],
        "revenue": rev,
        "currency": np.array([REGION_CURRENCY[r] for r in REGION_CODES], dtype=object)[region_idx[pi]],
    })
    return _Sim(sales, pair_sku, pair_region.astype(object), recent_mean, level, slow, uplift_type)


def _circular_bump(doy: np.ndarray, peak: int, width: float) -> np.ndarray:
    dist = np.abs(doy - peak)
    dist = np.minimum(dist, 365 - dist)
    return np.exp(-0.5 * (dist / width) ** 2)


def _campaign_profile(code: str, length: int) -> np.ndarray:
    """Relative uplift over the campaign days (mean ~1): peaks on the first and last day [E]."""
    if code == "BFCM" and length == 4:
        return np.array([1.3, 0.75, 0.7, 1.25])
    if length == 1:
        return np.ones(1)
    prof = np.full(length, 0.8)
    prof[0], prof[-1] = 1.4, 1.2
    return prof / prof.mean()


# ----------------------------------------------------------------------------------------------------------------
# Warehouses, stock, shipments, presale, creators
# ----------------------------------------------------------------------------------------------------------------

_WAREHOUSE_PROB = {  # chance a SKU-region pair is stocked at each warehouse of the region [E]
    "US": (("FBT-US", 0.6), ("3PL-US-LA", 0.5), ("3PL-US-NJ", 0.2), ("SELF-CN", 0.25)),
    "UK": (("FBT-UK", 0.6), ("3PL-UK", 0.5)),
    "TH": (("FBT-TH", 1.0),),
}


def _assign_warehouses(rng: np.random.Generator, sim: _Sim) -> pd.DataFrame:
    """SKU-region pair -> warehouses holding it (at least one per pair), with its share of the pair's demand."""
    parts = []
    for region, options in _WAREHOUSE_PROB.items():
        rows = np.flatnonzero(sim.pair_region == region)
        picks = np.stack([rng.random(rows.size) < p for _, p in options], axis=1)
        none = ~picks.any(axis=1)
        picks[none, rng.integers(0, len(options), none.sum())] = True
        weights = picks * rng.uniform(0.3, 1.0, picks.shape)
        weights /= weights.sum(axis=1, keepdims=True)
        for j, (wh, _) in enumerate(options):
            sel = picks[:, j]
            parts.append(pd.DataFrame({"pair": rows[sel], "warehouse_id": wh, "share": weights[sel, j]}))
    return pd.concat(parts, ignore_index=True).sort_values(["pair", "warehouse_id"], kind="stable", ignore_index=True)


def _stock(rng: np.random.Generator, skus: pd.DataFrame, sim: _Sim, assignment: pd.DataFrame) -> pd.DataFrame:
    """On hand = demand share x days of cover; ~35% of positions are empty, a few are heavily overstocked."""
    pair = assignment["pair"].to_numpy()
    rate = sim.recent_mean[pair] * assignment["share"].to_numpy()
    cover = rng.uniform(5, 90, pair.size)
    cover[rng.random(pair.size) < 0.06] = rng.uniform(150, 300)  # slow sellers / overstock
    on_hand = np.round(rate * cover)
    on_hand[rng.random(pair.size) < 0.35] = 0.0
    return pd.DataFrame({
        "sku": skus["sku"].to_numpy()[sim.pair_sku[pair]],
        "warehouse_id": assignment["warehouse_id"].to_numpy(),
        "on_hand_units": on_hand,
    })


def _shipments(rng: np.random.Generator, skus: pd.DataFrame, sim: _Sim, assignment: pd.DataFrame,
               campaigns: pd.DataFrame, end_date: date) -> pd.DataFrame:
    """Open inbound shipments: lines grouped by warehouse, mode and departure day; ETA after ``end_date``."""
    lanes = pd.DataFrame(FREIGHT_LANES, columns=["warehouse_id", "freight_mode", "tmin", "ttyp", "tmax", "kg", "cbm"])
    wh = pd.DataFrame(list(WAREHOUSES)).set_index("warehouse_id")
    a = assignment[(assignment["warehouse_id"] != "SELF-CN")].copy()
    a = a[(rng.random(len(a)) < 0.35) & (sim.recent_mean[a["pair"].to_numpy()] > 0.2)]
    mode_pick = rng.choice(np.array(["sea", "air", "express"], dtype=object), len(a), p=[0.6, 0.3, 0.1])
    a["freight_mode"] = mode_pick
    a = a.merge(lanes, on=["warehouse_id", "freight_mode"], how="left")
    missing_lane = a["ttyp"].isna()
    a.loc[missing_lane, "freight_mode"] = "air"  # no express lane: book air instead
    a = a.drop(columns=["tmin", "ttyp", "tmax", "kg", "cbm"]).merge(lanes, on=["warehouse_id", "freight_mode"])
    lead = (a["ttyp"].to_numpy() + wh.loc[a["warehouse_id"], "customs_days_typ"].to_numpy()
            + wh.loc[a["warehouse_id"], "receiving_days_typ"].to_numpy()
            + rng.integers(0, 8, len(a)))  # peak congestion on top of typical days
    remaining = np.ceil(rng.random(len(a)) * lead).astype(int)
    end = pd.Timestamp(end_date)
    eta = end + pd.to_timedelta(remaining, unit="D")
    departure = eta - pd.to_timedelta(lead, unit="D")
    sku_idx = sim.pair_sku[a["pair"].to_numpy()]
    pack = skus["case_pack_units"].to_numpy()[sku_idx]
    units = np.ceil(sim.recent_mean[a["pair"].to_numpy()] * a["share"].to_numpy() * rng.uniform(20, 90, len(a)) / pack) * pack
    out = pd.DataFrame({
        "shipment_id": [f"SHP-{w}-{m[:3].upper()}-{d:%y%m%d}" for w, m, d in zip(a["warehouse_id"], a["freight_mode"], departure)],
        "sku": skus["sku"].to_numpy()[sku_idx],
        "warehouse_id": a["warehouse_id"].to_numpy(),
        "units": units.astype(float),
        "freight_mode": a["freight_mode"].to_numpy(),
        "departure_date": departure.normalize(),
        "eta_date": eta.normalize(),
    })
    return out.sort_values(["shipment_id", "sku"], ignore_index=True)


def _upcoming(campaigns: pd.DataFrame, end_date: date, days: int) -> pd.DataFrame:
    return campaigns[(campaigns["end_date"] >= end_date) & (campaigns["start_date"] <= end_date + timedelta(days=days))]


def _presale(rng: np.random.Generator, skus: pd.DataFrame, sim: _Sim, campaigns: pd.DataFrame, end_date: date,
             upcoming_days: int = 60) -> pd.DataFrame:
    """Presale orders/reservations for campaigns starting within ``upcoming_days`` (TikTok pre-order 3-60 days,
    defaults.md §8)."""
    parts = []
    for c in _upcoming(campaigns, end_date, upcoming_days).itertuples(index=False):
        rows = np.flatnonzero(np.isin(sim.pair_region, c.regions.split(";")) & ~sim.slow & (sim.recent_mean > 0))
        rows = rows[rng.random(rows.size) < 0.45]
        days = (c.end_date - c.start_date).days + 1
        extra = (c.default_uplift - 1.0) * sim.uplift_type[c.kind][rows]
        expected = sim.base_level[rows] * (1 + extra) * days
        units = np.round(expected * rng.uniform(0.03, 0.4, rows.size) * rng.lognormal(0, 0.3, rows.size))
        keep = units > 0
        parts.append(pd.DataFrame({
            "sku": skus["sku"].to_numpy()[sim.pair_sku[rows[keep]]],
            "campaign_id": c.campaign_id,
            "region": sim.pair_region[rows[keep]],
            "presale_units": units[keep],
            "deposit_paid": rng.random(keep.sum()) < 0.3,  # deposits 20-50% of price where taken, defaults.md §8
        }))
    cols = ["sku", "campaign_id", "region", "presale_units", "deposit_paid"]
    if not parts:
        return pd.DataFrame(columns=cols)
    return pd.concat(parts, ignore_index=True).sort_values(["campaign_id", "sku", "region"], ignore_index=True)


def _creators(rng: np.random.Generator, skus: pd.DataFrame, sim: _Sim, campaigns: pd.DataFrame, end_date: date,
              upcoming_days: int = 60) -> pd.DataFrame:
    """Live-stream / video schedule for the coming campaigns (run-up and campaign days), top sellers first."""
    parts = []
    for c in _upcoming(campaigns, end_date, upcoming_days).itertuples(index=False):
        for region in c.regions.split(";"):
            rows = np.flatnonzero((sim.pair_region == region) & ~sim.slow & (sim.recent_mean > 0))
            if rows.size == 0:
                continue
            top = rows[np.argsort(-sim.recent_mean[rows], kind="stable")[: max(1, rows.size // 3)]]
            n_sessions = rng.integers(1, 4, top.size)
            pr = np.repeat(top, n_sessions)
            first = max(c.start_date - timedelta(days=c.runup_days), end_date + timedelta(days=1))
            span = (c.end_date - first).days + 1
            day = [first + timedelta(days=int(x)) for x in rng.integers(0, max(span, 1), pr.size)]
            names = np.array(_CREATORS[region], dtype=object)
            parts.append(pd.DataFrame({
                "date": day,
                "sku": skus["sku"].to_numpy()[sim.pair_sku[pr]],
                "creator": names[rng.integers(0, len(names), pr.size)],
                "region": region,
                "expected_units": np.round(sim.base_level[pr] * rng.uniform(3, 15, pr.size)),
            }))
    cols = ["date", "sku", "creator", "region", "expected_units"]
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)
    out = out[out["expected_units"] > 0]
    out = out.drop_duplicates(["date", "sku", "creator", "region"])
    return out.sort_values(["date", "region", "sku", "creator"], ignore_index=True)


def _freight_lanes() -> pd.DataFrame:
    df = pd.DataFrame(FREIGHT_LANES, columns=["warehouse_id", "freight_mode", "transit_days_min", "transit_days_typ",
                                              "transit_days_max", "rate_per_kg", "rate_per_cbm"])
    df["volumetric_divisor"] = df["freight_mode"].map(VOLUMETRIC_DIVISOR)
    return df


def _last_mile() -> pd.DataFrame:
    rows = [(wh, w, fee) for wh, bands in LAST_MILE.items() for w, fee in bands]
    return pd.DataFrame(rows, columns=["warehouse_id", "max_weight_kg", "fee_per_parcel"])


# ----------------------------------------------------------------------------------------------------------------
# Frames per schema, CSV formatting
# ----------------------------------------------------------------------------------------------------------------


def _conform(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """Columns in schema order with schema dtypes: date -> datetime64, int -> int64, float -> float64,
    bool -> bool, str -> object with None for missing."""
    out = {}
    for col in spec.columns:
        s = frame[col.name] if col.name in frame else pd.Series([None] * len(frame), index=frame.index)
        if col.dtype in ("date", "datetime"):
            s = pd.to_datetime(s).astype("datetime64[ns]")
        elif col.dtype == "int":
            s = s.astype("int64")
        elif col.dtype == "float":
            s = s.astype("float64")
        elif col.dtype == "bool":
            s = s.astype(bool)
        else:
            s = s.astype(object).where(s.notna(), None)
        out[col.name] = s.to_numpy()
    return pd.DataFrame(out)


def _csv_ready(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    out = frame.copy()
    for col in spec.columns:
        if col.name not in out:
            continue
        s = out[col.name]
        if col.dtype == "date":
            codes, uniques = pd.factorize(s)  # format each distinct day once (sales has ~900 days, millions of rows)
            text = np.asarray(pd.DatetimeIndex(uniques).strftime("%Y-%m-%d"), dtype=object)
            out[col.name] = np.where(codes >= 0, text[np.maximum(codes, 0)] if len(text) else None, None)
        elif col.dtype == "float":
            whole = s.dropna()
            if len(whole) and np.all(np.mod(whole, 1) == 0):
                out[col.name] = s.astype("Int64")
            else:
                out[col.name] = s.round(2)
        elif col.dtype == "bool":
            out[col.name] = s.map({True: "true", False: "false"})
    return out
