"""Currency conversion over a CNY-based rates table (vectorised).

The rates table (``defaults.default_fx_rates()`` or your own frame with the same columns) holds
``cny_per_unit``: how many CNY one unit of the currency buys. Converting ``a`` from X to Y is
``a * cny_per_unit[X] / cny_per_unit[Y]`` (cross rate through CNY, the currency most purchase
and freight invoices are in).

Examples
--------
>>> from linkstar_analytics.cost.fx import convert
>>> from linkstar_analytics.cost.defaults import default_fx_rates
>>> float(convert(10.0, "USD", "CNY", default_fx_rates()))
71.0
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from linkstar_analytics.cost.defaults import default_fx_rates

FxLike = pd.DataFrame | Mapping[str, float] | None


class UnknownCurrencyError(ValueError):
    """A currency code that the FX table does not know (message names it and the known codes)."""

    def __init__(self, codes: Sequence[str], known: Sequence[str], field: str = "currency"):
        self.codes = tuple(codes)
        self.known = tuple(known)
        self.field = field
        super().__init__(
            f"unknown currency {', '.join(map(repr, self.codes))} in {field}; known: {', '.join(self.known)}. "
            "Fix the ISO 4217 code or add a row (currency, cny_per_unit) to the FX table."
        )


def fx_table(fx: FxLike = None) -> pd.Series:
    """Normalise an FX input to a Series ``currency -> CNY per unit``, validated.

    ``fx`` may be None (the defaults), a frame with ``currency`` and ``cny_per_unit`` columns (it
    replaces the defaults), or a mapping ``{"USD": 7.1, ...}`` (it overrides those rates on top of
    the defaults, so a scenario can move one rate without restating the others). CNY is added as
    1.0 when missing.

    Raises
    ------
    ValueError
        A rate that is missing, not finite or not > 0 (names the currency and the value).
    """
    if fx is None:
        fx = default_fx_rates()
    if isinstance(fx, pd.DataFrame):
        missing = {"currency", "cny_per_unit"} - set(fx.columns)
        if missing:
            raise ValueError(
                f"FX table is missing column(s) {sorted(missing)}; it needs currency (ISO code) and "
                "cny_per_unit (CNY for 1 unit). Start from cost.defaults.default_fx_rates()."
            )
        s = pd.Series(fx["cny_per_unit"].to_numpy(dtype=float), index=fx["currency"].astype(str).str.upper())
    elif isinstance(fx, Mapping):
        base = default_fx_rates()
        s = pd.Series(base["cny_per_unit"].to_numpy(dtype=float), index=base["currency"].astype(str).str.upper())
        for k, v in fx.items():
            try:
                s.loc[str(k).upper()] = float(v)
            except (TypeError, ValueError):
                raise ValueError(f"FX rate for {k} must be a number (CNY per unit) > 0 (got {v!r}).") from None
    else:
        raise TypeError(f"fx must be a DataFrame (currency, cny_per_unit), a mapping or None; got {type(fx).__name__}")
    s = s[~s.index.duplicated(keep="last")]
    bad = s[~np.isfinite(s.to_numpy()) | (s.to_numpy() <= 0)]
    if len(bad):
        cur, val = bad.index[0], bad.iloc[0]
        raise ValueError(f"FX rate cny_per_unit for {cur} must be a number > 0 (got {val}); fix the FX table row for {cur}.")
    if "CNY" not in s.index:
        s.loc["CNY"] = 1.0
    return s


def known_currencies(fx: FxLike = None) -> tuple[str, ...]:
    """The currency codes the FX table knows, sorted."""
    return tuple(sorted(fx_table(fx).index))


def cny_per_unit(currencies, fx: FxLike = None, *, field: str = "currency", strict: bool = True) -> np.ndarray:
    """CNY per unit for each code in ``currencies`` (vectorised lookup).

    With ``strict=True`` an unknown code raises :class:`UnknownCurrencyError`; with ``strict=False``
    unknown codes give NaN (used where bad rows are reported as problems, not raised).
    """
    table = fx_table(fx)
    codes = pd.Index(np.atleast_1d(np.asarray(currencies, dtype=object)).astype(str)).str.upper()
    idx = table.index.get_indexer(codes)
    if strict and (idx < 0).any():
        unknown = sorted(set(codes[idx < 0]))
        raise UnknownCurrencyError(unknown, sorted(table.index), field=field)
    vals = np.append(table.to_numpy(dtype=float), np.nan)
    return vals[idx]


def convert(amount, from_ccy, to_ccy, fx: FxLike = None):
    """Convert ``amount`` from ``from_ccy`` to ``to_ccy``: ``amount * cny[from] / cny[to]``.

    Vectorised: ``amount``, ``from_ccy`` and ``to_ccy`` may be scalars or equal-length / broadcastable
    arrays (or Series). A scalar in gives a numpy float out; an array in gives an array; a Series
    ``amount`` gives a Series with the same index.

    Parameters
    ----------
    amount : float or array-like
        Money in ``from_ccy``.
    from_ccy, to_ccy : str or array-like of str
        ISO 4217 codes known to the FX table.
    fx : DataFrame, mapping or None
        Rates table (``currency``, ``cny_per_unit``); None uses ``default_fx_rates()``.

    Raises
    ------
    UnknownCurrencyError
        A code the table does not know; the message names it and lists the known codes.
    """
    table = fx_table(fx)
    frame = pd.DataFrame({"currency": table.index, "cny_per_unit": table.to_numpy()})
    f = cny_per_unit(from_ccy, frame, field="from_ccy")
    t = cny_per_unit(to_ccy, frame, field="to_ccy")
    if np.ndim(from_ccy) == 0:
        f = f[0]
    if np.ndim(to_ccy) == 0:
        t = t[0]
    if isinstance(amount, pd.Series):
        return amount * (f / t) if np.ndim(f / t) == 0 else pd.Series(amount.to_numpy(dtype=float) * f / t, index=amount.index)
    out = np.asarray(amount, dtype=float) * f / t
    return out[()] if np.ndim(out) == 0 else out


def fx_vector(currencies: Sequence[str], fx: FxLike = None) -> np.ndarray:
    """CNY per unit for each of ``currencies`` in order (strict): the ``fx_vector`` the landed fast path takes.

    Scale one entry to move a lever, e.g. ``v[currencies.index("USD")] *= 1.05`` for a 5% stronger USD.
    """
    return cny_per_unit(list(currencies), fx, field="currencies")


def apply_fx_shock(cny_per_unit, currencies, shock_pct: float) -> np.ndarray:
    """CNY per unit after every foreign currency moves ``shock_pct`` % against CNY (CNY stays 1).

    Formula: ``rate' = rate x (1 + shock_pct / 100)`` for each currency other than CNY. -5 means each foreign
    currency buys 5 % fewer CNY: a USD price of 10 at 7.0 CNY/USD becomes 10 x 6.65 = 66.5 CNY.

    >>> [round(float(r), 6) for r in apply_fx_shock([1.0, 7.0], ["CNY", "USD"], -5.0)]
    [1.0, 6.65]
    """
    rates = np.asarray(cny_per_unit, dtype=float)
    pct = float(shock_pct)
    if not np.isfinite(pct) or pct <= -100.0:
        raise ValueError(f"shock_pct must be a finite % above -100 (got {shock_pct}); e.g. -5 for a 5 % weaker "
                         "foreign currency against CNY.")
    foreign = np.array([str(c).upper() != "CNY" for c in currencies], dtype=bool)
    return np.where(foreign, rates * (1.0 + pct / 100.0), rates)


__all__ = ["FxLike", "UnknownCurrencyError", "apply_fx_shock", "convert", "cny_per_unit", "fx_table", "fx_vector", "known_currencies"]
