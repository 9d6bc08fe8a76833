"""Landed cost, FX, backward schedules, stock in transit, readiness and alerts.

Every default figure lives in :mod:`linkstar_analytics.cost.defaults` as an overridable table with
its source. Modules: ``fx`` (conversion), ``landed`` (per-unit landed cost and the plan's fast
path), ``schedule`` (backward schedule from the inbound cutoff), ``transit`` (shipments in
transit), ``readiness`` (compliance checklist), ``alerts`` (one sorted alert list).
"""
