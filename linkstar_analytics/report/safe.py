"""Cell sanitising: user text must never be read as a spreadsheet formula.

SKU ids, product names, warehouse names and notes come from user files. A CSV cell such as
``=HYPERLINK("http://x","y")`` or ``@SUM(A1)`` is run as a formula when the file is opened in
Excel, LibreOffice or Google Sheets ("CSV injection" / "formula injection").

Rule (OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection): a text cell
that begins with ``=``, ``+``, ``-``, ``@``, a tab (0x09) or a carriage return (0x0D) is prefixed
with a single quote so that spreadsheet programs show it as text. Embedded double quotes and
separators are escaped by the CSV writer's ordinary quoting.

In .xlsx files the prefix is not needed (and would change the stored SKU id): the writer stores such
text with ``write_string`` as a string cell, sets ``strings_to_formulas=False`` on the workbook, and
gives risky cells Excel's "quote prefix" style so that editing the cell keeps it text.
"""

from __future__ import annotations

import io
import os
from typing import IO, Any

import pandas as pd

#: First characters that make a spreadsheet program treat a cell as a formula (OWASP list).
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

#: The prefix that turns a would-be formula into displayed text.
TEXT_PREFIX = "'"


def is_formula_like(value: Any) -> bool:
    """True when ``value`` is text starting with one of :data:`FORMULA_TRIGGERS`."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def neutralise_cell(value: Any) -> Any:
    """Return ``value`` made safe for a CSV cell.

    Text that begins with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading ``'``
    (OWASP CSV injection guidance); any other value (numbers, dates, missing values, ordinary
    text) is returned unchanged. Numbers are never prefixed: ``-5`` as a number is a number,
    not a formula; the text ``"-5"`` is prefixed like any other text starting with ``-``.

    Examples
    --------
    >>> neutralise_cell('=HYPERLINK("http://x","y")')
    '\\'=HYPERLINK("http://x","y")'
    >>> neutralise_cell("@SUM(A1)")
    "'@SUM(A1)"
    >>> neutralise_cell("Mug 350 ml")
    'Mug 350 ml'
    >>> neutralise_cell(-5)
    -5
    """
    if is_formula_like(value):
        return TEXT_PREFIX + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` with :func:`neutralise_cell` applied to every text cell and header.

    Numeric, boolean and date columns are left as they are; the input frame is not changed.
    """
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].map(neutralise_cell)
    out.columns = [neutralise_cell(str(c)) for c in out.columns]
    return out


def is_missing(v: Any) -> bool:
    """True for None, pandas NA/NaT and float NaN (a blank cell in every report)."""
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def write_safe_csv(frame: pd.DataFrame, path_or_buffer: str | os.PathLike[str] | IO[Any] | None = None, *,
                   float_format: str | None = None, encoding: str = "utf-8") -> bytes | None:
    """Write ``frame`` as CSV with every text cell and header made formula-safe (:func:`neutralise_frame`).

    Every CSV the project writes goes through here (or through ``report.sheet.write_plan_csv``, which applies
    the same rule): the CLI's ``plan`` and ``forecast`` outputs and the dashboard's table downloads. A path is
    written in ``encoding`` (its folder must exist); a text or binary buffer receives the text or the bytes;
    ``None`` returns the bytes. No index column is written.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"`frame` must be a pandas DataFrame (got {type(frame).__name__})")
    # CRLF rows (what spreadsheet programs write): the writer then quotes any cell holding a CR or LF.
    text = neutralise_frame(frame).to_csv(index=False, float_format=float_format, lineterminator="\r\n")
    data = text.encode(encoding)
    if path_or_buffer is None:
        return data
    if isinstance(path_or_buffer, (str, os.PathLike)):
        with open(path_or_buffer, "wb") as fh:
            fh.write(data)
        return None
    if isinstance(path_or_buffer, io.TextIOBase):
        path_or_buffer.write(text)
    else:
        path_or_buffer.write(data)
    return None
