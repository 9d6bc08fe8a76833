"""Campaign calendar helpers: which campaign is next, and how many days are left to its deadlines."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd


@dataclass(frozen=True)
class CampaignCountdown:
    """Days from ``today`` to a campaign's declaration deadline, inbound cutoff and start (negative = passed)."""

    campaign_id: str
    name: str
    regions: str
    start_date: date
    end_date: date
    declaration_deadline: date
    inbound_cutoff: date
    days_to_deadline: int
    days_to_cutoff: int
    days_to_start: int

    @property
    def deadline_passed(self) -> bool:
        return self.days_to_deadline < 0


#: Environment variable that fixes the planning date (``YYYY-MM-DD``): a pre-campaign review replayed later, a demo,
#: the test suite. Unset or invalid: the machine's date.
TODAY_ENV = "LINKSTAR_TODAY"


def planning_today() -> date:
    """The date the app plans from: ``$LINKSTAR_TODAY`` when set to a valid ISO date, else today."""
    text = os.environ.get(TODAY_ENV, "").strip()
    if text:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            pass
    return date.today()


def _as_date(value: object) -> date:
    return pd.Timestamp(value).date()


def countdown(campaign: pd.Series | dict, today: date) -> CampaignCountdown:
    """Countdown for one campaign row (columns as in ``schemas.CAMPAIGNS``)."""
    row = dict(campaign)
    start = _as_date(row["start_date"])
    deadline = _as_date(row["declaration_deadline"])
    cutoff = _as_date(row["inbound_cutoff"])
    return CampaignCountdown(
        campaign_id=str(row["campaign_id"]),
        name=str(row["name"]),
        regions=str(row.get("regions", "")),
        start_date=start,
        end_date=_as_date(row["end_date"]),
        declaration_deadline=deadline,
        inbound_cutoff=cutoff,
        days_to_deadline=(deadline - today).days,
        days_to_cutoff=(cutoff - today).days,
        days_to_start=(start - today).days,
    )


def upcoming_campaigns(campaigns: pd.DataFrame, today: date) -> pd.DataFrame:
    """Campaigns that have not ended by ``today``, soonest start first."""
    if campaigns.empty:
        return campaigns
    end = pd.to_datetime(campaigns["end_date"]).dt.date
    out = campaigns.loc[end >= today].copy()
    return out.sort_values(["start_date", "campaign_id"]).reset_index(drop=True)


def default_campaign_id(campaigns: pd.DataFrame, today: date,
                        latest_po: Mapping[str, object] | pd.Series | None = None) -> str | None:
    """The campaign a planner most likely works on today.

    With ``latest_po`` (campaign id -> the last day a purchase order can still be placed for it on its
    most forgiving lane, see ``supply.latest_po_by_campaign``): the first upcoming campaign that can
    still be planned, i.e. whose latest PO date is today or later. Without it, or when no upcoming
    campaign can still be planned: the first upcoming campaign whose declaration deadline has not
    passed; if every upcoming campaign's deadline has passed, the soonest upcoming one. ``None`` when
    nothing is upcoming.
    """
    upcoming = upcoming_campaigns(campaigns, today)
    if upcoming.empty:
        return None
    if latest_po is not None:
        po = pd.to_datetime(upcoming["campaign_id"].astype(str).map(dict(latest_po)))
        plannable = upcoming.loc[(po >= pd.Timestamp(today)).to_numpy(dtype=bool)]
        if not plannable.empty:
            return str(plannable.iloc[0]["campaign_id"])
    open_ = upcoming.loc[pd.to_datetime(upcoming["declaration_deadline"]).dt.date >= today]
    chosen = open_ if not open_.empty else upcoming
    return str(chosen.iloc[0]["campaign_id"])
