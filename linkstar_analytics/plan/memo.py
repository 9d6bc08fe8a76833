"""A small thread-safe memo of plan results per scenario, carried by each :class:`~plan.inputs.PlanInputs`.

One ``PlanInputs`` serves every session that plans the same dataset, forecast and campaign (the app shares it
process-wide), and a What-if rerun asks the same questions of it several times: the page's plan, the season block and
the emergency pool reuse the plan's stages; the sensitivity sweep asks for the totals of a handful of scenarios that
mostly repeat from one rerun to the next (moving the swept lever itself changes none of them). The memo answers those
from memory. It is exact by construction: a value is keyed by the whole (hashable, frozen) scenario and computed
from nothing else but the inputs that carry the memo.

Each kind of value has its own bounded least-recently-used table. A value is computed once per key: a second thread
asking for a key being computed waits for it (one lock per key), threads asking for other keys do not wait. Values
are shared between sessions and must never be mutated: the stages' arrays are made read-only before they are shared.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import numpy as np

T = TypeVar("T")

#: Entries kept per kind: plan stages and full plans are large (arrays and frames over every line), totals are a few
#: dozen floats (a sensitivity sweep over a few levers fits many times).
DEFAULT_SIZES: dict[str, int] = {"stages": 4, "plan": 4, "totals": 256, "moves": 4}


class PlanMemo:
    """Bounded LRU tables of computed values, one per kind, with one lock per key being computed."""

    def __init__(self, sizes: dict[str, int] | None = None) -> None:
        self._sizes = dict(DEFAULT_SIZES if sizes is None else sizes)
        self._lock = threading.Lock()
        self._tables: dict[str, OrderedDict[Hashable, Any]] = {kind: OrderedDict() for kind in self._sizes}
        self._building: dict[tuple[str, Hashable], threading.Lock] = {}
        self.hits = 0
        self.misses = 0

    def get(self, kind: str, key: Hashable, compute: Callable[[], T]) -> T:
        """The value of ``kind`` for ``key``, computed with ``compute()`` the first time (once, whatever the number
        of threads asking at the same moment)."""
        table = self._tables[kind]
        with self._lock:
            if key in table:
                table.move_to_end(key)
                self.hits += 1
                return table[key]
            building = self._building.setdefault((kind, key), threading.Lock())
        with building:
            with self._lock:
                if key in table:  # computed by another thread while this one waited
                    table.move_to_end(key)
                    self.hits += 1
                    return table[key]
            try:
                value = compute()
            except BaseException:
                with self._lock:
                    self._building.pop((kind, key), None)
                raise
            with self._lock:
                self.misses += 1
                table[key] = value
                while len(table) > self._sizes[kind]:
                    table.popitem(last=False)
                self._building.pop((kind, key), None)
        return value

    def __len__(self) -> int:
        with self._lock:
            return sum(len(t) for t in self._tables.values())

    def clear(self) -> None:
        with self._lock:
            for table in self._tables.values():
                table.clear()

    # a memo is a cache, not data: copies and pickles of the object that carries it start empty
    def __deepcopy__(self, memo: dict) -> PlanMemo:
        return PlanMemo(self._sizes)

    def __reduce__(self):
        return (PlanMemo, (self._sizes,))


def freeze_arrays(obj: Any, _seen: set[int] | None = None) -> Any:
    """Make every numpy array reachable through ``obj``'s dataclass fields (and tuples of them) read-only, in place;
    returns ``obj``. Shared values then fail loudly if anything tries to write into them."""
    seen = set() if _seen is None else _seen
    if id(obj) in seen:
        return obj
    seen.add(id(obj))
    if isinstance(obj, np.ndarray):
        obj.flags.writeable = False
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            freeze_arrays(getattr(obj, f.name), seen)
    elif isinstance(obj, (tuple, list)):
        for item in obj:
            freeze_arrays(item, seen)
    return obj
