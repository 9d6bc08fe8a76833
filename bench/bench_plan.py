"""Plan engine benchmark: one lever change for 2,000 SKUs x 8 warehouses (target <= 50 ms).

    python bench/bench_plan.py [--skus 2000] [--repeats 50]

Prints the one-off build time of the plan inputs, then the median / p90 time of ``compute_plan`` after a
lever change (service level, presale conversion, uplift, buffer days, mix, freight mode, FX; each repeat
moves one lever so nothing is cached), with and without building the result frames, for the default mix
(units where the data has stock) and for a mix that spreads every market over all of its warehouses
(every SKU x warehouse line active), and the tracemalloc peak of one call.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from linkstar_analytics.plan.engine import compute_plan, sensitivity  # noqa: E402
from linkstar_analytics.plan.inputs import build_plan_inputs  # noqa: E402
from linkstar_analytics.plan.scenario import Scenario  # noqa: E402
from linkstar_analytics.plan.synthetic import synthetic_plan_data  # noqa: E402


def _scenarios(base: Scenario, n: int, wh_ids: list[str]) -> list[Scenario]:
    out = []
    for i in range(n):
        j = i % 7
        if j == 0:
            out.append(base.replace(service_level_pct=90.0 + (i % 90) * 0.1))
        elif j == 1:
            out.append(base.replace(presale_conversion_pct=10.0 + i % 40))
        elif j == 2:
            out.append(base.replace(uplift_multiplier=0.8 + (i % 20) * 0.05))
        elif j == 3:
            out.append(base.replace(buffer_days=i % 31))
        elif j == 4:
            out.append(base.replace(cover_days=i % 61))
        elif j == 5:
            out.append(base.replace(freight_mode={wh_ids[i % len(wh_ids)]: "air"}))
        else:
            out.append(base.replace(fx={"USD": 7.0 + (i % 10) * 0.02}))
    return out


def _time(inputs, scenarios, frames: bool) -> tuple[float, float]:
    compute_plan(inputs, scenarios[0], frames=frames)  # warm (gamma table, imports)
    ts = []
    for s in scenarios:
        inputs.memo.clear()  # time the engine, not the memo (a scenario met before comes back in microseconds)
        t0 = time.perf_counter()
        compute_plan(inputs, s, frames=frames)
        ts.append((time.perf_counter() - t0) * 1000.0)
    ts.sort()
    return statistics.median(ts), ts[int(0.9 * (len(ts) - 1))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skus", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=50)
    args = ap.parse_args()

    t0 = time.perf_counter()
    tables, fc, up = synthetic_plan_data(args.skus, seed=3)
    t1 = time.perf_counter()
    inputs = build_plan_inputs(tables, fc, up, "MEGA-2026", as_of="2026-10-01")
    t2 = time.perf_counter()
    wh = inputs.warehouses
    wh_ids = list(wh["warehouse_id"])
    print(f"data: {args.skus} SKUs, {len(wh)} warehouses, {inputs.n_series} SKU x market series, "
          f"{inputs.n_lines} series x warehouse slots, {len(fc):,} forecast rows")
    print(f"synthetic data {1000 * (t1 - t0):.0f} ms; build_plan_inputs (once per dataset/forecast/campaign) "
          f"{1000 * (t2 - t1):.0f} ms")

    full_mix = {r: {w: 100.0 / len(g) for w in g["warehouse_id"]} for r, g in wh.groupby("region")}
    for label, base in (("default mix", Scenario()), ("all warehouses mix", Scenario(warehouse_mix=full_mix))):
        active = len(compute_plan(inputs, base).lines)
        scen = _scenarios(base, args.repeats, wh_ids)
        med_f, p90_f = _time(inputs, scen, True)
        med_t, p90_t = _time(inputs, scen, False)
        print(f"{label:>19}: {active:>6} lines | lever change with frames: median {med_f:.1f} ms, p90 {p90_f:.1f} ms"
              f" | totals only: median {med_t:.1f} ms, p90 {p90_t:.1f} ms  (n={args.repeats})")

    tracemalloc.start()
    compute_plan(inputs, Scenario(warehouse_mix=full_mix))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"tracemalloc peak of one compute_plan (all warehouses mix): {peak / 1e6:.1f} MB")
    tracemalloc.start()
    build_plan_inputs(tables, fc, up, "MEGA-2026", as_of="2026-10-01")
    _, peak_b = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"tracemalloc peak of build_plan_inputs: {peak_b / 1e6:.1f} MB")

    for lever, values in (("service_level_pct", [80 + i for i in range(20)]),
                          ("presale_conversion_pct", [i * 5 for i in range(20)])):
        inputs.memo.clear()
        compute_plan(inputs, Scenario())  # the page's own plan first (its stages are what the sweep reuses)
        t3 = time.perf_counter()
        sensitivity(inputs, Scenario(), lever, values)
        print(f"sensitivity curve over {lever}, 20 points (empty memo): {1000 * (time.perf_counter() - t3):.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
