"""One Scenario: every lever of the stock-up plan, with its unit, range and default.

A :class:`Scenario` is frozen and hashable (so it can key a cache), validates on construction
(a ``ValueError`` naming the lever, the value, the allowed range and the fix), and travels as
JSON (saved scenarios) or as short URL query parameters (the share link):

=====  ==========================  =========================================================
key    lever                       example
=====  ==========================  =========================================================
ds     dataset_version             ``ds=3``
c      campaign_id                 ``c=BFCM-2026``
pc     presale_conversion_pct      ``pc=20``
dc     deposit_conversion_pct      ``dc=75``
up     uplift_multiplier           ``up=1.2``
bd     buffer_days                 ``bd=10``
sl     service_level_pct           ``sl=97.5``
mix    warehouse_mix               ``mix=US:FBT-US=60,3PL-US-LA=40;UK:FBT-UK=100``
fm     freight_mode                ``fm=FBT-US:air,3PL-US-LA:sea``
fx     fx (CNY per unit)           ``fx=USD:7.12,GBP:9.05``
cur    display_currency            ``cur=USD``
cd     cover_days                  ``cd=21``
lt     lead_time_case              ``lt=pessimistic``
ks     key_sku_count               ``ks=30``
rl     redundancy_limit_pct        ``rl=70``
dsp    disposal                    ``dsp=destroy``
moq    moq_policy                  ``moq=need``
fl     focus_lever                 ``fl=bd`` (the short key of a numeric lever)
fc     forecast_model              ``fc=prophet``
uo     uplift_overrides            ``uo=AL00015|UK:1.8,HM00019|US:4`` (x baseline, this campaign)
bo     baseline_overrides          ``bo=AL00015|UK:1.2`` (x the forecast baseline, every day)
pol    policy                      ``pol=profit`` (service level, or maximise expected profit)
fo     force_order                 ``fo=AP0002-L,BT00039`` (order these SKUs even at a negative margin; ``*`` = all)
ep     pool_level_pct              ``ep=99.5`` (emergency pool: top the key SKUs up to this demand quantile)
ec     pool_creator_units          ``ec=300`` (a creator session expected to sell this many makes its SKU a candidate)
dstep  duty_step                   ``dstep=US:2026-11-10:+24`` (market:date:percentage points; lines at the port
                                   on or after the date pay the duty rate + the points)
ff     freight_multiplier          ``ff=air:1.3,sea:1.2`` (x the first-leg freight of each mode)
fxs    fx_shock_pct                ``fxs=-5`` (every foreign currency moves -5 % against CNY, on top of ``fx``)
dp     deposit_pct                 ``dp=30`` (supplier deposit at the PO, % of the purchase; the rest at shipment)
st     settlement_days             ``st=15`` (days from a sale to the platform's payout)
cc     cash_ceiling_cny            ``cc=2000000`` (most cash the plan may need at once, CNY; empty = no ceiling)
sw     second_wave                 ``sw=air`` (stock the season's later campaigns by a second wave; ``off`` = none)
=====  ==========================  =========================================================

Only values that differ from the default are written. Inside ``mix``/``fm``/``fx``/``uo``/``fo``/``dstep``/``ff`` the characters
``% ; : = ,`` of a warehouse id, region or currency are percent-escaped (``%25 %3B %3A %3D %2C``),
so any id (Chinese, punctuation) survives the round trip; the URL layer then escapes the whole value
once more as usual. :func:`Scenario.from_query_params` never raises: a malformed, out-of-range or
unknown parameter falls back to the lever's default and adds a readable notice.
"""

from __future__ import annotations

import json
import math
import numbers
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

from linkstar_analytics.cost.defaults import default_fx_rates
from linkstar_analytics.cost.fx import apply_fx_shock
from linkstar_analytics.schemas import CURRENCIES, FREIGHT_MODES, REGIONS

__all__ = [
    "DEFAULT_FX_CNY_PER_UNIT",
    "DISPLAY_CURRENCIES",
    "DISPOSAL_OPTIONS",
    "FOCUS_LEVERS",
    "FORECAST_MODELS",
    "LEAD_TIME_CASES",
    "LEVERS",
    "MOQ_POLICIES",
    "ORDER_POLICIES",
    "RESERVED_STOCK_OPTIONS",
    "SAVED_BEFORE_LEVER",
    "SECOND_WAVE_MODES",
    "FrozenMap",
    "LeverSpec",
    "Scenario",
    "diff",
]

#: Planning FX rates, CNY per one unit of the currency: ``cost.defaults.default_fx_rates()`` (one table
#: for the whole product; [E] planning estimates, see its docstring). Override them in the scenario (``fx``).
DEFAULT_FX_CNY_PER_UNIT: Mapping[str, float] = MappingProxyType({
    str(c): float(r) for c, r in zip(default_fx_rates()["currency"], default_fx_rates()["cny_per_unit"])
})

DISPLAY_CURRENCIES: tuple[str, ...] = ("CNY", "USD", "GBP", "THB")
LEAD_TIME_CASES: tuple[str, ...] = ("typical", "pessimistic")
DISPOSAL_OPTIONS: tuple[str, ...] = ("destroy", "return", "liquidate")
#: SKUs whose total need is below the supplier MOQ: ``up`` raise to the MOQ, ``skip`` order nothing,
#: ``need`` order the need only (MOQ negotiated / stock lot). Same table as ``plan.quantities.MOQ_POLICIES``.
MOQ_POLICIES: tuple[str, ...] = ("up", "skip", "need")
#: How much each line orders: ``service`` = the quantity for the service level; ``profit`` = the newsvendor
#: quantity that maximises expected profit (``F(Q*) = cu / (cu + co)``, margin vs overage cost).
ORDER_POLICIES: tuple[str, ...] = ("service", "profit")
#: The season's second wave (``plan.season``): ``off`` = the plan's order only; a freight mode = the later campaigns'
#: units by a second wave of that mode where it beats stocking them up front (the rest up front).
SECOND_WAVE_MODES: tuple[str, ...] = ("off", *FREIGHT_MODES)
#: Campaign stock reservation (``plan.engine.timing``): ``on`` = the plan's order is declared campaign stock, reserved
#: for the campaign: it sells from the campaign's first day (then, once the campaign is over, as ordinary stock), so
#: ordinary demand before the campaign is served only by the stock already there or in transit; ``off`` = the order
#: sells from the day it is sellable at the warehouse.
RESERVED_STOCK_OPTIONS: tuple[str, ...] = ("on", "off")
#: ``force_order`` value that forces every SKU.
FORCE_ALL = "*"
#: Forecast the plan is built on: ``auto`` picks per SKU by backtest; the others force one model.
FORECAST_MODELS: tuple[str, ...] = ("auto", "ets", "prophet", "intermittent", "naive")
#: Numeric levers the sensitivity (what-if) curve can sweep.
FOCUS_LEVERS: tuple[str, ...] = (
    "service_level_pct",
    "presale_conversion_pct",
    "deposit_conversion_pct",
    "uplift_multiplier",
    "buffer_days",
    "cover_days",
    "deposit_pct",
    "settlement_days",
)

_MAX_ID_CHARS = 64
#: At most this many SKU x market splits in ``sku_mix`` (each is one entry in the link).
_MAX_SKU_MIX_ENTRIES = 300
_MAX_PARAM_CHARS = 4000
#: The per-SKU mix holds up to _MAX_SKU_MIX_ENTRIES splits of about 40 characters each.
_MAX_SKU_MIX_PARAM_CHARS = 16000
_MAX_FX = 1.0e6
_MIN_UPLIFT_OVERRIDE = 0.1
_MAX_UPLIFT_OVERRIDE = 50.0
#: A planner's correction of a series' forecast baseline (x forecast): a delisting at 0.1x to a tenfold relaunch.
_MIN_BASELINE_OVERRIDE = 0.1
_MAX_BASELINE_OVERRIDE = 10.0
#: A tariff step, percentage points on the duty rate: a full cut (-100) to the 2025 peak of +125 and beyond (defaults.md
#: section 3.1: the IEEPA reciprocal tariff went 34 -> 84 -> 125 % in April 2025).
_MIN_DUTY_STEP_PP = -100.0
_MAX_DUTY_STEP_PP = 200.0
#: Freight multiplier per mode: a rate cut to five times the rate (peak air went from $4-8 to $8-10/kg in 2025,
#: FCL +15-20 % in peak; defaults.md section 2).
_MIN_FREIGHT_MULT = 0.5
_MAX_FREIGHT_MULT = 5.0
#: Platform payout delay after a sale, days: not in defaults.md; TikTok Shop pays an order out a set number of days
#: after delivery (the seller centre's settlement period), 15 days from the sale is a planning estimate [E].
DEFAULT_SETTLEMENT_DAYS = 15
_MAX_CASH_CEILING_CNY = 10**12


def _fmt_num(x: float) -> str:
    """Shortest text that parses back to the same float ('25' for 25.0, '97.5', '1e-05')."""
    x = float(x)
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


class FrozenMap(Mapping[str, Any]):
    """A read-only, hashable mapping (keys sorted) so a Scenario can key a cache.

    Compares equal to a plain ``dict`` with the same items.
    """

    __slots__ = ("_items", "_dict")

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        d = dict(data or {})
        self._items: tuple[tuple[str, Any], ...] = tuple(sorted(d.items(), key=lambda kv: kv[0]))
        self._dict = dict(self._items)

    def __getitem__(self, key: str) -> Any:
        return self._dict[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._dict)

    def __len__(self) -> int:
        return len(self._dict)

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._dict == dict(other.items())
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._dict!r})"

    def to_dict(self) -> dict[str, Any]:
        """Plain nested dicts (JSON-ready)."""
        return {k: (v.to_dict() if isinstance(v, FrozenMap) else v) for k, v in self._items}


@dataclass(frozen=True)
class LeverSpec:
    """One lever: field name, URL key, label, unit, range (numeric) or choices, default and source."""

    name: str
    key: str
    label: str
    unit: str
    default: Any
    min_value: float | None = None
    max_value: float | None = None
    choices: tuple[str, ...] | None = None
    kind: Literal["int", "float", "choice", "str", "optional_int", "mix", "skumix", "freight", "fx", "uplift", "keys",
                  "dstep",
                  "factors"] = "float"
    help: str = ""

    def range_text(self) -> str:
        if self.choices is not None:
            return "one of " + ", ".join(self.choices)
        if self.min_value is not None and self.max_value is not None:
            return f"{_fmt_num(self.min_value)}-{_fmt_num(self.max_value)} {self.unit}".rstrip()
        return self.help


#: Every lever, in display order. The UI builds its widgets from this table.
LEVERS: dict[str, LeverSpec] = {
    s.name: s
    for s in (
        LeverSpec("dataset_version", "ds", "Dataset version", "", None, 1, 2**31 - 1, kind="optional_int",
                  help="a stored dataset version (>= 1), or empty for the active dataset"),
        LeverSpec("campaign_id", "c", "Campaign", "", "", kind="str",
                  help="a campaign id from the campaigns table, or empty for the next campaign"),
        LeverSpec("presale_conversion_pct", "pc", "Presale conversion", "%", 25.0, 0.0, 100.0,
                  help="share of presale reservations (no deposit) that become orders; usually below 30% "
                       "(workflow.md pitfalls; defaults.md section 8)"),
        LeverSpec("deposit_conversion_pct", "dc", "Deposit conversion", "%", 70.0, 0.0, 100.0,
                  help="share of deposit-paid presale orders that pay the balance; 60-85% [E] (defaults.md section 8)"),
        LeverSpec("uplift_multiplier", "up", "Uplift multiplier", "x", 1.0, 0.3, 3.0,
                  help="scales the estimated campaign-day uplift over the baseline"),
        LeverSpec("buffer_days", "bd", "Buffer days", "days", 7, 0, 30, kind="int",
                  help="safety days between planned arrival and the inbound cutoff; 7-10 in peak season "
                       "(workflow.md pitfalls; defaults.md section 1.6)"),
        LeverSpec("service_level_pct", "sl", "Service level", "%", 95.0, 50.0, 99.9,
                  help="probability of not running out over the cover window (cycle service level)"),
        LeverSpec("policy", "pol", "Order policy", "", "service", choices=ORDER_POLICIES, kind="choice",
                  help="service = order for the service level; profit = order the quantity that maximises expected "
                       "profit (margin of a unit sold vs the cost of a unit left over)"),
        LeverSpec("warehouse_mix", "mix", "Warehouse mix", "% per region", FrozenMap(), kind="mix",
                  help="region -> {warehouse_id: share %}; empty = default split by fulfilment mode from the data"),
        LeverSpec("sku_mix", "smix", "Warehouse mix per SKU", "% per SKU and market", FrozenMap(), kind="skumix",
                  help="'SKU|REGION' -> {warehouse_id: share %} replacing the market's mix for that SKU (e.g. the "
                       "units an FBT quota refuses moved, with their demand, to a 3PL or self-ship warehouse)"),
        LeverSpec("freight_mode", "fm", "Freight mode", "", FrozenMap(), choices=FREIGHT_MODES, kind="freight",
                  help="warehouse_id -> sea, air or express; warehouses not listed ship by sea"),
        LeverSpec("fx", "fx", "FX rates", "CNY per unit", FrozenMap(), 0.0, _MAX_FX, kind="fx",
                  help="currency -> CNY per unit; currencies not listed use DEFAULT_FX_CNY_PER_UNIT"),
        LeverSpec("display_currency", "cur", "Display currency", "", "CNY", choices=DISPLAY_CURRENCIES,
                  kind="choice"),
        LeverSpec("cover_days", "cd", "Cover after campaign", "days", 14, 0, 60, kind="int",
                  help="days after the campaign end the stock must still cover"),
        LeverSpec("lead_time_case", "lt", "Lead-time case", "", "typical", choices=LEAD_TIME_CASES, kind="choice"),
        LeverSpec("key_sku_count", "ks", "Key SKUs", "SKUs", 20, 0, 100_000, kind="int",
                  help="top N SKUs by revenue checked for single-warehouse concentration"),
        LeverSpec("redundancy_limit_pct", "rl", "Max share in one warehouse", "%", 80.0, 0.0, 100.0,
                  help="a key SKU with more than this share of its units in one warehouse is flagged"),
        LeverSpec("disposal", "dsp", "Unsold-stock option", "", "liquidate", choices=DISPOSAL_OPTIONS,
                  kind="choice"),
        LeverSpec("moq_policy", "moq", "Below-MOQ SKUs", "", "up", choices=MOQ_POLICIES, kind="choice",
                  help="a SKU whose need is below its supplier MOQ: up = top it up to the MOQ where the units earn "
                       "most (skipped when the MOQ costs more than it saves), skip = order nothing, need = order the "
                       "need only (negotiate the MOQ)"),
        LeverSpec("force_order", "fo", "Force-order SKUs", "SKUs", (), kind="keys",
                  help="SKUs ordered even where a unit sold loses money (negative expected margin); '*' = every SKU"),
        LeverSpec("focus_lever", "fl", "What-if lever", "", "service_level_pct", choices=FOCUS_LEVERS,
                  kind="choice", help="the lever the sensitivity curve sweeps"),
        LeverSpec("forecast_model", "fc", "Forecast model", "", "auto", choices=FORECAST_MODELS, kind="choice",
                  help="auto = best model per SKU by rolling backtest; or force ets, prophet, intermittent, naive"),
        LeverSpec("uplift_overrides", "uo", "Uplift overrides", "x baseline", FrozenMap(), _MIN_UPLIFT_OVERRIDE,
                  _MAX_UPLIFT_OVERRIDE, kind="uplift",
                  help="'SKU|REGION' -> campaign-day uplift (x baseline) replacing the estimate for this campaign"),
        LeverSpec("baseline_overrides", "bo", "Baseline overrides", "x forecast", FrozenMap(), _MIN_BASELINE_OVERRIDE,
                  _MAX_BASELINE_OVERRIDE, kind="uplift",
                  help="'SKU|REGION' -> factor on the forecast baseline of that series on every day (a price change, "
                       "a new listing, a delisting the history cannot show); campaign effects apply on top"),
        LeverSpec("pool_level_pct", "ep", "Emergency pool level", "%", 99.0, 50.0, 99.9,
                  help="the emergency pool tops each candidate SKU's market up to this quantile of its campaign "
                       "demand (above the service level; at or below it there is no pool)"),
        LeverSpec("pool_creator_units", "ec", "Creator session for the pool", "units", 500, 0, 1_000_000, kind="int",
                  help="a creator or live-stream session expected to sell at least this many units in the window "
                       "makes its SKU a pool candidate (besides the key SKUs)"),
        LeverSpec("duty_step", "dstep", "Duty step", "percentage points", FrozenMap(), _MIN_DUTY_STEP_PP,
                  _MAX_DUTY_STEP_PP, kind="dstep",
                  help="market -> {from: date, pct_points}: lines reaching the port on or after the date pay the "
                       "duty rate + the points, earlier lines the old rate (a tariff change; defaults.md section 3.1)"),
        LeverSpec("freight_multiplier", "ff", "Freight multiplier", "x freight", FrozenMap(), _MIN_FREIGHT_MULT,
                  _MAX_FREIGHT_MULT, kind="factors",
                  help="mode -> factor on the first-leg freight (a peak surcharge); modes not listed x1"),
        LeverSpec("fx_shock_pct", "fxs", "FX shock", "%", 0.0, -50.0, 50.0,
                  help="every foreign currency moves this % against CNY, on top of the FX rates (-5 = 5 % fewer CNY "
                       "per USD, GBP, THB)"),
        LeverSpec("deposit_pct", "dp", "Supplier deposit", "%", 30.0, 0.0, 100.0,
                  help="share of the purchase paid to the supplier at the PO; the balance is paid at shipment "
                       "(a SKU's own deposit_pct in the SKU master wins); 30/70 is the common term [E]"),
        LeverSpec("settlement_days", "st", "Platform settlement", "days", DEFAULT_SETTLEMENT_DAYS, 0, 90, kind="int",
                  help="days from a sale until the platform pays it out, net of its commission (settlement period "
                       "after delivery; 15 days is a planning estimate [E])"),
        LeverSpec("cash_ceiling_cny", "cc", "Cash ceiling", "CNY", None, 0, _MAX_CASH_CEILING_CNY,
                  kind="optional_int",
                  help="most cash the plan may need at once (the trough of the net cash position), in CNY; the plan "
                       "trims its lowest-value units first to respect it; empty = no ceiling"),
        LeverSpec("second_wave", "sw", "Second wave", "", "off", choices=SECOND_WAVE_MODES, kind="choice",
                  help="off = the plan's order only; air, express or sea = the season's later campaigns stocked by a "
                       "second wave of that mode where it is cheaper than stocking them up front (plan/season.py)"),
        LeverSpec("reserved_stock", "rsv", "Campaign stock reserved", "", "on", choices=RESERVED_STOCK_OPTIONS,
                  kind="choice",
                  help="on = the order is declared campaign stock: reserved for the campaign, it sells from the "
                       "campaign's first day, so ordinary demand before the campaign relies on the stock already "
                       "there; off = the order sells from the day it is sellable at the warehouse"),
    )
}

_KEY_TO_NAME: dict[str, str] = {s.key: s.name for s in LEVERS.values()}


# ----------------------------------------------------------------------------------------------
# validation helpers (raise ValueError naming lever, value, range and fix)
# ----------------------------------------------------------------------------------------------

def _err(name: str, value: Any, fix: str) -> ValueError:
    spec = LEVERS[name]
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return ValueError(f"{name} ({spec.label}) must be {spec.range_text()} (got {shown}); {fix}")


def _check_text_id(name: str, what: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name}: {what} must be text (got {value!r}); pass it as a string")
    if not value or len(value) > _MAX_ID_CHARS:
        raise ValueError(f"{name}: {what} must have 1-{_MAX_ID_CHARS} characters (got {value!r}); "
                         "use the id exactly as in the data")
    if value != value.strip():
        raise ValueError(f"{name}: {what} {value!r} has leading or trailing spaces; remove them")
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Cf", "Zl", "Zp") for ch in value):
        raise ValueError(f"{name}: {what} {value!r} contains control characters; use the id as in the data")
    return value


def _check_number(name: str, value: Any, *, integer: bool) -> float | int:
    spec = LEVERS[name]
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise _err(name, value, "pass a number")
    if not math.isfinite(float(value)):
        raise _err(name, value, "pass a finite number")
    if integer:
        if float(value) != int(value):
            raise _err(name, value, "pass a whole number")
        value = int(value)
    else:
        value = float(value)
    lo = -math.inf if spec.min_value is None else spec.min_value
    hi = math.inf if spec.max_value is None else spec.max_value
    if not lo <= value <= hi:
        raise _err(name, value, f"move it into {spec.range_text()}")
    return value


def _normalise_mix(value: Any) -> FrozenMap:
    name = "warehouse_mix"
    if not isinstance(value, Mapping):
        raise _err(name, value, "pass {region: {warehouse_id: share_pct}}")
    out: dict[str, FrozenMap] = {}
    for region, shares in value.items():
        if region not in REGIONS:
            raise ValueError(f"warehouse_mix: region {region!r} is not a known market; use one of {', '.join(REGIONS)}")
        out[region] = _shares(name, region, shares, drop="drop the region to use the default split",
                              of="the region's units", normalised="per region")
    return FrozenMap(out)


def _shares(name: str, key: str, shares: Any, *, drop: str, of: str, normalised: str) -> FrozenMap:
    """One ``{warehouse_id: share %}`` of a mix lever, checked: ids, shares in 0-100 %, not all 0."""
    if not isinstance(shares, Mapping) or not shares:
        raise ValueError(f"{name}[{key!r}] must be a non-empty {{warehouse_id: share_pct}} (got {shares!r}); {drop}")
    clean: dict[str, float] = {}
    for wh, pct in shares.items():
        _check_text_id(name, "warehouse id", wh)
        if isinstance(pct, bool) or not isinstance(pct, numbers.Real) or not math.isfinite(float(pct)) \
                or not 0.0 <= float(pct) <= 100.0:
            raise ValueError(f"{name}[{key!r}][{wh!r}] must be a share in 0-100 % (got {pct!r}); pass the "
                             f"percentage of {of} for that warehouse")
        clean[wh] = float(pct)
    if sum(clean.values()) <= 0.0:
        raise ValueError(f"{name}[{key!r}] shares sum to 0 %; give at least one warehouse a share (shares are "
                         f"normalised to 100 % {normalised})")
    return FrozenMap(clean)


def _normalise_sku_mix(value: Any) -> FrozenMap:
    name = "sku_mix"
    if not isinstance(value, Mapping):
        raise _err(name, value, "pass {'SKU|REGION': {warehouse_id: share_pct}}")
    if len(value) > _MAX_SKU_MIX_ENTRIES:
        raise ValueError(f"sku_mix has {len(value)} entries; at most {_MAX_SKU_MIX_ENTRIES} SKU x market splits fit "
                         "in a scenario (change the market's mix instead)")
    out: dict[str, FrozenMap] = {}
    for key, shares in value.items():
        if not isinstance(key, str) or "|" not in key:
            raise ValueError(f"sku_mix key {key!r} must be 'SKU|REGION' (e.g. 'AP0002-L|US')")
        sku, _, region = key.rpartition("|")
        _check_text_id(name, "SKU", sku)
        if region not in REGIONS:
            raise ValueError(f"sku_mix: region {region!r} of {key!r} is not a known market; use one of "
                             f"{', '.join(REGIONS)}")
        out[key] = _shares(name, key, shares, drop="drop the entry to use the market's mix",
                           of="the SKU's units in that market", normalised="of the SKU's demand in the market")
    return FrozenMap(out)


def _normalise_freight(value: Any) -> FrozenMap:
    name = "freight_mode"
    if not isinstance(value, Mapping):
        raise _err(name, value, "pass {warehouse_id: 'sea'|'air'|'express'}")
    clean: dict[str, str] = {}
    for wh, mode in value.items():
        _check_text_id(name, "warehouse id", wh)
        if mode not in FREIGHT_MODES:
            raise ValueError(f"freight_mode[{wh!r}] must be one of {', '.join(FREIGHT_MODES)} (got {mode!r}); "
                             "pick a first-leg mode")
        clean[wh] = mode
    return FrozenMap(clean)


def _normalise_fx(value: Any) -> FrozenMap:
    if not isinstance(value, Mapping):
        raise _err("fx", value, "pass {currency: CNY per unit}")
    clean: dict[str, float] = {}
    for ccy, rate in value.items():
        if not isinstance(ccy, str) or ccy not in CURRENCIES:
            raise ValueError(f"fx: currency {ccy!r} is not supported; use one of {', '.join(CURRENCIES)}")
        if isinstance(rate, bool) or not isinstance(rate, numbers.Real) or not math.isfinite(float(rate)) \
                or not 0.0 < float(rate) <= _MAX_FX:
            raise ValueError(f"fx[{ccy!r}] must be CNY per unit, > 0 and <= {_fmt_num(_MAX_FX)} (got {rate!r}); "
                             f"e.g. USD 7.1 means 1 USD = 7.1 CNY")
        if ccy == "CNY" and float(rate) != 1.0:
            raise ValueError(f"fx['CNY'] must be 1 (got {rate!r}); CNY is the base currency, drop it")
        clean[ccy] = float(rate)
    return FrozenMap(clean)


def _normalise_overrides(name: str, value: Any, low: float, high: float, what: str) -> FrozenMap:
    """``{'SKU|REGION': factor}`` with a known region, a plain SKU id and ``low <= factor <= high``."""
    if not isinstance(value, Mapping):
        raise _err(name, value, f"pass {{'SKU|REGION': {what}}}")
    clean: dict[str, float] = {}
    for key, up in value.items():
        sku, sep, region = str(key).rpartition("|") if isinstance(key, str) else ("", "", "")
        if not sep or not sku.strip() or region not in REGIONS:
            raise ValueError(f"{name}: key {key!r} must be 'SKU|REGION' with a region of "
                             f"{', '.join(REGIONS)}; e.g. 'AL00015|UK'")
        _check_text_id(name, "SKU id", sku)
        if isinstance(up, bool) or not isinstance(up, numbers.Real) or not math.isfinite(float(up)) \
                or not low <= float(up) <= high:
            raise ValueError(f"{name}[{key!r}] must be {'an' if what[0] in 'aeiou' else 'a'} {what} between "
                             f"{_fmt_num(low)} and {_fmt_num(high)} (got {up!r})")
        clean[str(key)] = float(up)
    return FrozenMap(clean)


def _normalise_uplift_overrides(value: Any) -> FrozenMap:
    return _normalise_overrides("uplift_overrides", value, _MIN_UPLIFT_OVERRIDE, _MAX_UPLIFT_OVERRIDE,
                                "uplift (x baseline)")


def _normalise_baseline_overrides(value: Any) -> FrozenMap:
    return _normalise_overrides("baseline_overrides", value, _MIN_BASELINE_OVERRIDE, _MAX_BASELINE_OVERRIDE,
                                "factor (x forecast)")


def _normalise_keys(value: Any) -> tuple[str, ...]:
    name = "force_order"
    if isinstance(value, str) or not isinstance(value, Iterable) or isinstance(value, Mapping):
        raise _err(name, value, "pass a list of SKU ids, e.g. ['AP0002-L'], or ['*'] for every SKU")
    clean = set()
    for key in value:
        if key != FORCE_ALL:
            _check_text_id(name, "SKU id", key)
        clean.add(key)
    if len(clean) > 500:
        raise _err(name, f"{len(clean)} SKUs", "list at most 500 SKUs, or use '*' for every SKU")
    return tuple(sorted(clean))


def _normalise_duty_step(value: Any) -> FrozenMap:
    """``{region: {"from": "YYYY-MM-DD", "pct_points": float}}`` with a known market, an ISO date and points in range."""
    name = "duty_step"
    if not isinstance(value, Mapping):
        raise _err(name, value, "pass {market: {'from': 'YYYY-MM-DD', 'pct_points': points}}")
    out: dict[str, FrozenMap] = {}
    for region, step in value.items():
        if region not in REGIONS:
            raise ValueError(f"duty_step: market {region!r} is not a known market; use one of {', '.join(REGIONS)}")
        if not isinstance(step, Mapping) or set(step) != {"from", "pct_points"}:
            raise ValueError(f"duty_step[{region!r}] must be {{'from': 'YYYY-MM-DD', 'pct_points': points}} "
                             f"(got {step!r}); e.g. {{'from': '2026-11-10', 'pct_points': 24}}")
        when = step["from"]
        try:
            day = date.fromisoformat(when) if isinstance(when, str) and len(when) == 10 else None
        except ValueError:
            day = None
        if day is None:
            raise ValueError(f"duty_step[{region!r}] date must be YYYY-MM-DD (got {when!r}); e.g. 2026-11-10")
        pts = step["pct_points"]
        if isinstance(pts, bool) or not isinstance(pts, numbers.Real) or not math.isfinite(float(pts)) \
                or not _MIN_DUTY_STEP_PP <= float(pts) <= _MAX_DUTY_STEP_PP:
            raise ValueError(f"duty_step[{region!r}] must add {_fmt_num(_MIN_DUTY_STEP_PP)} to "
                             f"+{_fmt_num(_MAX_DUTY_STEP_PP)} percentage points (got {pts!r}); e.g. +24")
        out[region] = FrozenMap({"from": day.isoformat(), "pct_points": float(pts)})
    return FrozenMap(out)


def _normalise_freight_multiplier(value: Any) -> FrozenMap:
    name = "freight_multiplier"
    if not isinstance(value, Mapping):
        raise _err(name, value, "pass {'sea'|'air'|'express': factor}")
    clean: dict[str, float] = {}
    for mode, factor in value.items():
        if mode not in FREIGHT_MODES:
            raise ValueError(f"freight_multiplier: mode {mode!r} is not a freight mode; use one of "
                             f"{', '.join(FREIGHT_MODES)}")
        if isinstance(factor, bool) or not isinstance(factor, numbers.Real) or not math.isfinite(float(factor)) \
                or not _MIN_FREIGHT_MULT <= float(factor) <= _MAX_FREIGHT_MULT:
            raise ValueError(f"freight_multiplier[{mode!r}] must be a factor between {_fmt_num(_MIN_FREIGHT_MULT)} "
                             f"and {_fmt_num(_MAX_FREIGHT_MULT)} (got {factor!r}); e.g. 1.3 for +30 % peak freight")
        clean[mode] = float(factor)
    return FrozenMap(clean)


def _choice(name: str, value: Any) -> str:
    spec = LEVERS[name]
    if value not in (spec.choices or ()):
        raise _err(name, value, "pick one of the listed options")
    return value


# ----------------------------------------------------------------------------------------------
# the Scenario
# ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Scenario:
    """Every lever of a stock-up plan. Frozen, hashable, validated on construction.

    Parameters
    ----------
    dataset_version : int or None
        Stored dataset version; ``None`` = the active dataset.
    campaign_id : str
        Campaign id from the ``campaigns`` table; ``""`` = the next campaign.
    presale_conversion_pct : float, %, 0-100, default 25
        Share of presale reservations without deposit that become orders ("presale conversion is
        usually below 30%", workflow.md pitfalls; defaults.md section 8).
    deposit_conversion_pct : float, %, 0-100, default 70
        Share of deposit-paid presale orders that pay the balance (60-85% [E], defaults.md section 8).
    uplift_multiplier : float, x, 0.3-3.0, default 1.0
        Scales the estimated campaign-day uplift (1.0 = as estimated).
    buffer_days : int, days, 0-30, default 7
        Safety days between planned arrival and the inbound cutoff (7-10 in peak, workflow.md).
    service_level_pct : float, %, 50-99.9, default 95
        Cycle service level: probability the stock covers the window's demand.
    warehouse_mix : {region: {warehouse_id: share_pct}}
        Split of each region's units; shares are normalised per region. Empty region = default
        split by fulfilment mode from the data.
    freight_mode : {warehouse_id: 'sea'|'air'|'express'}
        First-leg mode per warehouse; unlisted warehouses ship by sea.
    fx : {currency: CNY per unit}
        FX overrides; unlisted currencies use :data:`DEFAULT_FX_CNY_PER_UNIT`.
    display_currency : 'CNY'|'USD'|'GBP'|'THB', default 'CNY'
    cover_days : int, days, 0-60, default 14
        Days after the campaign end the stock must still cover.
    lead_time_case : 'typical'|'pessimistic', default 'typical'
        Which lead-time column (``*_typ`` or ``*_max``) drives the schedule and in-transit arrivals.
    key_sku_count : int, SKUs, default 20
        Top N SKUs by revenue checked for single-warehouse concentration.
    redundancy_limit_pct : float, %, 0-100, default 80
        A key SKU with more than this share of its units in one warehouse is flagged.
    disposal : 'destroy'|'return'|'liquidate', default 'liquidate'
        What happens to unsold stock (drives overage cost).
    moq_policy : 'up'|'skip'|'need', default 'up'
        What a SKU whose total need is below its supplier MOQ orders (see :data:`MOQ_POLICIES`).
    policy : 'service'|'profit', default 'service'
        Order for the service level, or the quantity that maximises expected profit (:data:`ORDER_POLICIES`).
    force_order : tuple of SKU ids, default ()
        SKUs ordered even where a unit sold loses money (``'*'`` = every SKU); such lines are flagged either way.
    second_wave : 'off'|'sea'|'air'|'express', default 'off'
        The season's later campaigns stocked by a second wave of this mode where it beats stocking up front
        (:data:`SECOND_WAVE_MODES`, ``plan.season``).
    reserved_stock : 'on'|'off', default 'on'
        The order is reserved campaign stock, sellable from the campaign's first day (:data:`RESERVED_STOCK_OPTIONS`).
    focus_lever : str, default 'service_level_pct'
        The numeric lever the sensitivity curve sweeps (one of :data:`FOCUS_LEVERS`).
    forecast_model : str, default 'auto'
        The forecast the plan is built on (one of :data:`FORECAST_MODELS`).
    uplift_overrides : {'SKU|REGION': uplift}
        The planner's campaign-day uplift (x baseline) for some SKUs in some markets, replacing the estimate
        for the scenario's campaign.
    baseline_overrides : {'SKU|REGION': factor}
        The planner's factor on the forecast baseline of some series (every day, every campaign; campaign effects
        apply on top), for what the history cannot show: a price change, a relaunch, a delisting.
    pool_level_pct : float, %, 50-99.9, default 99
        The emergency pool tops each candidate's market up to this quantile of its demand (``plan.emergency``).
    pool_creator_units : int, units, default 500
        A creator / live-stream session expected to sell at least this many units makes its SKU a pool candidate.
    duty_step : {market: {'from': 'YYYY-MM-DD', 'pct_points': points}}, default {} (no step)
        A dated tariff change per destination market: lines reaching the port on or after the date pay the duty rate
        plus the points (``cost.shocks``).
    freight_multiplier : {mode: factor}, 0.5-5, default {} (x1 on every mode)
        Factor on the first-leg freight of each mode (peak surcharges).
    fx_shock_pct : float, %, -50-50, default 0
        Every foreign currency moves this % against CNY, on top of ``fx`` (:meth:`effective_fx_cny_per_unit`).
    deposit_pct : float, default 30
        Supplier deposit at the PO, % of the purchase; the balance is paid at shipment (departure). A SKU's own
        ``deposit_pct`` in the SKU master takes precedence.
    settlement_days : int, default 15
        Days from a sale until the platform pays it out (net of its commission); 15 is an estimate [E].
    cash_ceiling_cny : int or None, default None
        Most cash the plan may need at once (minus the trough of the weekly net cash position), in CNY; the plan
        trims its lowest-value units first (``plan.cash.trim_to_ceiling``). None = no ceiling.
    """

    dataset_version: int | None = None
    campaign_id: str = ""
    presale_conversion_pct: float = 25.0
    deposit_conversion_pct: float = 70.0
    uplift_multiplier: float = 1.0
    buffer_days: int = 7
    service_level_pct: float = 95.0
    warehouse_mix: Mapping[str, Mapping[str, float]] = field(default_factory=FrozenMap)
    sku_mix: Mapping[str, Mapping[str, float]] = field(default_factory=FrozenMap)
    freight_mode: Mapping[str, str] = field(default_factory=FrozenMap)
    fx: Mapping[str, float] = field(default_factory=FrozenMap)
    display_currency: str = "CNY"
    cover_days: int = 14
    lead_time_case: str = "typical"
    key_sku_count: int = 20
    redundancy_limit_pct: float = 80.0
    disposal: str = "liquidate"
    moq_policy: str = "up"
    focus_lever: str = "service_level_pct"
    forecast_model: str = "auto"
    uplift_overrides: Mapping[str, float] = field(default_factory=FrozenMap)
    baseline_overrides: Mapping[str, float] = field(default_factory=FrozenMap)
    policy: str = "service"
    force_order: tuple[str, ...] = ()
    pool_level_pct: float = 99.0
    pool_creator_units: int = 500
    duty_step: Mapping[str, Mapping[str, Any]] = field(default_factory=FrozenMap)
    freight_multiplier: Mapping[str, float] = field(default_factory=FrozenMap)
    fx_shock_pct: float = 0.0
    deposit_pct: float = 30.0
    settlement_days: int = DEFAULT_SETTLEMENT_DAYS
    cash_ceiling_cny: int | None = None
    second_wave: str = "off"
    reserved_stock: str = "on"

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        if self.dataset_version is not None:
            set_(self, "dataset_version", _check_number("dataset_version", self.dataset_version, integer=True))
        if self.cash_ceiling_cny is not None:
            set_(self, "cash_ceiling_cny", _check_number("cash_ceiling_cny", self.cash_ceiling_cny, integer=True))
        if not isinstance(self.campaign_id, str):
            raise _err("campaign_id", self.campaign_id, "pass the campaign id as text")
        if self.campaign_id:
            _check_text_id("campaign_id", "campaign id", self.campaign_id)
        for name in ("presale_conversion_pct", "deposit_conversion_pct", "uplift_multiplier",
                     "service_level_pct", "redundancy_limit_pct", "pool_level_pct", "fx_shock_pct", "deposit_pct"):
            set_(self, name, _check_number(name, getattr(self, name), integer=False))
        for name in ("buffer_days", "cover_days", "key_sku_count", "pool_creator_units", "settlement_days"):
            set_(self, name, _check_number(name, getattr(self, name), integer=True))
        set_(self, "warehouse_mix", _normalise_mix(self.warehouse_mix))
        set_(self, "sku_mix", _normalise_sku_mix(self.sku_mix))
        set_(self, "freight_mode", _normalise_freight(self.freight_mode))
        set_(self, "fx", _normalise_fx(self.fx))
        set_(self, "uplift_overrides", _normalise_uplift_overrides(self.uplift_overrides))
        set_(self, "baseline_overrides", _normalise_baseline_overrides(self.baseline_overrides))
        set_(self, "force_order", _normalise_keys(self.force_order))
        set_(self, "duty_step", _normalise_duty_step(self.duty_step))
        set_(self, "freight_multiplier", _normalise_freight_multiplier(self.freight_multiplier))
        for name in ("display_currency", "lead_time_case", "disposal", "moq_policy", "focus_lever", "forecast_model",
                     "policy", "second_wave", "reserved_stock"):
            _choice(name, getattr(self, name))

    # -- convenience -------------------------------------------------------------------------
    def validate(self) -> Scenario:
        """Re-run validation (construction already validates); returns ``self``."""
        Scenario(**{f.name: getattr(self, f.name) for f in fields(self)})
        return self

    def replace(self, **changes: Any) -> Scenario:
        """A copy with some levers changed (validated)."""
        return replace(self, **changes)

    @property
    def service_level_frac(self) -> float:
        return self.service_level_pct / 100.0

    @property
    def has_cost_shock(self) -> bool:
        """The scenario sets a cost shock (a duty step, a freight multiplier or an FX shock)."""
        return bool(self.duty_step or self.freight_multiplier or self.fx_shock_pct)

    def forces(self, sku: str) -> bool:
        """The planner forces this SKU's order even at a negative margin."""
        return FORCE_ALL in self.force_order or sku in self.force_order

    def fx_cny_per_unit(self, currency: str) -> float:
        """CNY per one unit of ``currency``: the scenario override, else the default table."""
        if currency in self.fx:
            return float(self.fx[currency])
        try:
            return float(DEFAULT_FX_CNY_PER_UNIT[currency])
        except KeyError:
            raise ValueError(f"fx: no rate for currency {currency!r}; add it to the scenario's fx "
                             f"(CNY per unit) or use one of {', '.join(DEFAULT_FX_CNY_PER_UNIT)}") from None

    def effective_fx_cny_per_unit(self, currency: str) -> float:
        """CNY per unit of ``currency`` with the FX shock on top of the fx lever (``cost.fx.apply_fx_shock``)."""
        rate = self.fx_cny_per_unit(currency)
        if self.fx_shock_pct == 0.0:
            return rate
        return float(apply_fx_shock([rate], [currency], self.fx_shock_pct)[0])

    def duty_steps_by_day(self, as_of: Any) -> dict[str, tuple[float, float]]:
        """``{market: (days from as_of to the step's date, percentage points)}`` for ``cost.shocks.step_arrays``."""
        base = date.fromisoformat(str(as_of)[:10])
        return {r: (float((date.fromisoformat(st["from"]) - base).days), float(st["pct_points"]))
                for r, st in self.duty_step.items()}

    def fx_table(self) -> dict[str, float]:
        """Every known currency -> CNY per unit, overrides applied."""
        out = dict(DEFAULT_FX_CNY_PER_UNIT)
        out.update(self.fx)
        return out

    # -- JSON --------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Plain dict of every lever (nested dicts for the maps), JSON-ready."""
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            out[f.name] = v.to_dict() if isinstance(v, FrozenMap) else (list(v) if isinstance(v, tuple) else v)
        return out

    def to_json(self, *, indent: int | None = None) -> str:
        """JSON with every lever (stable key order); ``from_json`` reads it back exactly."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scenario:
        """Build from a dict; unknown keys raise (strict: use :meth:`from_query_params` for lenient)."""
        if not isinstance(data, Mapping):
            raise ValueError(f"a scenario must be a JSON object of levers (got {type(data).__name__}); "
                             f"keys are {', '.join(LEVERS)}")
        unknown = sorted(set(data) - set(LEVERS))
        if unknown:
            raise ValueError(f"unknown scenario lever(s) {', '.join(map(repr, unknown))}; "
                             f"known levers are {', '.join(LEVERS)}")
        return cls(**dict(data))

    @classmethod
    def from_json(cls, text: str) -> Scenario:
        """Parse :meth:`to_json` output (missing levers take their defaults). Raises ValueError."""
        return cls.from_dict(_json_value(text))

    @classmethod
    def from_saved_json(cls, text: str) -> Scenario:
        """A scenario saved in the database: as :meth:`from_json`, but a lever added after it was saved takes the
        value that reproduces what it planned then (:data:`SAVED_BEFORE_LEVER`), not today's default."""
        data = _json_value(text)
        if isinstance(data, Mapping):
            data = {**SAVED_BEFORE_LEVER, **data}
        return cls.from_dict(data)

    # -- URL query params ----------------------------------------------------------------------
    def to_query_params(self) -> dict[str, str]:
        """Short, readable query params; only levers that differ from the default are written."""
        default = _DEFAULT
        out: dict[str, str] = {}
        for name, spec in LEVERS.items():
            v = getattr(self, name)
            if v == getattr(default, name):
                continue
            if spec.kind in ("mix", "skumix"):
                out[spec.key] = ";".join(
                    _esc(region) + ":" + ",".join(f"{_esc(wh)}={_fmt_num(p)}" for wh, p in shares.items())
                    for region, shares in v.items())
            elif spec.kind == "freight":
                out[spec.key] = ",".join(f"{_esc(wh)}:{m}" for wh, m in v.items())
            elif spec.kind == "fx":
                out[spec.key] = ",".join(f"{_esc(c)}:{_fmt_num(r)}" for c, r in v.items())
            elif spec.kind == "uplift":
                out[spec.key] = ",".join(f"{_esc(k)}:{_fmt_num(u)}" for k, u in v.items())
            elif spec.kind == "keys":
                out[spec.key] = ",".join(_esc(k) for k in v)
            elif spec.kind == "dstep":
                out[spec.key] = ",".join(
                    f"{_esc(r)}:{st['from']}:{'+' if st['pct_points'] > 0 else ''}{_fmt_num(st['pct_points'])}"
                    for r, st in v.items())
            elif spec.kind == "factors":
                out[spec.key] = ",".join(f"{_esc(m)}:{_fmt_num(f)}" for m, f in v.items())
            elif spec.kind in ("float", "int", "optional_int"):
                out[spec.key] = _fmt_num(v)
            elif name == "focus_lever":
                out[spec.key] = LEVERS[v].key
            else:
                out[spec.key] = str(v)
        return out

    @classmethod
    def from_query_params(
        cls, params: Mapping[str, str | list[str]], *, ignore: Iterable[str] = ()
    ) -> tuple[Scenario, list[str]]:
        """Parse query params leniently: never raises.

        Each unreadable, out-of-range or unknown parameter falls back to the lever's default and
        adds a human-readable notice. Repeated keys use the last value. Keys in ``ignore`` (params
        owned by the app, e.g. ``lang``) are skipped silently.
        """
        skip = set(ignore)
        notices: list[str] = []
        values: dict[str, Any] = {}
        try:
            items = list(params.items())
        except Exception:  # noqa: BLE001 - hostile input must never raise
            return cls(), ["The link's parameters could not be read; using the default scenario."]
        for key, raw in items:
            key_s = str(key)
            if key_s in skip:
                continue
            if isinstance(raw, (list, tuple)):
                raw = raw[-1] if raw else ""
            raw_s = raw if isinstance(raw, str) else str(raw)
            name = _KEY_TO_NAME.get(key_s)
            if name is None:
                notices.append(f"Ignored unknown link parameter {_show(key_s)}.")
                continue
            spec = LEVERS[name]
            if len(raw_s) > (_MAX_SKU_MIX_PARAM_CHARS if spec.kind == "skumix" else _MAX_PARAM_CHARS):
                notices.append(f"Ignored {spec.key} ({spec.label}): the value is too long "
                               f"({len(raw_s)} characters); using the default {_show_default(spec)}.")
                continue
            try:
                parsed = _parse_param(spec, raw_s)
                # validate this lever alone so one bad value does not discard the others
                cls(**{name: parsed})
            except (ValueError, TypeError, OverflowError) as exc:
                notices.append(f"Ignored {spec.key}={_show(raw_s)} ({spec.label}): {_first_line(exc)}; "
                               f"using the default {_show_default(spec)}.")
                continue
            values[name] = parsed
        try:
            return cls(**values), notices
        except (ValueError, TypeError) as exc:  # cross-lever rule (none today) -> all defaults
            notices.append(f"The link's levers do not fit together ({_first_line(exc)}); using the default scenario.")
            return cls(), notices


_DEFAULT = Scenario()


def _json_value(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"scenario JSON is not valid JSON ({exc}); check the file") from None

#: Levers added after scenarios were first saved, with the value that reproduces how a scenario saved without them
#: planned: campaign stock was not reserved (the order sold from the day it was sellable).
SAVED_BEFORE_LEVER: dict[str, Any] = {"reserved_stock": "off"}


def _esc(text: str) -> str:
    """Escape the list separators of mix/fm/fx tokens (and '%' itself) as %XX."""
    return (text.replace("%", "%25").replace(";", "%3B").replace(":", "%3A")
            .replace("=", "%3D").replace(",", "%2C"))


def _unesc(text: str) -> str:
    """Inverse of :func:`_esc`; unknown %XX sequences are left as they are."""
    if "%" not in text:
        return text
    table = {"25": "%", "3B": ";", "3A": ":", "3D": "=", "2C": ","}
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "%" and text[i + 1:i + 3].upper() in table:
            out.append(table[text[i + 1:i + 3].upper()])
            i += 3
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _parse_float(text: str) -> float:
    t = text.strip()
    if not t or len(t) > 40:
        raise ValueError("not a number")
    try:
        v = float(t)
    except ValueError:
        raise ValueError("not a number") from None
    if not math.isfinite(v):
        raise ValueError("not a finite number")
    return v


def _parse_param(spec: LeverSpec, raw: str) -> Any:
    if spec.kind == "float":
        return _parse_float(raw)
    if spec.kind in ("int", "optional_int"):
        if spec.kind == "optional_int" and raw.strip() == "":
            return None
        v = _parse_float(raw)
        if not v.is_integer():
            raise ValueError("not a whole number")
        return int(v)
    if spec.kind == "str":
        return raw
    if spec.kind == "choice":
        if spec.name == "focus_lever":
            by_key = {LEVERS[n].key: n for n in FOCUS_LEVERS}
            if raw in by_key:
                return by_key[raw]
        return raw
    if spec.kind == "freight":
        out: dict[str, str] = {}
        for token in _split(raw, ","):
            wh, sep, mode = token.rpartition(":")
            if not sep:
                raise ValueError(f"entry {_show(token)} is not warehouse:mode")
            out[_unesc(wh)] = mode.strip()
        return out
    if spec.kind == "fx":
        fx: dict[str, float] = {}
        for token in _split(raw, ","):
            ccy, sep, rate = token.partition(":")
            if not sep:
                raise ValueError(f"entry {_show(token)} is not CURRENCY:rate")
            fx[_unesc(ccy).strip().upper()] = _parse_float(rate)
        return fx
    if spec.kind == "uplift":
        ups: dict[str, float] = {}
        for token in _split(raw, ","):
            key, sep, up = token.rpartition(":")
            if not sep:
                raise ValueError(f"entry {_show(token)} is not SKU|REGION:value")
            ups[_unesc(key)] = _parse_float(up)
        return ups
    if spec.kind == "keys":
        return [_unesc(token) for token in _split(raw, ",")]
    if spec.kind == "dstep":
        steps: dict[str, dict[str, Any]] = {}
        for token in _split(raw, ","):
            region, sep, rest = token.partition(":")
            when, sep2, pts = rest.partition(":")
            if not sep or not sep2:
                raise ValueError(f"entry {_show(token)} is not MARKET:YYYY-MM-DD:points")
            steps[_unesc(region).strip().upper()] = {"from": when.strip(), "pct_points": _parse_float(pts)}
        return steps
    if spec.kind == "factors":
        factors: dict[str, float] = {}
        for token in _split(raw, ","):
            mode, sep, factor = token.partition(":")
            if not sep:
                raise ValueError(f"entry {_show(token)} is not mode:factor")
            factors[_unesc(mode).strip().lower()] = _parse_float(factor)
        return factors
    if spec.kind in ("mix", "skumix"):
        mix: dict[str, dict[str, float]] = {}
        for part in _split(raw, ";"):
            region, sep, body = part.partition(":")
            if not sep:
                raise ValueError(f"entry {_show(part)} is not REGION:warehouse=share,...")
            shares: dict[str, float] = {}
            for token in _split(body, ","):
                wh, sep2, pct = token.rpartition("=")
                if not sep2:
                    raise ValueError(f"entry {_show(token)} is not warehouse=share")
                shares[_unesc(wh)] = _parse_float(pct)
            outer = _unesc(region).strip()
            mix[outer.upper() if spec.kind == "mix" else outer] = shares
        return mix
    raise ValueError(f"unsupported lever kind {spec.kind}")  # pragma: no cover


def _split(text: str, sep: str) -> list[str]:
    parts = [p for p in text.split(sep) if p != ""]
    if not parts:
        raise ValueError("empty list")
    if len(parts) > 500:
        raise ValueError("too many entries")
    return parts


def _show(text: str) -> str:
    """Quote user text for a notice, shortened and with control characters removed."""
    clean = "".join(ch if unicodedata.category(ch)[0] != "C" else "?" for ch in text)
    if len(clean) > 40:
        clean = clean[:37] + "..."
    return repr(clean)


def _show_default(spec: LeverSpec) -> str:
    d = spec.default
    if d is None or d == "" or d == {} or d == ():
        return {"mix": "(split by fulfilment mode from the data)", "freight": "(sea)",
                "fx": "(default FX table)", "uplift": "(estimated uplifts)", "keys": "(none)",
                "dstep": "(no duty step)", "factors": "(x1 on every mode)"}.get(spec.kind, "(none)")
    if isinstance(d, float):
        return f"{_fmt_num(d)} {spec.unit}".rstrip()
    if isinstance(d, int):
        return f"{d} {spec.unit}".rstrip()
    return str(d)


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def diff(a: Scenario, b: Scenario) -> list[tuple[str, Any, Any]]:
    """Levers whose values differ between two scenarios: ``[(lever, a_value, b_value), ...]``.

    Map levers (mix, freight mode, fx) are compared as a whole and returned as plain dicts.
    Order follows :data:`LEVERS` (the display order).
    """
    out: list[tuple[str, Any, Any]] = []
    for name in LEVERS:
        va, vb = getattr(a, name), getattr(b, name)
        if va != vb:
            out.append((name,
                        va.to_dict() if isinstance(va, FrozenMap) else (list(va) if isinstance(va, tuple) else va),
                        vb.to_dict() if isinstance(vb, FrozenMap) else (list(vb) if isinstance(vb, tuple) else vb)))
    return out
