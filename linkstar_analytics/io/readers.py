"""Read table files (CSV in any common Chinese/English encoding, Excel .xlsx) into raw frames.

This module only turns bytes into cells: every cell comes back as text (CSV) or as the value
the workbook stores (xlsx: str, int, float, bool or None), with the row number the user sees in
the file. Typing and checking against :mod:`linkstar_analytics.schemas` is done in
:mod:`linkstar_analytics.io.validation`. Nothing here changes data silently: a file is read in
full or refused with a message naming the file (and row) and the fix.

Encodings
---------
CSV bytes are decoded per file (:func:`detect_encoding`): a UTF-16 or UTF-8 byte-order mark is
honoured; valid UTF-8 is UTF-8. Otherwise the bytes must read *plausibly* in one encoding:
GB18030 (a superset of GBK / GB2312, what Excel on a Chinese Windows writes) when nearly all its
two-byte characters are common Chinese ones (the GB2312 area), else Windows-1252 (Western
European Excel) when every non-ASCII character is a letter or sign of that code page (read with a
warning naming the encoding), else ``charset_normalizer``'s guess when it is confident (also with a
warning). A file in which some rows are UTF-8 and the rest another encoding, or that no encoding
reads without replacement characters or garbled text, is refused with the encoding named: a
Windows-1252 "Müller" read as GBK would otherwise be stored as "M黮ler".

Limits, checked before the work
-------------------------------
The byte size (``LINKSTAR_MAX_UPLOAD_MB``); rows (``LINKSTAR_MAX_ROWS``), columns
(``LINKSTAR_MAX_COLUMNS``) and cells (``LINKSTAR_MAX_CELLS``) are counted on the raw bytes of a CSV
(line breaks, separators in the header) and on the unpacked sheet XML of a workbook (``<row>`` and
``<c>`` tags, streamed) before anything is parsed, and a workbook's unpacked size is bounded
(``LINKSTAR_MAX_XLSX_UNPACKED_MB``): a small file that unpacks or declares a huge sheet is refused
at once.

Workbooks
---------
``.xlsx`` sheets are read by a small streaming reader of the sheet XML (the standard library's
``xml.etree.ElementTree.iterparse`` over the zip member), not by the sheet's declared size: every
cell holding a value is read, whatever ``<dimension>`` says, and styled but empty cells cost
nothing. Shared strings, inline strings, numbers, booleans and the cached results of formulas are
read; formulas are never evaluated. Dates stored as Excel serial numbers come back as numbers and
are turned into dates by the validator. Document type declarations (entity definitions) never
appear in a genuine workbook, so a part that has one is refused before parsing, and malformed XML
is answered with a message, never a traceback.

Row numbers
-----------
``row`` is the spreadsheet row: header = 1, first data row = 2. For CSV this is the record
number, which equals the line number unless a quoted cell spans several lines. For xlsx it is
the sheet row (leading empty rows included).
"""

from __future__ import annotations

import io
import math
import os
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import numpy as np
import pandas as pd

from linkstar_analytics.io.messages import T, Text, quote
from linkstar_analytics.schemas import TABLES

#: Largest file accepted, in megabytes (MiB). Override per call (``max_upload_mb=``) or with the
#: environment variable ``LINKSTAR_MAX_UPLOAD_MB``. Streamlit's own default upload limit is 200 MB.
MAX_UPLOAD_MB: float = 200.0
#: Most rows (header included) one table file may have (``LINKSTAR_MAX_ROWS``).
MAX_ROWS: int = 5_000_000
#: Most columns one table file may have (``LINKSTAR_MAX_COLUMNS``); the widest table has 22.
MAX_COLUMNS: int = 200
#: Most cells (rows x columns) one table file may have (``LINKSTAR_MAX_CELLS``).
MAX_CELLS: int = 50_000_000
#: Most bytes a workbook's parts may unpack to, in MiB (``LINKSTAR_MAX_XLSX_UNPACKED_MB``).
MAX_XLSX_UNPACKED_MB: float = 2048.0

#: File name endings read as CSV / as Excel workbooks.
CSV_SUFFIXES: tuple[str, ...] = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm")

#: Encodings tried strictly, in this order, before the plausibility rules (kept for reference).
ENCODINGS_TRIED: tuple[str, ...] = ("utf-8-sig", "gb18030")

#: Share of GB18030 two-byte characters that must be common Chinese characters (GB2312 area) for a
#: file to be read as GBK / GB18030 without question.
GB_COMMON_SHARE_MIN = 0.9
#: charset_normalizer's "chaos" (mess) ratio below which its guess is trusted.
GUESS_CHAOS_MAX = 0.05

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
        What to do about it, in English.
    severity : str
        ``"error"`` (blocks the import) or ``"warning"`` (imported; worth a look).
    code : str
        Stable identifier of the kind of problem (``missing_column``, ``negative_value``...), for
        translation and tests.
    text, fix_text : Text | None
        The message and the fix in no particular language (``.render("zh")``); see :func:`render_issue`.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    fix: str
    severity: Severity = "error"
    code: str = "invalid"
    text: Text | None = field(default=None, compare=False, repr=False)
    fix_text: Text | None = field(default=None, compare=False, repr=False)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def make_issue(file: str, row: int | None, column: str | None, code: str, text: Text, fix: Text,
               severity: Severity = "error") -> Issue:
    """An :class:`Issue` whose English ``message`` / ``fix`` are rendered from ``text`` / ``fix``."""
    return Issue(file, row, column, text.render("en"), fix.render("en"), severity, code, text, fix)


def render_issue(issue: Issue, lang: str = "en") -> tuple[str, str]:
    """(message, fix) of ``issue`` in ``lang`` ("en" or "zh")."""
    message = issue.text.render(lang) if issue.text is not None else issue.message
    fix = issue.fix_text.render(lang) if issue.fix_text is not None else issue.fix
    return message, fix


def format_issue(issue: Issue, lang: str = "en") -> str:
    """One line for a person: ``sales.csv, row 14, column 'units': -3 is negative. Fix: ...``."""
    message, fix = render_issue(issue, lang)
    where = [issue.file]
    if issue.row is not None:
        where.append(T("where.row", row=issue.row).render(lang))
    if issue.column is not None:
        where.append(T("where.column", col=issue.column).render(lang))
    if lang == "zh":
        return f"{'，'.join(where)}：{message}" + (f"{T('where.fix').render(lang)}{fix}" if fix else "")
    text = f"{', '.join(where)}: {message}"
    if fix:
        text += f" {T('where.fix').render(lang)} {fix}"
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
    #: True when every cell is a str (CSV); False for xlsx cells (numbers, None...).
    text_cells: bool = True
    #: The text encoding a CSV was read in ("" for workbooks).
    encoding: str = ""


# --------------------------------------------------------------------------------------------
# Limits (environment overrides are checked: a value that is not a positive finite number is ignored)
# --------------------------------------------------------------------------------------------

def _env_number(name: str, default: float) -> float:
    text = os.environ.get(name, "").strip()
    if not text:
        return float(default)
    try:
        value = float(text)
    except ValueError:
        return float(default)
    return value if math.isfinite(value) and value > 0 else float(default)


def upload_limit_mb(max_upload_mb: float | None = None) -> float:
    """The size limit in MB: the argument, else ``LINKSTAR_MAX_UPLOAD_MB``, else :data:`MAX_UPLOAD_MB`.

    A value that is not a positive finite number (``nan``, ``inf``, ``-1``, ``abc``) is ignored."""
    if max_upload_mb is not None:
        try:
            value = float(max_upload_mb)
        except (TypeError, ValueError):
            value = float("nan")
        if math.isfinite(value) and value > 0:
            return value
    return _env_number("LINKSTAR_MAX_UPLOAD_MB", MAX_UPLOAD_MB)


def max_upload_bytes(max_upload_mb: float | None = None) -> int:
    """The size limit in bytes (see :func:`upload_limit_mb`)."""
    return int(upload_limit_mb(max_upload_mb) * 1024 * 1024)


def row_limit() -> int:
    return int(_env_number("LINKSTAR_MAX_ROWS", MAX_ROWS))


def column_limit() -> int:
    return int(_env_number("LINKSTAR_MAX_COLUMNS", MAX_COLUMNS))


def cell_limit() -> int:
    return int(_env_number("LINKSTAR_MAX_CELLS", MAX_CELLS))


def xlsx_unpacked_limit_bytes() -> int:
    return int(_env_number("LINKSTAR_MAX_XLSX_UNPACKED_MB", MAX_XLSX_UNPACKED_MB) * 1024 * 1024)


def _fmt_n(n: int) -> str:
    return f"{int(n):,}"


def _size(n_bytes: float) -> str:
    """``3 KB`` / ``1.2 MB`` / ``2,048 MB``."""
    if n_bytes < 1024 * 1024:
        return f"{max(1, round(n_bytes / 1024)):,} KB"
    mb = n_bytes / 1024 / 1024
    return f"{mb:,.1f} MB" if mb < 100 else f"{mb:,.0f} MB"


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Encodings
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Decoded:
    """The outcome of :func:`detect_encoding`: the text (None when refused), the encoding used and issues."""

    text: str | None
    encoding: str
    issues: tuple[Issue, ...] = ()


#: Encodings by their everyday names, for messages.
ENCODING_NAMES = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "gb18030": "GBK / GB18030",
                  "cp1252": "Windows-1252 (Western European)"}

_GB_SEQ_RE = re.compile(rb"[\x81-\xfe][\x30-\x39][\x81-\xfe][\x30-\x39]|[\x81-\xfe][\x40-\x7e\x80-\xfe]")
_SAMPLE_BYTES = 4 * 1024 * 1024


def _is_plausible_utf8_text(text: str) -> bool:
    """A line decoded as UTF-8 that reads as real text: CJK, Latin letters, common punctuation only."""
    non_ascii = [ch for ch in text if ord(ch) > 0x7F]
    if not non_ascii:
        return False
    for ch in non_ascii:
        o = ord(ch)
        if not (0xC0 <= o <= 0x17F or 0x2000 <= o <= 0x206F or 0x3000 <= o <= 0x303F or 0x4E00 <= o <= 0x9FFF
                or 0xFF00 <= o <= 0xFFEF or 0x0E00 <= o <= 0x0E7F or o in (0xA0, 0xA5, 0xB0, 0xB7, 0xD7, 0x20AC)):
            return False
    return len(non_ascii) >= 2 or any(0x4E00 <= ord(ch) <= 0x9FFF for ch in non_ascii)


def _utf8_lines(data: bytes, limit: int = 5) -> tuple[list[tuple[int, str]], bytes]:
    """Lines (1-based number, text) of a non-UTF-8 file that are valid, plausible multi-byte UTF-8, and the
    other non-ASCII lines joined (what the rest of the file is written in)."""
    found: list[tuple[int, str]] = []
    rest: list[bytes] = []
    for number, line in enumerate(data[:_SAMPLE_BYTES].split(b"\n"), start=1):
        if max(line, default=0) < 0x80:
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            rest.append(line)
            continue
        if _is_plausible_utf8_text(text) and len(found) < limit:
            found.append((number, text))
        else:
            rest.append(line)
    return found, b"\n".join(rest)


def _gb_common_share(data: bytes) -> float:
    """Share of GB18030 multi-byte characters in the GB2312 area (lead and trail byte 0xA1-0xFE, lead <= 0xF7)."""
    seqs = _GB_SEQ_RE.findall(data[:_SAMPLE_BYTES])
    if not seqs:
        return 1.0
    common = sum(1 for s in seqs if len(s) == 2 and 0xA1 <= s[0] <= 0xF7 and s[1] >= 0xA1)
    return common / len(seqs)


def _is_plausible_latin(text: str) -> bool:
    """Every non-ASCII character of a Windows-1252 reading is a letter or a common sign of that code page."""
    for ch in set(text):
        o = ord(ch)
        if o < 0x80:
            continue
        if 0x80 <= o <= 0x9F:  # C1 controls: bytes cp1252 leaves undefined
            return False
        cat = unicodedata.category(ch)
        if not (cat.startswith("L") or cat in ("Sc", "Pd", "Pi", "Pf", "Po", "Zs", "Sm", "So", "No")):
            return False
    return True


def _sample(text: str) -> str:
    """The first word with a non-ASCII character, quoted (what a person checks to see the encoding is right)."""
    for word in re.split(r"[,;\t\r\n]+", text):
        if any(ord(ch) > 0x7F for ch in word):
            return quote(word.strip())
    return quote(text[:40])


def _first_bad_byte(data: bytes, exc: UnicodeDecodeError) -> str:
    line = data.count(b"\n", 0, exc.start) + 1
    return f"byte 0x{data[exc.start]:02X} on line {line}" if exc.start < len(data) else f"line {line}"


def detect_encoding(data: bytes, file: str = "") -> Decoded:
    """Decode CSV bytes in the one encoding they plausibly are (see the module docstring), or refuse."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            return Decoded(None, "utf-16", (make_issue(file, None, None, "unknown_encoding",
                                                       T("unknown_encoding", detail=_first_bad_byte(data, exc)),
                                                       T("unknown_encoding.fix")),))
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    lines, rest = _utf8_lines(data)
    if lines and rest:  # some rows are UTF-8 and others are not: which encoding do the others read in?
        main = next((enc for enc in ("gb18030", "cp1252") if _decodes(rest, enc)), "")
        number, text = lines[0]
        return Decoded(None, main, (make_issue(
            file, number, None, "mixed_encoding",
            T("mixed_encoding", sample=_sample(text), enc=ENCODING_NAMES.get(main, "another encoding")),
            T("mixed_encoding.fix")),))
    try:
        gb_text: str | None = data.decode("gb18030")
    except UnicodeDecodeError:
        gb_text = None
    try:
        cp_text: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        cp_text = None
    if gb_text is not None and _gb_common_share(data) >= GB_COMMON_SHARE_MIN:
        return Decoded(gb_text, "gb18030")
    if cp_text is not None and _is_plausible_latin(cp_text):
        note = make_issue(file, None, None, "encoding_detected",
                          T("encoding_detected", enc="Windows-1252", name="Western European",
                            sample=_sample(cp_text)), T("encoding_detected.fix"), "warning")
        return Decoded(cp_text, "cp1252", (note,))
    if gb_text is not None:
        alt = cp_text if cp_text is not None else data.decode("latin-1")
        return Decoded(None, "gb18030", (make_issue(
            file, None, None, "uncertain_encoding",
            T("uncertain_encoding", enc=ENCODING_NAMES["gb18030"], sample=_sample(gb_text),
              alt="Windows-1252" if cp_text is not None else "Latin-1", alt_sample=_sample(alt)),
            T("uncertain_encoding.fix")),))
    guess = _confident_guess(data)
    if guess is not None:
        text, enc = guess
        note = make_issue(file, None, None, "encoding_detected",
                          T("encoding_detected", enc=enc, name=GUESSABLE[enc], sample=_sample(text)),
                          T("encoding_detected.fix"), "warning")
        return Decoded(text, enc, (note,))
    return Decoded(None, "", (make_issue(file, None, None, "unknown_encoding",
                                         T("unknown_encoding", detail=_first_bad_byte(data, utf8_error)),
                                         T("unknown_encoding.fix")),))


#: Encodings charset_normalizer may name for a file (the scripts of the markets and suppliers this serves);
#: a guess of any other code page is not trusted.
GUESSABLE = {"big5": "Traditional Chinese", "big5hkscs": "Traditional Chinese", "cp950": "Traditional Chinese",
             "shift_jis": "Japanese", "cp932": "Japanese", "euc_jp": "Japanese", "euc_kr": "Korean",
             "cp949": "Korean", "cp874": "Thai", "tis_620": "Thai", "utf_16_le": "UTF-16", "utf_16_be": "UTF-16"}


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _confident_guess(data: bytes) -> tuple[str, str] | None:
    """charset_normalizer's best guess when it is one of :data:`GUESSABLE`, reads the bytes strictly and with
    little chaos (a Big5, Shift-JIS or Thai Windows file)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SAMPLE_BYTES], cp_isolation=list(GUESSABLE)).best()
    if best is None or best.chaos > GUESS_CHAOS_MAX or best.encoding not in GUESSABLE:
        return None
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        return None


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes; returns (text, encoding used). Raises UnicodeDecodeError if no encoding fits plausibly.

    A UTF-16 byte-order mark (Excel's "Unicode Text" export) is honoured first.
    """
    decoded = detect_encoding(data)
    if decoded.text is None:
        reason = decoded.issues[0].message if decoded.issues else "no encoding fits"
        raise UnicodeDecodeError(decoded.encoding or "unknown", data[:1], 0, 1, reason)
    return decoded.text.lstrip("\ufeff") if decoded.encoding == "utf-16" else decoded.text, decoded.encoding


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------

def _sniff_delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _frame_from_records(records: pd.DataFrame, first_row_number: int,
                        row_numbers: np.ndarray | None = None) -> tuple[pd.DataFrame, np.ndarray, list[str]]:
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
    if row_numbers is not None:
        rows = np.asarray(row_numbers[1:], dtype=np.int64)
    else:
        rows = np.arange(first_row_number + 1, first_row_number + 1 + len(body), dtype=np.int64)
    return body.astype(object), rows, header


_RAGGED_RE = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _csv_limits(data: bytes, file: str) -> list[Issue]:
    """Rows, columns and cells of CSV bytes, counted before any decoding or parsing."""
    n_rows = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if n_rows > row_limit():
        return [make_issue(file, None, None, "too_many_rows",
                           T("too_many_rows", limit=_fmt_n(row_limit()), n=_fmt_n(n_rows)), T("too_many_rows.fix"))]
    first = data.split(b"\n", 1)[0]
    n_cols = max(first.count(sep) for sep in (b",", b";", b"\t")) + 1
    if first.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: separators are two bytes wide; count on text later
        return []
    if n_cols > column_limit():
        return [make_issue(file, 1, None, "too_many_columns",
                           T("too_many_columns", n=_fmt_n(n_cols), limit=_fmt_n(column_limit())),
                           T("too_many_columns.fix"))]
    if n_rows * n_cols > cell_limit():
        return [make_issue(file, None, None, "too_many_cells", T("too_many_cells", limit=_fmt_n(cell_limit())),
                           T("too_many_cells.fix"))]
    return []


def read_csv_bytes(data: bytes, file: str, table: str | None) -> tuple[list[RawTable], list[Issue]]:
    """Read CSV bytes (encoding detected, delimiter ',', ';' or tab) into a RawTable."""
    refused = _csv_limits(data, file)
    if refused:
        return [], refused
    decoded = detect_encoding(data, file)
    issues = list(decoded.issues)
    if decoded.text is None:
        return [], issues
    text = decoded.text.lstrip("\ufeff")
    if not text.strip():
        return [], [make_issue(file, None, None, "empty_file", T("empty_file"), T("empty_file.fix"))]
    sep = _sniff_delimiter(text)
    if decoded.encoding == "utf-16":
        n_cols = text.split("\n", 1)[0].count(sep) + 1
        if n_cols > column_limit():
            return [], [make_issue(file, 1, None, "too_many_columns",
                                   T("too_many_columns", n=_fmt_n(n_cols), limit=_fmt_n(column_limit())),
                                   T("too_many_columns.fix"))]
    try:
        records = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype=str,
                              keep_default_na=False, na_filter=False, skip_blank_lines=False, engine="c")
    except (pd.errors.ParserError, ValueError) as exc:
        ragged = _RAGGED_RE.search(str(exc))
        if ragged:
            want, line, saw = (int(x) for x in ragged.groups())
            return [], issues + [make_issue(file, line, None, "ragged_row", T("ragged_row", saw=saw, want=want),
                                            T("ragged_row.fix"))]
        return [], issues + [make_issue(file, None, None, "unreadable_file",
                                        T("unreadable_csv", detail=str(exc).strip().splitlines()[0][:120]),
                                        T("unreadable_csv.fix"))]
    frame, rows, header = _frame_from_records(records, 1)
    return [RawTable(file, table, frame, rows, header, encoding=decoded.encoding)], issues


# --------------------------------------------------------------------------------------------
# xlsx: a streaming reader of the sheet XML
# --------------------------------------------------------------------------------------------

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DTD_RE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
_REF_RE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_DIM_RE = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?\"")


class _XlsxRefused(Exception):
    """A workbook refused with an issue (limits, malformed XML, entities)."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message)
        self.issue = issue


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _open_member(zf: zipfile.ZipFile, name: str, label: str, budget: list[int]) -> bytes:
    """A part's bytes, refusing entity declarations and counting against the unpacked-size budget."""
    info = zf.getinfo(name)
    budget[0] -= info.file_size
    if budget[0] < 0:
        raise _XlsxRefused(make_issue(label, None, None, "xlsx_expanded_too_large", T(
            "xlsx_expanded_too_large", size=_size(sum(i.file_size for i in zf.infolist())),
            limit=_size(xlsx_unpacked_limit_bytes()), packed=_size(sum(i.compress_size for i in zf.infolist()))),
            T("xlsx_expanded_too_large.fix")))
    return zf.read(name)


def _parse_xml(payload: bytes, label: str, part: str) -> ElementTree.Element:
    if _DTD_RE.search(payload[:4096]) or _DTD_RE.search(payload):
        raise _XlsxRefused(make_issue(label, None, None, "malformed_xlsx",
                                      T("malformed_xlsx", sheet=quote(part), detail="entity declarations"),
                                      T("malformed_xlsx.fix")))
    try:
        return ElementTree.fromstring(payload)
    except ElementTree.ParseError as exc:
        raise _XlsxRefused(make_issue(label, None, None, "malformed_xlsx",
                                      T("malformed_xlsx", sheet=quote(part), detail=f"XML: {exc}"[:120]),
                                      T("malformed_xlsx.fix"))) from None


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return str(PurePosixPath(base).parent.joinpath(target)).replace("\\", "/")


def _normalise_part(name: str) -> str:
    parts: list[str] = []
    for piece in name.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _workbook_parts(zf: zipfile.ZipFile, label: str, budget: list[int]) -> tuple[list[tuple[str, str]], str | None]:
    """[(sheet name, part path)] in workbook order, and the shared-strings part (if any)."""
    names = set(zf.namelist())
    wb_part = "xl/workbook.xml"
    if "_rels/.rels" in names:
        rels = _parse_xml(_open_member(zf, "_rels/.rels", label, budget), label, "_rels/.rels")
        for rel in rels:
            if rel.get("Type", "").endswith("/officeDocument"):
                wb_part = _normalise_part(_resolve("", rel.get("Target", wb_part)))
    if wb_part not in names:
        raise _XlsxRefused(make_issue(label, None, None, "unreadable_file",
                                      T("unreadable_xlsx", detail="no workbook part"), T("unreadable_xlsx.fix")))
    workbook = _parse_xml(_open_member(zf, wb_part, label, budget), label, wb_part)
    rels_part = _normalise_part(str(PurePosixPath(wb_part).parent / "_rels" / (PurePosixPath(wb_part).name + ".rels")))
    targets: dict[str, str] = {}
    shared: str | None = None
    if rels_part in names:
        for rel in _parse_xml(_open_member(zf, rels_part, label, budget), label, rels_part):
            target = _normalise_part(_resolve(wb_part, rel.get("Target", "")))
            targets[rel.get("Id", "")] = target
            if rel.get("Type", "").endswith("/sharedStrings"):
                shared = target
    sheets: list[tuple[str, str]] = []
    for el in workbook.iter(f"{{{_NS_MAIN}}}sheet"):
        rid = el.get(f"{{{_NS_REL}}}id", "")
        part = targets.get(rid)
        if part and part in names:
            sheets.append((el.get("name", ""), part))
    if shared is None and "xl/sharedStrings.xml" in names:
        shared = "xl/sharedStrings.xml"
    return sheets, shared if shared in names else None


def _shared_strings(zf: zipfile.ZipFile, part: str | None, label: str, budget: list[int]) -> list[str]:
    if part is None:
        return []
    root = _parse_xml(_open_member(zf, part, label, budget), label, part)
    out: list[str] = []
    t_tag, r_tag = f"{{{_NS_MAIN}}}t", f"{{{_NS_MAIN}}}r"
    for si in root:  # plain text, or rich-text runs (phonetic guides, rPh, are not part of the value)
        direct = si.find(t_tag)
        if direct is not None:
            out.append(direct.text or "")
            continue
        out.append("".join((run.find(t_tag).text or "") for run in si.findall(r_tag) if run.find(t_tag) is not None))
    return out


def _prescan_sheet(zf: zipfile.ZipFile, part: str, label: str, sheet: str) -> None:
    """Count ``<row>`` and ``<c>`` tags of a sheet's XML while unpacking it in chunks; refuse oversized sheets
    (and a declared dimension beyond the cell budget) before any parsing."""
    rows = cells = 0
    tail = b""
    head_checked = False
    with zf.open(part) as fh:
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            buf = tail + chunk
            if not head_checked:
                head_checked = True
                if _DTD_RE.search(buf[:4096]):
                    raise _XlsxRefused(make_issue(label, None, None, "malformed_xlsx",
                                                  T("malformed_xlsx", sheet=quote(sheet), detail="entity declarations"),
                                                  T("malformed_xlsx.fix")))
                dim = _DIM_RE.search(buf[:4096])
                if dim and dim.group(3):
                    c0, r0 = _col_number((dim.group(1) or b"A").decode()), int(dim.group(2) or 1)
                    c1, r1 = _col_number(dim.group(3).decode()), int(dim.group(4))
                    declared = max(0, c1 - c0 + 1) * max(0, r1 - r0 + 1)
                    if declared > cell_limit():
                        ref = dim.group(0).decode(errors="replace").split('"')[1]
                        raise _XlsxRefused(make_issue(label, None, None, "declared_too_large", T(
                            "declared_too_large", sheet=quote(sheet), ref=ref, cells=_fmt_n(declared),
                            limit=_fmt_n(cell_limit())), T("declared_too_large.fix")))
            if _DTD_RE.search(buf):
                raise _XlsxRefused(make_issue(label, None, None, "malformed_xlsx",
                                              T("malformed_xlsx", sheet=quote(sheet), detail="entity declarations"),
                                              T("malformed_xlsx.fix")))
            cut = len(buf) - 6
            rows += buf.count(b"<row ", 0, cut) + buf.count(b"<row>", 0, cut)
            cells += buf.count(b"<c ", 0, cut) + buf.count(b"<c>", 0, cut)
            tail = buf[cut:]
            if rows > row_limit():
                raise _XlsxRefused(make_issue(label, None, None, "too_many_rows",
                                              T("too_many_rows", limit=_fmt_n(row_limit()), n=_fmt_n(rows)),
                                              T("too_many_rows.fix")))
            if cells > cell_limit():
                raise _XlsxRefused(make_issue(label, None, None, "too_many_cells",
                                              T("too_many_cells", limit=_fmt_n(cell_limit())),
                                              T("too_many_cells.fix")))


def _cell_value(kind: str, v_text: str | None, inline: str | None, shared: list[str]) -> object:
    if kind == "inlineStr":
        return inline
    if v_text is None:
        return None
    if kind == "s":
        try:
            return shared[int(v_text)]
        except (ValueError, IndexError):
            return None
    if kind in ("str", "e", "d"):
        return v_text
    if kind == "b":
        return v_text.strip() in ("1", "true")
    text = v_text.strip()
    if not text:
        return None
    try:
        if re.fullmatch(r"[-+]?\d+", text):
            return int(text)
        return float(text)
    except (ValueError, OverflowError):
        return text


def _read_sheet(zf: zipfile.ZipFile, part: str, label: str, sheet: str,
                shared: list[str]) -> tuple[list[list[object]], list[int]]:
    """Rows holding at least one value (as lists padded to the widest row) and their sheet row numbers."""
    _prescan_sheet(zf, part, label, sheet)
    max_cols = column_limit()
    rows: list[dict[int, object]] = []
    numbers: list[int] = []
    width = 0
    row_no = 0
    current: dict[int, object] = {}
    col_no = 0
    kind = ""
    v_text: str | None = None
    inline_parts: list[str] = []
    in_inline = False
    m = f"{{{_NS_MAIN}}}"
    try:
        with zf.open(part) as fh:
            for event, el in ElementTree.iterparse(fh, events=("start", "end")):
                tag = el.tag
                if event == "start":
                    if tag == m + "row":
                        r = el.get("r")
                        row_no = int(r) if r and r.isdigit() else row_no + 1
                        current = {}
                        col_no = 0
                    elif tag == m + "c":
                        ref = _REF_RE.match(el.get("r", ""))
                        col_no = _col_number(ref.group(1)) if ref else col_no + 1
                        kind = el.get("t", "n")
                        v_text = None
                        inline_parts = []
                    elif tag == m + "is":
                        in_inline = True
                    continue
                if tag == m + "v":
                    v_text = el.text
                elif tag == m + "t" and in_inline:
                    inline_parts.append(el.text or "")
                elif tag == m + "is":
                    in_inline = False
                elif tag == m + "c":
                    value = _cell_value(kind, v_text, "".join(inline_parts) if kind == "inlineStr" else None, shared)
                    if value is not None and not (isinstance(value, str) and value == ""):
                        if col_no > max_cols:
                            raise _XlsxRefused(make_issue(label, row_no, None, "too_many_columns", T(
                                "too_many_columns", n=_fmt_n(col_no), limit=_fmt_n(max_cols)),
                                T("too_many_columns.fix")))
                        current[col_no] = value
                    el.clear()
                elif tag == m + "row":
                    if current:
                        rows.append(current)
                        numbers.append(row_no)
                        width = max(width, max(current))
                    el.clear()
                elif tag == m + "sheetData":
                    el.clear()
    except ElementTree.ParseError as exc:
        raise _XlsxRefused(make_issue(label, None, None, "malformed_xlsx",
                                      T("malformed_xlsx", sheet=quote(sheet), detail=f"XML: {exc}"[:120]),
                                      T("malformed_xlsx.fix"))) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise _XlsxRefused(make_issue(label, None, None, "malformed_xlsx",
                                      T("malformed_xlsx", sheet=quote(sheet), detail=type(exc).__name__),
                                      T("malformed_xlsx.fix"))) from None
    out = [[r.get(c) for c in range(1, width + 1)] for r in rows]
    return out, numbers


def read_xlsx_bytes(data: bytes, file: str, table: str | None) -> tuple[list[RawTable], list[Issue]]:
    """Read an .xlsx workbook: the sheet named like the table, else the first sheet.

    When the file name is not a table name, every sheet whose name is a table name is read
    (one workbook may hold the whole dataset).
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        return [], [make_issue(file, None, None, "unreadable_file", T("unreadable_xlsx", detail=type(exc).__name__),
                               T("unreadable_xlsx.fix"))]
    budget = [xlsx_unpacked_limit_bytes()]
    try:
        total = sum(i.file_size for i in zf.infolist())
        if total > budget[0]:
            raise _XlsxRefused(make_issue(file, None, None, "xlsx_expanded_too_large", T(
                "xlsx_expanded_too_large", size=_size(total), limit=_size(budget[0]), packed=_size(len(data))),
                T("xlsx_expanded_too_large.fix")))
        sheets, shared_part = _workbook_parts(zf, file, budget)
        if not sheets:
            raise _XlsxRefused(make_issue(file, None, None, "unreadable_file",
                                          T("unreadable_xlsx", detail="no sheets"), T("unreadable_xlsx.fix")))
        names = [n for n, _ in sheets]
        by_table = {table_for_name(name): name for name in reversed(names)}
        if table is not None:
            picks = [(table, by_table.get(table, names[0]))]
        else:
            picks = [(t, s) for s in names if (t := table_for_name(s)) is not None]
            if not picks:
                picks = [(None, names[0])]
        part_of = dict(sheets)
        shared = _shared_strings(zf, shared_part, file, budget)
        out: list[RawTable] = []
        issues: list[Issue] = []
        for tname, sheet in picks:
            label = file if len(names) == 1 else f"{file}[{sheet}]"
            values, numbers = _read_sheet(zf, part_of[sheet], label, sheet, shared)
            first = 0
            while first < len(values) and all(v is None or (isinstance(v, str) and not v.strip())
                                              for v in values[first]):
                first += 1
            if first >= len(values):
                issues.append(make_issue(label, None, None, "empty_file", T("empty_sheet", sheet=quote(sheet)),
                                         T("empty_sheet.fix")))
                continue
            records = pd.DataFrame(values[first:], dtype=object)
            frame, rows, header = _frame_from_records(records, numbers[first], np.asarray(numbers[first:]))
            out.append(RawTable(label, tname, frame, rows, header, text_cells=False))
        return out, issues
    except _XlsxRefused as refused:
        return [], [refused.issue]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, RuntimeError, zlib.error) as exc:
        return [], [make_issue(file, None, None, "unreadable_file", T("unreadable_xlsx", detail=type(exc).__name__),
                               T("unreadable_xlsx.fix"))]
    finally:
        zf.close()


# --------------------------------------------------------------------------------------------
# One file
# --------------------------------------------------------------------------------------------

def read_source(source: str | os.PathLike | tuple[bytes, str], *,
                max_upload_mb: float | None = None) -> tuple[list[RawTable], list[Issue]]:
    """Read one file given as a path or as ``(bytes, filename)`` (an upload).

    Returns the raw tables found (usually one) and file-level issues (too large, unreadable,
    unknown encoding). Unknown file names are read too (``table`` is None) so the caller can
    suggest the closest table name.
    """
    limit_mb = upload_limit_mb(max_upload_mb)
    limit = int(limit_mb * 1024 * 1024)
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
        return [], [make_issue(name, None, None, "file_too_large",
                               T("file_too_large", size_mb=f"{size / 1024 / 1024:.1f}",
                                 limit_mb=f"{limit_mb:g}"), T("file_too_large.fix"))]
    if data is None:
        data = Path(source).read_bytes()  # type: ignore[arg-type]
    suffix = Path(name).suffix.lower()
    table = table_for_name(Path(name).stem)
    if suffix in XLSX_SUFFIXES:
        return read_xlsx_bytes(data, name, table)
    if suffix in CSV_SUFFIXES:
        return read_csv_bytes(data, name, table)
    if suffix == ".xls":
        return [], [make_issue(name, None, None, "unsupported_file", T("old_xls"), T("old_xls.fix"))]
    return [], [make_issue(name, None, None, "unsupported_file", T("unsupported_file", suffix=quote(suffix or "(none)")),
                           T("unsupported_file.fix"), "warning")]
