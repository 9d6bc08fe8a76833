"""Speed and size of the report writers on a synthetic plan (prints figures; not a test).

    python bench/report_export.py [ROWS]

Builds ROWS plan lines (default 5,000 SKU x warehouse rows) with a schedule, then times
plan_sheet_frame, write_plan_xlsx, write_plan_csv, the declaration (frame and workbook), the report's SVG
charts (a scatter of every line and the cash chart) and review_report_html.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def synthetic(rows: int, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    sku = np.array([f"SKU-{i:05d}" for i in range(rows)], dtype=object)
    wh = rng.choice(["US-FBT-1", "US-3PL-2", "UK-FBT-1", "TH-SELF"], rows)
    mean = rng.gamma(2.0, 60.0, rows)
    lines = pd.DataFrame(
        {
            "sku": sku, "name": [f"商品 {i} / product {i}" for i in range(rows)], "region": "US", "warehouse_id": wh,
            "fulfilment_mode": "FBT", "freight_mode": rng.choice(["sea", "air", "express"], rows),
            "demand_mean": mean, "demand_p90": mean * 1.5, "presale_units": rng.poisson(5, rows).astype(float),
            "qty_before_rounding": mean * 1.2, "qty_after_rounding": np.ceil(mean * 1.2 / 12) * 12,
            "stockout_prob": rng.uniform(0, 0.3, rows), "landed_cost_per_unit": rng.uniform(1, 20, rows),
            "currency": "USD", "flags": "",
        }
    )
    lines["total_landed_cost"] = lines["qty_after_rounding"] * lines["landed_cost_per_unit"]
    base = pd.Timestamp("2026-10-01")
    schedule = pd.DataFrame(
        {
            "sku": sku, "warehouse_id": wh,
            "latest_po_date": base + pd.to_timedelta(rng.integers(0, 20, rows), unit="D"),
            "ship_by": base + pd.to_timedelta(rng.integers(20, 30, rows), unit="D"),
            "arrival_port": base + pd.to_timedelta(rng.integers(30, 50, rows), unit="D"),
            "is_late": rng.uniform(size=rows) < 0.1, "days_late": 0,
        }
    )
    return lines, schedule


def main() -> None:
    from linkstar_analytics.report.declaration import declaration_frame, write_declaration_xlsx
    from linkstar_analytics.report.figures import cash_svg, risk_scatter_svg
    from linkstar_analytics.report.html import review_report_html
    from linkstar_analytics.report.sheet import plan_sheet_frame, write_plan_csv, write_plan_xlsx

    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    lines, schedule = synthetic(rows)
    t = time.perf_counter()
    frame = plan_sheet_frame(lines, schedule, lang="zh")
    t_frame = time.perf_counter() - t
    t = time.perf_counter()
    xlsx = write_plan_xlsx(frame, None, scenario_summary={"Dataset version": "1"}, lang="zh")
    t_xlsx = time.perf_counter() - t
    t = time.perf_counter()
    csv_bytes = write_plan_csv(frame, None)
    t_csv = time.perf_counter() - t
    rng = np.random.default_rng(1)
    skus = pd.DataFrame({"sku": lines["sku"], "case_pack_units": 12, "carton_length_cm": 40.0,
                         "carton_width_cm": 30.0, "carton_height_cm": 25.0, "carton_gross_weight_kg": 9.5,
                         "platform_sku_id": [f"1730{i:015d}" for i in range(rows)],
                         "platform_product_id": [f"1729{i:015d}" for i in range(rows)]})
    t = time.perf_counter()
    decl = declaration_frame(lines, skus, campaign_name="bench", schedule=schedule, lang="zh")
    decl_xlsx = write_declaration_xlsx(decl, campaign_name="bench", lang="zh")
    t_decl = time.perf_counter() - t
    t = time.perf_counter()
    points = pd.DataFrame({"stockout_pct": 100 * lines["stockout_prob"], "leftover_cost": rng.gamma(2, 50, rows),
                           "units": lines["qty_after_rounding"], "region": lines["warehouse_id"]})
    cash = pd.DataFrame({"week_start": pd.date_range("2026-10-05", periods=20, freq="W-MON"),
                         "paid": rng.gamma(2, 1e4, 20), "released": rng.gamma(2, 5e3, 20)})
    cash["tied_up"] = (cash["paid"] - cash["released"]).cumsum()
    figs = [risk_scatter_svg(points, title="t", x_label="x", y_label="y", size_label="s"),
            cash_svg(cash, title="t", x_label="x", y_label="y", paid_label="p", released_label="r", tied_label="t")]
    t_figs = time.perf_counter() - t
    t = time.perf_counter()
    page = review_report_html(
        title="bench", scenario_summary=[("a", "b")], headline=[("x", "1")], top_stockout=lines.head(50),
        top_overstock=lines.head(50), late_items=schedule.head(50), blocking=None, decisions=None, figures=figs,
        currency="USD", lang="zh",
    )
    t_html = time.perf_counter() - t
    print(f"rows={rows}")
    print(f"plan_sheet_frame   {t_frame * 1000:8.1f} ms")
    print(f"write_plan_xlsx    {t_xlsx * 1000:8.1f} ms  {len(xlsx) / 1e6:6.2f} MB")
    print(f"write_plan_csv     {t_csv * 1000:8.1f} ms  {len(csv_bytes) / 1e6:6.2f} MB")
    print(f"declaration        {t_decl * 1000:8.1f} ms  {len(decl_xlsx) / 1e6:6.2f} MB ({len(decl)} lines, frame + xlsx)")
    print(f"report charts      {t_figs * 1000:8.1f} ms  {sum(len(f) for f in figs) / 1e6:6.2f} MB (scatter of {rows} points, cash)")
    print(f"review_report_html {t_html * 1000:8.1f} ms  {len(page.encode()) / 1e6:6.2f} MB (2 charts, 3 tables of 50)")


if __name__ == "__main__":
    main()
