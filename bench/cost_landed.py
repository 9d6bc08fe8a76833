"""Speed of the cost layer: landed-cost fast path (the plan's hot loop), table, schedule, readiness.

Usage: python bench/cost_landed.py [--skus 2000] [--warehouses 8] [--repeats 200]

Builds a catalogue by tiling the committed sample SKUs (renamed) and cloning sample warehouses up to
``--warehouses``. Target: ``landed_from_arrays`` for 2,000 SKUs x 8 warehouses well under 10 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linkstar_analytics.cost.landed import landed_cost_table, landed_from_arrays, prepare_landed_arrays  # noqa: E402
from linkstar_analytics.cost.readiness import readiness_checklist  # noqa: E402
from linkstar_analytics.cost.schedule import backward_schedule, prepare_schedule_arrays, schedule_from_arrays  # noqa: E402


def _tables(n_skus: int, n_wh: int) -> dict[str, pd.DataFrame]:
    read = lambda name, **kw: pd.read_csv(ROOT / "sample_data" / f"{name}.csv", **kw)  # noqa: E731
    skus = read("skus", dtype={"hs_code": str, "barcode": str})
    reps = int(np.ceil(n_skus / len(skus)))
    skus = pd.concat([skus.assign(sku=skus["sku"] + f"-{k}") for k in range(reps)], ignore_index=True).iloc[:n_skus]
    wh, lanes, lm = read("warehouses"), read("freight_lanes"), read("last_mile")
    base = wh.copy()
    k = 0
    while len(wh) < n_wh:
        src = base.iloc[k % len(base)]
        new_id = f"{src.warehouse_id}-{k + 2}"
        wh = pd.concat([wh, src.to_frame().T.assign(warehouse_id=new_id)], ignore_index=True)
        lanes = pd.concat([lanes, lanes[lanes.warehouse_id == src.warehouse_id].assign(warehouse_id=new_id)], ignore_index=True)
        lm = pd.concat([lm, lm[lm.warehouse_id == src.warehouse_id].assign(warehouse_id=new_id)], ignore_index=True)
        k += 1
    wh = wh.iloc[:n_wh].infer_objects()
    camps = read("campaigns", parse_dates=["start_date", "end_date", "declaration_deadline", "inbound_cutoff"])
    return {"skus": skus, "warehouses": wh, "freight_lanes": lanes, "last_mile": lm,
            "campaign": camps.set_index("campaign_id").loc["BFCM-2026"]}


def _time(fn, repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skus", type=int, default=2000)
    ap.add_argument("--warehouses", type=int, default=8)
    ap.add_argument("--repeats", type=int, default=200)
    args = ap.parse_args(argv)
    T = _tables(args.skus, args.warehouses)
    S, W = len(T["skus"]), len(T["warehouses"])

    t0 = time.perf_counter()
    arrays = prepare_landed_arrays(T["skus"], T["warehouses"], T["freight_lanes"], T["last_mile"])
    prep_ms = (time.perf_counter() - t0) * 1000
    modes = {w: ("air" if w.startswith("SELF") else "sea") for w in arrays.warehouse_ids}
    mi = arrays.mode_index(modes)
    fxv = arrays.fx_vector()
    rng = np.random.default_rng(0)
    days = rng.integers(20, 80, size=(S, W)).astype(float)

    def hot():
        v = fxv * (1 + rng.normal(0, 0.01, size=fxv.shape))   # an FX slider move
        landed_from_arrays(arrays, mi, v, display_currency="USD", dwell_days=45.0,
                           days_before_departure_to_campaign=days)

    hot_med, hot_max = _time(hot, args.repeats)
    table_med, _ = _time(lambda: landed_cost_table(T["skus"], T["warehouses"], T["freight_lanes"], T["last_mile"],
                                                   display_currency="USD"), 5)
    sched_med, _ = _time(lambda: backward_schedule(T["skus"], T["warehouses"], T["freight_lanes"], T["campaign"],
                                                   buffer_days=7, freight_mode_by_warehouse=modes, today="2026-09-15"), 5)
    sa = prepare_schedule_arrays(T["skus"], T["warehouses"], T["freight_lanes"])
    smi = sa.mode_index(modes)
    c = T["campaign"]
    sfast_med, _ = _time(lambda: schedule_from_arrays(sa, smi, inbound_cutoff=c["inbound_cutoff"],
                                                      campaign_start=c["start_date"], buffer_days=rng.integers(0, 21),
                                                      today="2026-09-15"), args.repeats)
    ready_med, _ = _time(lambda: readiness_checklist(T["skus"], T["warehouses"]), 5)

    print(f"catalogue                     {S:>8,} SKUs x {W} warehouses x 3 modes")
    print(f"prepare_landed_arrays (once)  {prep_ms:>8.1f} ms")
    print(f"landed_from_arrays (hot)      {hot_med:>8.2f} ms median, {hot_max:.2f} ms max over {args.repeats}")
    print(f"landed_cost_table             {table_med:>8.1f} ms median of 5")
    print(f"backward_schedule             {sched_med:>8.1f} ms median of 5")
    print(f"schedule_from_arrays (hot)    {sfast_med:>8.2f} ms median over {args.repeats}")
    print(f"readiness_checklist           {ready_med:>8.1f} ms median of 5")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
