"""Read table files (CSV in any common Chinese/English encoding, Excel .xlsx) into raw frames.

This module only turns bytes into cells: every cell comes back as text (CSV) or as the value
the workbook stores (xlsx: str, int, float, bool, datetime or None), with the row number the
user sees in the file. Typing and checking against :mod:`linkstar_analytics.schemas` is done in
:mod:`linkstar_analytics.io.validation`.

Encodings
---------
CSV bytes are decoded by trying, strictly and in order: UTF-16 when the bytes start with its
byte-order mark, UTF-8 (a leading BOM is dropped),
GB18030 (a superset of GBK and GB2312, which is what Excel on a Chinese Windows writes), and
last ``charset_normalizer``'s best guess. The first strict decode that succeeds wins; valid
UTF-8 is very rarely also meaningful GB18030 text, so the order matters and is fixed.

Row numbers
-----------
``row`` is the spreadsheet row: header = 1, first data row = 2. For CSV this is the record
number, which equals the line number unless a quoted cell spans several lines. For xlsx it is
the sheet row (leading empty rows included).

Formulas are never evaluated: xlsx files are opened with ``data_only=True`` (the value Excel
cached, if any) and a CSV cell such as ``=HYPERLINK(...)`` is just text.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from linkstar_analytics.schemas import TABLES

#: Largest file accepted, in megabytes (MiB). Override per call (``max_upload_mb=``) or with the
#: environment variable ``LINKSTAR_MAX_UPLOAD_MB``. Streamlit's own default upload limit is 200 MB.
MAX_UPLOAD_MB: float = 200.0

#: File name endings read as CSV / as Excel workbooks.
CSV_SUFFIXES: tuple[str, ...] = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm")

#: Encodings tried strictly, in this order, before charset_normalizer is asked.
ENCODINGS_TRIED: tuple[str, ...] = ("utf-8-sig", "gb18030")

Severity = str  # "error" | "warning"


@dataclass(frozen=True)
class Issue:
    """One problem found in an input file.

    Attributes
    ----------
    file : str
        File name as the user knows it (``sales.csv``; ``book.xlsx[sales]`` for a sheet).
    row : int | None
        Row as seen in the file: header = 1, first data row = 2; None for file/column-wide issues.
    column : str | None
        Column name as in the schema (or as in the file for unknown columns); None when file-wide.
    message : str
        What is wrong, in English, naming the value.
    fix : str
        What to do about it.
    severity : str
        ``"error"`` (blocks the import) or ``"warning"`` (imported; worth a look).
    code : str
        Stable identifier of the kind of problem (``missing_column``, ``negative_value``...), for
        translation and tests.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    fix: str
    severity: Severity = "error"
    code: str = "invalid"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def format_issue(issue: Issue) -> str:
    """One line for a person: ``sales.csv, row 14, column 'units': -3 is negative. Fix: ...``."""
    where = [issue.file]
    if issue.row is not None:
        where.append(f"row {issue.row}")
    if issue.column is not None:
        where.append(f"column '{issue.column}'")
    text = f"{', '.join(where)}: {issue.message}"
    if issue.fix:
        text += f" Fix: {issue.fix}"
    return text


@dataclass
class RawTable:
    """Cells of one table as read from a file or sheet, before typing.

    ``frame`` has one column per header cell (header text as in the file, duplicates kept as
    ``name``, ``name.1``...) and object dtype; ``rows`` holds each frame row's row number in
    the file (header = 1).
    """

    file: str
    table: str | None
    frame: pd.DataFrame
    rows: np.ndarray
    headers: list[str] = field(default_factory=list)
    #: True when every cell is a str (CSV); False for xlsx cells (numbers, datetimes, None...).
    text_cells: bool = True


def max_upload_bytes(max_upload_mb: float | None = None) -> int:
    """The size limit in bytes: the argument, else ``LINKSTAR_MAX_UPLOAD_MB``, else MAX_UPLOAD_MB."""
    if max_upload_mb is None:
        env = os.environ.get("LINKSTAR_MAX_UPLOAD_MB", "").strip()
        try:
            max_upload_mb = float(env) if env else MAX_UPLOAD_MB
        except ValueError:
            max_upload_mb = MAX_UPLOAD_MB
    return int(max_upload_mb * 1024 * 1024)


def table_for_name(stem: str) -> str | None:
    """The table a file stem (or sheet name) names, tolerant of case, spaces, '-' and a BOM."""
    key = normalise_name(stem)
    if key in TABLES:
        return key
    # "Sales (Nov)" / "sales_2026" style names: accept a known table name followed by a suffix.
    for name in sorted(TABLES, key=len, reverse=True):
        if key.startswith(name + "_") or key.startswith(name + "("):
            return name
    return None


def normalise_name(text: object) -> str:
    """Lower-case, strip spaces/BOM/quotes, and turn inner spaces and '-' into '_'."""
    s = "" if text is None else str(text)
    s = s.replace("\ufeff", "").replace("\u200b", "").strip().strip('"').strip("'").strip()
    s = re.sub(r"[\s\-]+", "_", s.lower())
    return s


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes; returns (text, encoding used). Raises UnicodeDecodeError if nothing fits.

    A UTF-16 byte-order mark (Excel's "Unicode Text" export) is honoured first.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    for enc in ENCODINGS_TRIED:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnicodeDecodeError("unknown", data[:1], 0, 1, "no encoding fits")
    return str(best), best.encoding


def _sniff_delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _frame_from_records(records: pd.DataFrame, first_row_number: int) -> tuple[pd.DataFrame, np.ndarray, list[str]]:
    """Split header row off a header=None frame; row numbers start at ``first_row_number`` (the header)."""
    if records.empty:
        return pd.DataFrame(), np.array([], dtype=np.int64), []
    header = ["" if (v is None or (isinstance(v, float) and np.isnan(v))) else str(v) for v in records.iloc[0].tolist()]
    body = records.iloc[1:].reset_index(drop=True)
    # Unique column labels, keeping the original text for messages.
    seen: dict[str, int] = {}
    labels: list[str] = []
    for h in header:
        n = seen.get(h, 0)
        labels.append(h if n == 0 else f"{h}.{n}")
        seen[h] = n + 1
    body.columns = labels
    rows = np.arange(first_row_number + 1, first_row_number + 1 + len(body), dtype=np.int64)
    return body.astype(object), rows, header


def read_csv_bytes(data: bytes, file: str, table: str | None) -> tuple[list[RawTable], list[Issue]]:
    """Read CSV bytes (encoding sniffed, delimiter ',', ';' or tab) into a RawTable."""
    try:
        text, _enc = decode_csv_bytes(data)
    except UnicodeDecodeError:
        return [], [Issue(file, None, None, "the file's text encoding could not be recognised.",
                          "save it as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8) and upload it again.",
                          "error", "unknown_encoding")]
    text = text.lstrip("\ufeff")
    if not text.strip():
        return [], [Issue(file, None, None, "the file is empty.", "export the table again with its header row.",
                          "error", "empty_file")]
    try:
        records = pd.read_csv(io.StringIO(text), sep=_sniff_delimiter(text), header=None, dtype=str,
                              keep_default_na=False, na_filter=False, skip_blank_lines=False, engine="c")
    except (pd.errors.ParserError, ValueError) as exc:
        return [], [Issue(file, None, None, f"the file is not a readable CSV table ({exc}).",
                          "check that every row has the same number of separators, or save it again from Excel.",
                          "error", "unreadable_file")]
    frame, rows, header = _frame_from_records(records, 1)
    return [RawTable(file, table, frame, rows, header)], []


def read_xlsx_bytes(data: bytes, file: str, table: str | None) -> tuple[list[RawTable], list[Issue]]:
    """Read an .xlsx workbook: the sheet named like the table, else the first sheet.

    When the file name is not a table name, every sheet whose name is a table name is read
    (one workbook may hold the whole dataset).
    """
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types (zipfile.BadZipFile, KeyError, InvalidFileException)
        return [], [Issue(file, None, None, f"the workbook could not be opened ({type(exc).__name__}).",
                          "save it again as an Excel workbook (.xlsx), or export the sheet as CSV UTF-8.",
                          "error", "unreadable_file")]
    try:
        by_table = {table_for_name(name): name for name in reversed(wb.sheetnames)}
        if table is not None:
            picks = [(table, by_table.get(table, wb.sheetnames[0]))]
        else:
            picks = [(t, s) for s in wb.sheetnames if (t := table_for_name(s)) is not None]
            if not picks:
                picks = [(None, wb.sheetnames[0])]
        out: list[RawTable] = []
        issues: list[Issue] = []
        for tname, sheet in picks:
            label = file if len(wb.sheetnames) == 1 else f"{file}[{sheet}]"
            ws = wb[sheet]
            values = [list(r) for r in ws.iter_rows(min_row=1, values_only=True)]
            first = 0
            while first < len(values) and all(v is None or (isinstance(v, str) and not v.strip()) for v in values[first]):
                first += 1
            if first >= len(values):
                issues.append(Issue(label, None, None, f"sheet '{sheet}' is empty.",
                                    "put the header row in row 1 and the data below it.", "error", "empty_file"))
                continue
            width = max(len(r) for r in values[first:])
            records = pd.DataFrame([r + [None] * (width - len(r)) for r in values[first:]], dtype=object)
            frame, rows, header = _frame_from_records(records, first + 1)
            out.append(RawTable(label, tname, frame, rows, header, text_cells=False))
        return out, issues
    finally:
        wb.close()


def read_source(source: str | os.PathLike | tuple[bytes, str], *,
                max_upload_mb: float | None = None) -> tuple[list[RawTable], list[Issue]]:
    """Read one file given as a path or as ``(bytes, filename)`` (an upload).

    Returns the raw tables found (usually one) and file-level issues (too large, unreadable,
    unknown encoding). Unknown file names are read too (``table`` is None) so the caller can
    suggest the closest table name.
    """
    limit = max_upload_bytes(max_upload_mb)
    if isinstance(source, tuple):
        data, filename = source if isinstance(source[0], (bytes, bytearray)) else source[::-1]
        data = bytes(data)
        name = Path(filename).name
        size = len(data)
    else:
        path = Path(source)
        name = path.name
        size = path.stat().st_size
        data = None
    if size > limit:
        return [], [Issue(name, None, None,
                          f"the file is {size / 1024 / 1024:.1f} MB; the limit is {limit / 1024 / 1024:g} MB.",
                          "split it (for example one file per month of sales), or raise the limit with the "
                          "environment variable LINKSTAR_MAX_UPLOAD_MB.", "error", "file_too_large")]
    if data is None:
        data = Path(source).read_bytes()  # type: ignore[arg-type]
    suffix = Path(name).suffix.lower()
    table = table_for_name(Path(name).stem)
    if suffix in XLSX_SUFFIXES:
        return read_xlsx_bytes(data, name, table)
    if suffix in CSV_SUFFIXES:
        return read_csv_bytes(data, name, table)
    if suffix == ".xls":
        return [], [Issue(name, None, None, "old Excel .xls workbooks are not read.",
                          "open it in Excel and save it as .xlsx or as CSV UTF-8.", "error", "unsupported_file")]
    return [], [Issue(name, None, None, f"files ending in '{suffix or '(none)'}' are not read.",
                      "give tables as .csv or .xlsx files named after the table, e.g. sales.csv.",
                      "warning", "unsupported_file")]
