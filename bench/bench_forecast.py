"""Forecasting throughput on this machine: the ETS path, the catalogue through ``auto``, Prophet on Dask.

Usage: python bench/bench_forecast.py [--skus 10000] [--prophet-series 48] [--skip-prophet] [--skip-auto]

Targets (2 cores, 730+ days of history, 60-day horizon):
* ETS path (fit + 60-day forecast, vectorised Holt-Winters) >= 200 SKUs/s
* the 10,000-SKU catalogue through ``run_forecasts(model="auto")`` (ETS family with and without the yearly
  profile, baselines, the global LightGBM model, Prophet on Dask for the SKUs that carry 80 % of units,
  three-origin backtests incl. the same weeks a year earlier, calibration, campaign effects) < 300 s
* Prophet and the global model across Dask workers: >= 1.8x from 1 to 2 workers (one thread each); the global
  model's independent fits (three backtest origins and the final fit) are the tasks.
Also printed: the sample catalogue's (200 SKUs) ``auto`` fit, the one the tests and the app run first (< ~60 s).
Input: the seeded sample catalogue (``io.sample_data.generate_sample``), generated in memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

HORIZON_DAYS = 60


def _prophet_chunk(panel, horizon_days):
    from linkstar_analytics.forecast.backtest import forecast_arrays

    return forecast_arrays(panel, "prophet", horizon_days)[0].sum()


def _warm(_):
    import prophet  # noqa: F401

    from linkstar_analytics.forecast.prophet_model import quiet_prophet

    quiet_prophet()
    return True


def _lgbm_fit(panel, origin, horizon_days):
    from linkstar_analytics.forecast.global_model import GlobalForecaster

    return GlobalForecaster(params={"n_jobs": 1}).fit(panel.truncate(origin)).predict_arrays(horizon_days)[0].sum()


def bench_lgbm(panel) -> None:
    """The global model's four independent fits (three backtest origins + final) as Dask tasks, 1 vs 2 workers."""
    from distributed import Client, LocalCluster

    from linkstar_analytics.forecast.backtest import backtest_origins

    origins = backtest_origins(panel.dates[-1], panel.dates[0], 28, 3) + [panel.dates[-1]]
    times = {}
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cl, \
                Client(cl) as client:
            t0 = time.perf_counter()
            client.gather([client.submit(_lgbm_fit, panel, o, 28, pure=False) for o in origins])
            times[workers] = time.perf_counter() - t0
        print(f"lgbm {workers} worker(s)        {times[workers]:>8.1f} s  ({len(origins)} global fits of {panel.n_series:,} series)")
    print(f"lgbm speed-up 1->2         {times[1] / times[2]:>8.2f} x   (target >= 1.8)")


def bench_prophet(panel, n_series: int, chunk: int) -> None:
    from distributed import Client, LocalCluster, get_task_stream

    sub = panel.take(np.arange(n_series))
    chunks = [sub.take(np.arange(a, min(n_series, a + chunk))) for a in range(0, n_series, chunk)]
    times = {}
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cl, \
                Client(cl) as client:
            client.run(_warm, None)
            load = os.getloadavg()[0]
            with get_task_stream(client) as ts:
                t0 = time.perf_counter()
                futs = [client.submit(_prophet_chunk, c, HORIZON_DAYS, pure=False) for c in chunks]
                client.gather(futs)
                times[workers] = time.perf_counter() - t0
            busy = sum(sum(x["stop"] - x["start"] for x in t["startstops"] if x["action"] == "compute") for t in ts.data)
        print(f"prophet {workers} worker(s)     {times[workers]:>8.1f} s  ({n_series / times[workers]:.1f} series/s, "
              f"{1000 * times[workers] / n_series:.0f} ms/series; tasks busy {busy / times[workers]:.2f} workers on average; "
              f"load average before {load:.2f})")
    print(f"prophet speed-up 1->2      {times[1] / times[2]:>8.2f} x   (target >= 1.8; the machine's other load "
          f"shares the two cores, so compare with the load averages above)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skus", type=int, default=10_000)
    ap.add_argument("--prophet-series", type=int, default=48)
    ap.add_argument("--skip-prophet", action="store_true")
    ap.add_argument("--skip-auto", action="store_true")
    ap.add_argument("--skip-lgbm", action="store_true")
    ap.add_argument("--skip-sample", action="store_true")
    args = ap.parse_args(argv)

    from linkstar_analytics.forecast.base import build_panel
    from linkstar_analytics.forecast.batch import run_forecasts
    from linkstar_analytics.forecast.models import make_model
    from linkstar_analytics.io.sample_data import generate_sample

    t0 = time.perf_counter()
    tables = generate_sample(n_skus=args.skus)
    sales, skus, campaigns = tables["sales"], tables["skus"], tables["campaigns"]
    print(f"catalogue                  {args.skus:>8,} SKUs, {len(sales):,} sales rows "
          f"(generated in {time.perf_counter() - t0:.1f} s)")

    t0 = time.perf_counter()
    panel = build_panel(sales, skus=skus, campaigns=campaigns)
    t_panel = time.perf_counter() - t0
    n_series = panel.n_series
    print(f"panel                      {n_series:>8,} series x {len(panel.dates)} days in {t_panel:.1f} s")

    for name in ("ets", "naive", "intermittent"):
        t0 = time.perf_counter()
        model = make_model(name).fit(panel)
        mean, sigma, rho = model.predict_arrays(HORIZON_DAYS)
        dt = time.perf_counter() - t0
        t1 = time.perf_counter()
        frame = model.predict(HORIZON_DAYS)
        dt_frame = time.perf_counter() - t1
        print(f"{name:<12} fit+forecast  {dt:>8.1f} s  {n_series / dt:>8.0f} series/s  {args.skus / dt:>8.0f} SKUs/s "
              f"(+{dt_frame:.1f} s for the {len(frame):,}-row tidy frame)")

    if not args.skip_sample:
        from linkstar_analytics import workflow
        from linkstar_analytics.io.validation import load_folder

        sample = load_folder(Path(__file__).resolve().parent.parent / "sample_data").tables
        t0, c0 = time.perf_counter(), time.process_time()
        r = run_forecasts(sample["sales"], sample["skus"], sample["campaigns"],
                          horizon_days=workflow.forecast_horizon_days(sample), model="auto")
        print(f"sample auto (200 SKUs)     {time.perf_counter() - t0:>8.1f} s  (main-process CPU {time.process_time() - c0:.0f} s; "
              f"target < ~60 s; Prophet series {r.settings['prophet_series']}) models {r.selection['model'].value_counts().to_dict()}")

    if not args.skip_auto:
        t0 = time.perf_counter()
        result = run_forecasts(sales, skus, campaigns, horizon_days=HORIZON_DAYS, model="auto",
                               progress=lambda d, t: print(f"  auto step {d}/{t} at {time.perf_counter() - t0:.0f} s", flush=True))
        dt = time.perf_counter() - t0
        print(f"auto catalogue             {dt:>8.1f} s  ({args.skus / dt:.0f} SKUs/s; target < 300 s; Prophet series "
              f"{result.settings['prophet_series']}) models {result.selection['model'].value_counts().to_dict()}")
        cat = result.accuracy_tables()["catalogue"].set_index("model")
        print("  backtest (3 origins x 28 days, in-sample selection for auto): "
              + ", ".join(f"{m} WAPE {r.wape:.3f} window {r.win_wape:.3f}" for m, r in cat.iterrows()))

    if not args.skip_lgbm:
        bench_lgbm(panel.take(np.arange(min(2000, n_series))))

    if not args.skip_prophet:
        bench_prophet(panel, min(args.prophet_series, n_series), chunk=8)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (main process)    {peak_mb:>8.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
