"""The data flow end to end, shared by the dashboard and the CLI:

dataset tables -> forecasts (fitted once, persisted in DuckDB keyed by dataset version and settings)
-> plan inputs for a campaign (laid out once) -> plan for a scenario (recomputed on every lever move).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd

from linkstar_analytics.forecast.batch import FORECAST_CODE_VERSION, ForecastResult, run_forecasts
from linkstar_analytics.forecast.uplift import UPLIFT_CV_BY_SOURCE
from linkstar_analytics.io import storage
from linkstar_analytics.plan.inputs import PlanInputs, build_plan_inputs

#: Model choice for the dashboard: per-series selection by backtest (ETS, intermittent, naive; Prophet
#: joins for small catalogues), see ``forecast.batch.run_forecasts``.
DEFAULT_MODEL = "auto"
#: The forecast covers every campaign in the calendar plus this many days of cover after its end.
HORIZON_COVER_DAYS = 60
MIN_HORIZON_DAYS = 60
MAX_HORIZON_DAYS = 730
ARTIFACT_KIND = "forecast"


def history_end(tables: Mapping[str, pd.DataFrame]) -> pd.Timestamp:
    return pd.Timestamp(pd.to_datetime(tables["sales"]["date"]).max()).normalize()


def forecast_horizon_days(tables: Mapping[str, pd.DataFrame]) -> int:
    """Days after the history end the forecast must reach: the last campaign's end + cover days
    (at least ``MIN_HORIZON_DAYS``, at most ``MAX_HORIZON_DAYS``)."""
    end = history_end(tables)
    last = pd.to_datetime(tables["campaigns"]["end_date"]).max() if len(tables["campaigns"]) else end
    days = int((last - end).days) + HORIZON_COVER_DAYS
    return max(MIN_HORIZON_DAYS, min(MAX_HORIZON_DAYS, days))


def forecast_key(model: str, horizon_days: int) -> str:
    """Persistence key of a catalogue forecast: the settings that change its output (with the dataset version)."""
    return f"model={model};horizon={int(horizon_days)};code={FORECAST_CODE_VERSION}"


def stored_forecast(conn, dataset_version: int, key: str) -> ForecastResult | None:
    found = storage.load_artifact(conn, ARTIFACT_KIND, dataset_version, key)
    if found is None:
        return None
    frames, _meta = found
    return ForecastResult.from_frames(frames)


def load_or_run_forecast(
    conn,
    dataset_version: int,
    tables: Mapping[str, pd.DataFrame],
    *,
    model: str = DEFAULT_MODEL,
    progress: Callable[[int, int], None] | None = None,
    dask_address: str | None = None,
) -> ForecastResult:
    """The stored forecast for (dataset version, settings), or fit the catalogue once and store it."""
    horizon = forecast_horizon_days(tables)
    key = forecast_key(model, horizon)
    found = stored_forecast(conn, dataset_version, key)
    if found is not None:
        return found
    result = run_forecasts(
        tables["sales"], tables["skus"], tables["campaigns"], horizon_days=horizon, model=model,
        progress=progress, dask_address=dask_address, stock_history=tables.get("stock_history"),
    )
    storage.save_artifact(conn, ARTIFACT_KIND, dataset_version, key, result.to_frames(),
                          meta={"settings": result.settings, "settings_key": result.settings_key})
    return result


#: Models whose catalogue fit takes minutes (Prophet per series, the global LightGBM model, ``auto`` that backtests
#: both): the dashboard fits them in the background and plans on the quick forecast meanwhile.
SLOW_MODELS: frozenset[str] = frozenset({"auto", "prophet", "lgbm"})
#: The quick forecast: seasonal naive with the campaign effects, calibrated on one backtest origin (seconds).
QUICK_MODEL = "naive"
QUICK_ORIGINS = 1


def quick_forecast_key(horizon_days: int) -> str:
    return f"{forecast_key(QUICK_MODEL, horizon_days)};origins={QUICK_ORIGINS};quick"


def run_quick_forecast(tables: Mapping[str, pd.DataFrame]) -> ForecastResult:
    """A forecast good enough to plan on while a slow model fits: ``QUICK_MODEL`` with its campaign effects and
    intervals calibrated on ``QUICK_ORIGINS`` backtest origin (a few seconds for a few hundred series; not stored)."""
    return run_forecasts(tables["sales"], tables["skus"], tables["campaigns"], horizon_days=forecast_horizon_days(tables),
                         model=QUICK_MODEL, n_origins=QUICK_ORIGINS, stock_history=tables.get("stock_history"))


#: Relative error of a planner's own uplift figure: treated like an uplift estimated from the SKU's own history.
OVERRIDE_UPLIFT_CV = UPLIFT_CV_BY_SOURCE["own"]


def apply_uplift_overrides(uplift: pd.DataFrame, campaign_id: str,
                           overrides: Mapping[str, float] | None) -> pd.DataFrame:
    """The uplift table with the planner's overrides for ``campaign_id`` (keys ``"SKU|REGION"``, values x baseline).

    Overridden rows get ``source = "override"``; a SKU x market without an estimate gets a new row. Input unchanged.
    """
    if not overrides:
        return uplift
    out = uplift.copy()
    for key, value in overrides.items():
        sku, _, region = str(key).rpartition("|")
        hit = (out["sku"] == sku) & (out["region"] == region) & (out["campaign_id"].astype(str) == str(campaign_id))
        if hit.any():
            out.loc[hit, ["uplift", "source"]] = [float(value), "override"]
        else:
            row = {c: None for c in out.columns}
            row.update(sku=sku, region=region, campaign_id=str(campaign_id), uplift=float(value), source="override",
                       n_obs=0)
            out = pd.concat([out, pd.DataFrame([row])], ignore_index=True)
    return out


def apply_baseline_overrides(forecasts: pd.DataFrame, overrides: Mapping[str, float] | None) -> pd.DataFrame:
    """The forecast frame with the planner's baseline factors (keys ``"SKU|REGION"``): mean, quantiles and sigma of
    every day of an overridden series scaled by its factor (the same Gamma law, scaled: its cv is unchanged).
    Input unchanged; returned as is without overrides."""
    if not overrides:
        return forecasts
    factor = pd.Series({tuple(str(k).rpartition("|")[::2]): float(v) for k, v in overrides.items()})
    idx = pd.MultiIndex.from_arrays([forecasts["sku"].astype(str), forecasts["region"].astype(str)])
    f = factor.reindex(idx).fillna(1.0).to_numpy()
    if (f == 1.0).all():
        return forecasts
    out = forecasts.copy()
    for col in ("mean", "p10", "p50", "p90", "sigma"):
        if col in out.columns:
            out[col] = out[col].to_numpy(float) * f
    return out


def plan_inputs_for(tables: Mapping[str, pd.DataFrame], forecast: ForecastResult, campaign_id: str,
                    uplift_overrides: Mapping[str, float] | None = None, *, as_of=None,
                    campaign_effects: pd.DataFrame | None = None,
                    baseline_overrides: Mapping[str, float] | None = None) -> PlanInputs:
    """Everything lever-independent for one campaign, laid out as arrays (see ``plan.inputs``); the uplift
    error per source is the forecast's (``forecast.uplift.UPLIFT_CV_BY_SOURCE``), overrides count as ``own``.

    ``campaign_effects`` (``sku, region, date, campaign_id, multiplier, cv``: every campaign's per-day effect, run-up
    and dip included) defaults to the forecast's own ``campaign_effects`` when it has them; without them the plan uses
    the uplift frame x each campaign's days. ``baseline_overrides`` scale whole series first
    (:func:`apply_baseline_overrides`).
    """
    uplift = apply_uplift_overrides(forecast.uplift, campaign_id, uplift_overrides)
    cv = {**UPLIFT_CV_BY_SOURCE, "override": OVERRIDE_UPLIFT_CV}
    effects = campaign_effects if campaign_effects is not None else getattr(forecast, "campaign_effects", None)
    baseline = apply_baseline_overrides(forecast.forecasts, baseline_overrides)
    return build_plan_inputs(tables, baseline, uplift, campaign_id, as_of=as_of, uplift_cv_by_source=cv,
                             campaign_effects=effects)
