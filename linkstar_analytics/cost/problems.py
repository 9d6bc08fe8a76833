"""Row-level input problems reported (not raised) by the cost functions.

A bad row (a negative dimension, an unknown currency, a warehouse without a rate for a freight
mode) must not stop the other 1,999 SKUs from being costed: the affected rows get NaN and a
:class:`Problem` says what is wrong and how to fix it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

import pandas as pd

PROBLEM_COLUMNS = ("severity", "sku", "warehouse_id", "freight_mode", "field", "value", "message", "fix")


@dataclass(frozen=True)
class Problem:
    """One input problem.

    ``sku`` / ``warehouse_id`` / ``freight_mode`` are None when the problem affects every SKU
    (or every warehouse / mode). ``severity`` is ``"error"`` (the affected rows are NaN) or
    ``"warning"`` (a fallback was used; rows still compute).
    """

    sku: str | None
    warehouse_id: str | None
    freight_mode: str | None
    field: str
    value: object
    message: str
    fix: str
    severity: str = "error"

    def __str__(self) -> str:
        where = ", ".join(
            f"{k}={v}" for k, v in (("sku", self.sku), ("warehouse", self.warehouse_id), ("mode", self.freight_mode)) if v is not None
        )
        return f"[{self.severity}] {where or 'all rows'}: {self.message} Fix: {self.fix}"


def problems_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    """Problems as a frame with columns ``PROBLEM_COLUMNS`` (empty frame when there are none)."""
    rows = [asdict(p) for p in problems]
    return pd.DataFrame(rows, columns=list(PROBLEM_COLUMNS)) if rows else pd.DataFrame(columns=list(PROBLEM_COLUMNS))


__all__ = ["PROBLEM_COLUMNS", "Problem", "problems_frame"]
