"""Campaign calendar and public holidays as the forecasting models see them.

* :func:`campaign_key` normalises a campaign id/name to a campaign type (``BFCM``, ``11.11``,
  ``12.12``, ``9.9``, ``10.10``, ``year-end``, ``back-to-school``, ``summer``...), so this year's
  campaign is matched with last year's same campaign.
* :func:`campaign_days` expands ``campaigns.csv`` into one row per (campaign, region, day).
* :func:`campaign_mask` marks campaign days per series (by the series' region).
* :func:`holiday_frame` builds Prophet's holidays frame (``holiday, ds, lower_window, upper_window``)
  from past campaigns of a region plus the region's public holidays from the ``holidays`` package.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

# Ordered: the first pattern that matches wins (numeric keys before words such as "year").
_KEY_PATTERNS: tuple[tuple[str, str], ...] = (
    ("11.11", r"(?<!\d)11[.\-_ ]?11(?!\d)|singles"),
    ("12.12", r"(?<!\d)12[.\-_ ]?12(?!\d)|double ?12"),
    ("9.9", r"(?<!\d)9[.\-_ ]9(?!\d)|(?<!\d)0?9[.\-_]0?9(?!\d)"),
    ("10.10", r"(?<!\d)10[.\-_ ]10(?!\d)"),
    ("BFCM", r"bfcm|black ?friday|cyber ?monday|(?<![a-z])bf(?![a-z])|thanksgiving"),
    ("summer-sale", r"prime ?day|deals ?for ?you|summer ?sale"),
    ("back-to-school", r"back ?-?to ?-?school|(?<![a-z])bts(?![a-z])|school"),
    ("year-end", r"year ?-?end|new ?year|boxing|christmas|xmas|holiday ?sale|end ?of ?year"),
    ("valentines", r"valentine"),
    ("mothers-day", r"mother"),
)


def campaign_key(campaign_id: str, name: str = "") -> str:
    """Campaign type shared by the same campaign across years, e.g. ``"BFCM-2025" -> "BFCM"``.

    Recognised types are listed in ``_KEY_PATTERNS``; otherwise the id with any 4-digit year removed,
    upper-cased (``"SPRING-2025" -> "SPRING"``); a month / occurrence number after the year is dropped too
    (``"SNAP-CA-2015-03" -> "SNAP-CA"``), so frequent short promotions of one kind share a key.
    """
    text = f"{campaign_id} {name}".lower()
    text_no_year = re.sub(r"(?<!\d)(19|20)\d{2}(?!\d)", " ", text)
    double_day = re.search(r"(?<![\d.])(\d{1,2})\.(\d{1,2})(?![\d.])", text_no_year)
    if double_day and double_day.group(1) == double_day.group(2) and double_day.group(1) not in ("11", "12", "9", "10"):
        return f"{int(double_day.group(1))}.{int(double_day.group(1))}"  # other double days: 3.3, 6.6, 8.8...
    for key, pat in _KEY_PATTERNS:
        if re.search(pat, text_no_year):
            return key
    had_year = re.search(r"(?<!\d)(19|20)\d{2}(?!\d)", str(campaign_id)) is not None
    base = re.sub(r"(?<!\d)(19|20)\d{2}(?!\d)", "", str(campaign_id))
    base = re.sub(r"[\s_\-./#]+", "-", base).strip("-").upper()
    if had_year:  # an occurrence counter after the year ("SNAP-CA-2015-03", "FLASH-2025-12") is not the type
        base = re.sub(r"(-\d{1,2})+$", "", base)
    return base or str(campaign_id).upper()


def normalise_campaigns(campaigns: pd.DataFrame) -> pd.DataFrame:
    """Copy with parsed dates, a ``key`` column and a ``region_list`` column (list of regions)."""
    missing = [c for c in ("campaign_id", "regions", "start_date", "end_date") if c not in campaigns.columns]
    if missing:
        raise ValueError(f"campaigns is missing column(s) {missing}; see linkstar_analytics/schemas.py CAMPAIGNS")
    c = campaigns.copy()
    c["campaign_id"] = c["campaign_id"].astype(str)
    c["start_date"] = pd.to_datetime(c["start_date"]).dt.normalize()
    c["end_date"] = pd.to_datetime(c["end_date"]).dt.normalize()
    bad = c[c["end_date"] < c["start_date"]]
    if len(bad):
        raise ValueError(f"campaign {bad['campaign_id'].iloc[0]!r}: end_date is before start_date; fix the dates")
    names = c["name"].astype(str) if "name" in c.columns else pd.Series("", index=c.index)
    c["key"] = [campaign_key(i, n) for i, n in zip(c["campaign_id"], names)]
    c["region_list"] = [[r.strip() for r in str(x).split(";") if r.strip()] for x in c["regions"]]
    if "default_uplift" not in c.columns:
        c["default_uplift"] = np.nan
    return c


def campaign_days(campaigns: pd.DataFrame) -> pd.DataFrame:
    """One row per ``campaign_id, key, region, date`` (every day from start_date to end_date)."""
    c = normalise_campaigns(campaigns)
    rows = []
    for rec in c.itertuples(index=False):  # campaigns are few (tens); not a per-SKU loop
        days = pd.date_range(rec.start_date, rec.end_date, freq="D")
        for region in rec.region_list:
            rows.append(pd.DataFrame({"campaign_id": rec.campaign_id, "key": rec.key, "region": region, "date": days,
                                      "day_index": np.arange(len(days))}))
    if not rows:
        return pd.DataFrame(columns=["campaign_id", "key", "region", "date", "day_index"])
    return pd.concat(rows, ignore_index=True)


def campaign_mask(campaigns: pd.DataFrame, regions: np.ndarray, dates: pd.DatetimeIndex) -> np.ndarray:
    """Bool ``[n_series, n_days]``: True where a campaign of the series' region runs that day."""
    days = campaign_days(campaigns)
    uniq = pd.unique(np.asarray(regions, dtype=object))
    by_region = np.zeros((len(uniq), len(dates)), dtype=bool)
    for i, r in enumerate(uniq):
        d = days.loc[days["region"] == r, "date"]
        idx = dates.get_indexer(pd.DatetimeIndex(d))
        by_region[i, idx[idx >= 0]] = True
    return by_region[pd.Index(uniq).get_indexer(regions)]


def public_holidays(region: str, years: list[int]) -> pd.DataFrame:
    """Public holidays of a region (``holidays`` package): ``holiday, ds``; empty for unknown regions."""
    import holidays as hol

    try:
        cal = hol.country_holidays("GB" if region == "UK" else region, years=years)
    except (NotImplementedError, KeyError, AttributeError):
        return pd.DataFrame(columns=["holiday", "ds"])
    items = sorted(cal.items())
    return pd.DataFrame({"holiday": [f"ph_{n}" for _, n in items], "ds": pd.to_datetime([d for d, _ in items])})


def holiday_frame(campaigns: pd.DataFrame | None, region: str, *, history_end: pd.Timestamp,
                  years: list[int]) -> pd.DataFrame:
    """Prophet holidays frame for one region: campaign days up to ``history_end`` (named by campaign key,
    so the effect is learned in history but not projected: the forecast stays the baseline) plus public
    holidays of the region for ``years`` (these are part of the baseline and are projected)."""
    parts = [public_holidays(region, years).assign(lower_window=0, upper_window=0)]
    if campaigns is not None and len(campaigns):
        d = campaign_days(campaigns)
        d = d[(d["region"] == region) & (d["date"] <= history_end)]
        if len(d):
            parts.append(pd.DataFrame({"holiday": "camp_" + d["key"].astype(str) + "_d" + d["day_index"].clip(upper=6).astype(str),
                                       "ds": d["date"], "lower_window": 0, "upper_window": 0}))
    out = pd.concat(parts, ignore_index=True)
    return out.drop_duplicates(["holiday", "ds"]).reset_index(drop=True)
