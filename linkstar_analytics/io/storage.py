"""The project's only SQL: one embedded DuckDB file holding datasets, artefacts, scenarios, decisions.

Everything users save is append-only: a new dataset import, a new scenario save, a new decision
or a recomputed artefact adds rows; nothing is updated in place. The active dataset is the
newest row of ``active_dataset_log``, so an import that fails (its transaction rolls back) never
moves it.

Tables are stored as Parquet bytes (pyarrow, zstd) in BLOB columns. Parquet keeps the pandas
dtypes exactly (datetime64, Int64, bool, object strings with None), so :func:`load_dataset`
returns the frames that :func:`save_dataset` was given, and a million-row table is written and
read in well under a second.

Threads: a DuckDB connection must not be shared between threads. Open one with :func:`connect`
and give every thread or query its own ``conn.cursor()``; every function here accepts a
connection or a cursor. All values go through ``?`` parameters.

Several writers at once: every new number (dataset version, scenario version, artefact id,
decision id, active-pointer sequence) is allocated as ``max + 1`` inside the transaction that
inserts the row; when two writers collide, DuckDB refuses one of them (a key or a write-write
conflict) and that transaction is rolled back and run again (:func:`_in_transaction`), so every
save is kept and the numbers have neither gaps nor duplicates.

Several programs: DuckDB lets one process at a time open a file for writing. The dashboard holds
the file through a :class:`SharedDatabase`, which opens it on demand and lets go after a few idle
seconds, so the command line can import while the dashboard is idle; whoever finds the file busy
retries for a short while and then fails with :class:`DatabaseError` (``code == "locked"``).

Faults: a missing, empty, damaged, foreign, locked, read-only or newer-schema file raises
:class:`DatabaseError` with a ``code``, and a message and fix in English and Chinese
(``error.text.render(lang)``); :func:`integrity_problems` checks the stored content
(checksums of every stored frame, references between tables) and :func:`backup_database`
keeps a rolling copy made before each import.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import json
import os
import random
import re
import shutil
import threading
import time
import uuid
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from linkstar_analytics.io.messages import T, Text

__all__ = [
    "BACKUP_KEEP", "DatabaseError", "MIGRATIONS", "SharedDatabase", "active_dataset_version", "backup_database",
    "check_integrity", "connect", "explain_error", "store_import", "dataset_fingerprint", "default_db_path", "integrity_problems", "latest_backup",
    "list_datasets", "list_decisions", "list_scenarios", "load_artifact", "load_dataset", "load_scenario",
    "save_artifact", "save_dataset", "save_decision", "save_scenario", "schema_version", "set_active_dataset",
    "LEARNED_COLUMNS", "load_learned_defaults", "save_learned_defaults",
]

#: Parquet compression for stored frames (zstd: small files, fast to read).
PARQUET_COMPRESSION = "zstd"


def default_db_path() -> Path:
    """``$LINKSTAR_DB`` if set, else ``<repo>/data/linkstar.duckdb`` (its folder is created)."""
    env = os.environ.get("LINKSTAR_DB", "").strip()
    path = Path(env).expanduser() if env else Path(__file__).resolve().parents[2] / "data" / "linkstar.duckdb"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # connect() explains a folder that cannot be created (DatabaseError "read_only")
    return path


# --------------------------------------------------------------------------------------------
# Migrations
# --------------------------------------------------------------------------------------------

def _m001_initial(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute("""
        CREATE TABLE datasets (
            version INTEGER PRIMARY KEY,
            name VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL,
            author VARCHAR NOT NULL,
            source_files VARCHAR NOT NULL,   -- JSON list of file names
            row_counts VARCHAR NOT NULL,     -- JSON {table: rows}
            fingerprint VARCHAR NOT NULL
        )""")
    conn.execute("""
        CREATE TABLE dataset_tables (
            version INTEGER NOT NULL,
            table_name VARCHAR NOT NULL,
            n_rows BIGINT NOT NULL,
            payload BLOB NOT NULL,           -- Parquet bytes of the typed frame
            PRIMARY KEY (version, table_name)
        )""")
    conn.execute("""
        CREATE TABLE active_dataset_log (
            seq INTEGER PRIMARY KEY,
            version INTEGER NOT NULL,
            set_at TIMESTAMP NOT NULL
        )""")
    conn.execute("""
        CREATE TABLE artifacts (
            artifact_id INTEGER PRIMARY KEY,
            kind VARCHAR NOT NULL,
            dataset_version INTEGER NOT NULL,
            key VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL,
            meta VARCHAR NOT NULL            -- JSON object
        )""")
    conn.execute("""
        CREATE TABLE artifact_frames (
            artifact_id INTEGER NOT NULL,
            frame_name VARCHAR NOT NULL,
            payload BLOB NOT NULL,
            PRIMARY KEY (artifact_id, frame_name)
        )""")
    conn.execute("""
        CREATE TABLE scenarios (
            name VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            author VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL,
            dataset_version INTEGER,
            note VARCHAR NOT NULL,
            scenario_json VARCHAR NOT NULL,
            PRIMARY KEY (name, version)
        )""")
    conn.execute("""
        CREATE TABLE decisions (
            decision_id INTEGER PRIMARY KEY,
            scenario_name VARCHAR NOT NULL,
            scenario_version INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            author VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL
        )""")


def _m002_checksums(conn: duckdb.DuckDBPyConnection) -> None:
    """A SHA-256 beside every stored frame (checked by :func:`integrity_problems`), and the version a partial
    refresh took its other tables from."""
    conn.execute("ALTER TABLE dataset_tables ADD COLUMN payload_sha256 VARCHAR")
    conn.execute("ALTER TABLE artifact_frames ADD COLUMN payload_sha256 VARCHAR")
    conn.execute("ALTER TABLE datasets ADD COLUMN base_version INTEGER")
    for version, table_name, payload in conn.execute(
            "SELECT version, table_name, payload FROM dataset_tables").fetchall():
        conn.execute("UPDATE dataset_tables SET payload_sha256 = ? WHERE version = ? AND table_name = ?",
                     [_sha256(payload), version, table_name])
    for aid, frame_name, payload in conn.execute(
            "SELECT artifact_id, frame_name, payload FROM artifact_frames").fetchall():
        conn.execute("UPDATE artifact_frames SET payload_sha256 = ? WHERE artifact_id = ? AND frame_name = ?",
                     [_sha256(payload), aid, frame_name])


def _m003_learned_defaults(conn: duckdb.DuckDBPyConnection) -> None:
    """What the post-campaign review learned (realised uplift per SKU and category, realised presale conversion),
    one save per ``save_id``; append-only like scenarios."""
    conn.execute("""
        CREATE TABLE learned_defaults (
            save_id INTEGER NOT NULL,
            campaign_id VARCHAR NOT NULL,    -- the reviewed campaign
            dataset_version INTEGER,
            author VARCHAR NOT NULL,
            saved_at TIMESTAMP NOT NULL,
            level VARCHAR NOT NULL,          -- 'sku', 'category' or 'all'
            key VARCHAR NOT NULL,            -- the SKU, the category, or '*'
            region VARCHAR NOT NULL,         -- market, or '*'
            uplift DOUBLE,                   -- x baseline (learned, shrunk toward the category for a SKU)
            baseline_units DOUBLE,           -- baseline units of the in-stock campaign days (its weight)
            actual_units DOUBLE,             -- units sold on those days
            presale_conversion_pct DOUBLE,   -- presale without deposit: % converted
            deposit_conversion_pct DOUBLE,   -- deposit-paid presale: % converted
            PRIMARY KEY (save_id, level, key, region)
        )""")


#: Schema migrations in order; migration i (1-based) brings the schema to version i.
MIGRATIONS: list[Callable[[duckdb.DuckDBPyConnection], None]] = [_m001_initial, _m002_checksums,
                                                                 _m003_learned_defaults]

#: The tables a Linkstar database holds (a file with other tables and none of these is someone else's).
OWN_TABLES = ("schema_version", "datasets", "dataset_tables", "active_dataset_log", "artifacts", "artifact_frames",
              "scenarios", "decisions", "learned_defaults")


def schema_version(conn: duckdb.DuckDBPyConnection) -> int:
    """The schema version of the open database (0 for an empty file)."""
    exists = conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", ["schema_version"]).fetchone()[0]
    if not exists:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def _table_names(conn: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def _migrate(conn: duckdb.DuckDBPyConnection, target: str) -> None:
    current = schema_version(conn)
    if current > len(MIGRATIONS):
        raise DatabaseError("newer_schema", target, have=current, known=len(MIGRATIONS))
    if current == 0 and _table_names(conn) - set(OWN_TABLES):
        raise DatabaseError("foreign", target)
    for number in range(current + 1, len(MIGRATIONS) + 1):
        conn.execute("BEGIN TRANSACTION")
        try:
            if number == 1:
                conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)")
            MIGRATIONS[number - 1](conn)
            conn.execute("INSERT INTO schema_version VALUES (?, ?)", [number, _now()])
            conn.execute("COMMIT")
        except Exception:
            _rollback(conn)
            if schema_version(conn) >= number:  # another process migrated it first
                continue
            raise


# --------------------------------------------------------------------------------------------
# Opening the file, and what can go wrong with it
# --------------------------------------------------------------------------------------------

#: Seconds a caller waits for a file another program holds before giving up (dashboard side).
DEFAULT_BUSY_TIMEOUT_S = 8.0

_LOCK_RE = re.compile(r"Could not set lock on file|Conflicting lock is held", re.I)
_PID_RE = re.compile(r"PID (\d+)")
_READ_ONLY_RE = re.compile(r"Permission denied|Read-only file system|read[- ]only", re.I)
_NOT_DUCKDB_RE = re.compile(r"not a valid DuckDB database file", re.I)
#: DuckDB's file header: 8 bytes of checksum, then the magic bytes.
_DUCKDB_MAGIC = b"DUCK"


class DatabaseError(RuntimeError):
    """The database file cannot be used as it is.

    ``code`` is one of ``missing``, ``empty``, ``corrupt``, ``foreign``, ``locked``, ``read_only``,
    ``newer_schema``, ``older_schema``, ``busy_write``; ``text`` and ``fix`` are :class:`Text` messages
    (``.render("en")`` / ``.render("zh")``); ``str(error)`` is the English message and fix.
    """

    def __init__(self, code: str, path: str | os.PathLike, *, detail: str = "", **fields: object) -> None:
        self.code = code
        self.path = str(path)
        self.detail = detail
        backup: Text | None = None
        if code in ("corrupt", "empty"):
            found = latest_backup(self.path)
            backup = (T("db.backup", path=str(found[0]), when=found[1].strftime("%Y-%m-%d %H:%M"))
                      if found else T("db.no_backup"))
        values = {"path": self.path, "detail": detail[:200], "backup": backup or T("p.none"), **fields}
        self.text: Text = T(f"db.{code}", **values)
        self.fix: Text = T(f"db.{code}.fix", **values)
        super().__init__(f"{self.text.render('en')} Fix: {self.fix.render('en')}")


def _has_duckdb_magic(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(12)[8:12] == _DUCKDB_MAGIC
    except OSError:
        return False


def _classify(target: str, exc: BaseException, waited_s: float = 0.0) -> DatabaseError:
    """The DatabaseError for a DuckDB error raised while opening or first reading ``target``."""
    text = str(exc)
    path = Path(target)
    if _LOCK_RE.search(text):
        pid = _PID_RE.search(text)
        holder = f" (PID {pid.group(1)})" if pid else ""
        return DatabaseError("locked", target, holder=holder, seconds=f"{waited_s:.0f}")
    if _READ_ONLY_RE.search(text):
        return DatabaseError("read_only", target)
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    if path.exists() and path.is_file():
        if path.stat().st_size == 0:
            return DatabaseError("empty", target)
        if _has_duckdb_magic(path):
            return DatabaseError("corrupt", target, detail=first)
        return DatabaseError("foreign", target)
    if _NOT_DUCKDB_RE.search(text):
        return DatabaseError("foreign", target)
    return DatabaseError("corrupt", target, detail=first)


def _open(target: str, read_only: bool, busy_timeout_s: float,
          on_wait: Callable[[str], None] | None) -> duckdb.DuckDBPyConnection:
    if target == ":memory:":
        return duckdb.connect(target)
    path = Path(target)
    if path.is_dir():
        raise DatabaseError("foreign", target)
    if path.exists() and path.stat().st_size == 0:
        raise DatabaseError("empty", target)
    if read_only and not path.exists():
        raise DatabaseError("missing", target)
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            raise DatabaseError("read_only", target) from None
        if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
            raise DatabaseError("read_only", target)
    start = time.monotonic()
    told = False
    while True:
        try:
            return duckdb.connect(target, read_only=read_only)
        except duckdb.Error as exc:
            waited = time.monotonic() - start
            if _LOCK_RE.search(str(exc)) and waited < busy_timeout_s:
                if on_wait is not None and not told:
                    pid = _PID_RE.search(str(exc))
                    on_wait(pid.group(1) if pid else "")
                    told = True
                time.sleep(0.1 + 0.15 * random.random())
                continue
            raise _classify(target, exc, waited) from None


def _check_file_length(conn: duckdb.DuckDBPyConnection, target: str) -> None:
    """A file shorter than the blocks its own header lists was cut off (a full disk, an interrupted copy)."""
    if target == ":memory:":
        return
    row = conn.execute("PRAGMA database_size").fetchone()
    block_size, total_blocks = int(row[2] or 0), int(row[3] or 0)
    size = Path(target).stat().st_size
    if block_size * total_blocks > size:
        raise DatabaseError("corrupt", target, detail=f"the file is {size:,} bytes but lists {total_blocks} blocks of "
                                                      f"{block_size:,} bytes: it was cut off")


#: DuckDB errors that mean the file itself is in trouble (rather than a wrong query).
FILE_ERRORS = (duckdb.IOException, duckdb.InternalException, duckdb.SerializationException, duckdb.FatalException)


def explain_error(exc: BaseException, db_path: str | os.PathLike) -> DatabaseError:
    """The :class:`DatabaseError` for a DuckDB error met while reading or writing ``db_path`` (see FILE_ERRORS)."""
    return exc if isinstance(exc, DatabaseError) else _classify(str(db_path), exc)


def connect(db_path: str | os.PathLike | None = None, read_only: bool = False, *,
            busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
            on_wait: Callable[[str], None] | None = None) -> duckdb.DuckDBPyConnection:
    """Open (creating and migrating when needed) the DuckDB file; default :func:`default_db_path`.

    ``":memory:"`` gives a throwaway database. A read-only connection does not migrate. When another
    program holds the file, this retries for ``busy_timeout_s`` seconds (calling ``on_wait(pid)`` once).

    Raises
    ------
    DatabaseError
        The file is missing (read-only), empty, damaged, not a Linkstar database, locked, read-only,
        or of a newer (older, read-only) schema; ``.code`` says which, ``.text`` / ``.fix`` say what to do.
    """
    target = str(default_db_path() if db_path is None else db_path)
    conn = _open(target, read_only, busy_timeout_s, on_wait)
    try:
        _check_file_length(conn, target)
        if read_only:
            have = schema_version(conn)
            if have > len(MIGRATIONS):
                raise DatabaseError("newer_schema", target, have=have, known=len(MIGRATIONS))
            if have == 0 and _table_names(conn) - set(OWN_TABLES):
                raise DatabaseError("foreign", target)
            if have != len(MIGRATIONS):
                raise DatabaseError("older_schema", target, have=have, known=len(MIGRATIONS))
        else:
            _migrate(conn, target)
    except DatabaseError:
        conn.close()
        raise
    except duckdb.Error as exc:
        conn.close()
        raise _classify(target, exc) from None
    return conn


class SharedDatabase:
    """A process's handle on a database file that other programs may need too (the dashboard's).

    :meth:`cursor` returns a fresh connection of its own (to be used by one thread and dropped): the
    first one opens the file (retrying while another program holds it), the next ones share the open
    database at no cost. A watcher thread closes the file after ``idle_close_s`` seconds without a
    :meth:`cursor` call, once the connections handed out have been dropped, so that a command-line
    import can take its turn.
    """

    def __init__(self, db_path: str | os.PathLike, *, idle_close_s: float = 3.0,
                 busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S) -> None:
        self.path = str(db_path)
        self.idle_close_s = float(idle_close_s)
        self.busy_timeout_s = float(busy_timeout_s)
        self._lock = threading.Lock()
        self._keeper: duckdb.DuckDBPyConnection | None = None
        self._last_use = 0.0
        self._watcher: threading.Thread | None = None

    def cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            if self._keeper is None:
                self._keeper = connect(self.path, busy_timeout_s=self.busy_timeout_s)
                self._start_watcher()
            self._last_use = time.monotonic()
            if self.path == ":memory:":
                return self._keeper.cursor()
            try:
                return duckdb.connect(self.path)
            except duckdb.Error as exc:
                raise _classify(self.path, exc) from None

    @property
    def is_open(self) -> bool:
        return self._keeper is not None

    def close(self) -> None:
        """Let go of the file now (connections still held elsewhere keep it open until dropped)."""
        with self._lock:
            if self._keeper is not None:
                self._keeper.close()
                self._keeper = None

    def _start_watcher(self) -> None:
        if self._watcher is not None and self._watcher.is_alive() or self.path == ":memory:":
            return
        ref = weakref.ref(self)

        def watch() -> None:
            while True:
                me = ref()
                if me is None:
                    return
                pause = max(0.2, me.idle_close_s / 3)
                with me._lock:
                    if me._keeper is not None and time.monotonic() - me._last_use > me.idle_close_s:
                        try:
                            me._keeper.close()
                        finally:
                            me._keeper = None
                del me
                time.sleep(pause)

        self._watcher = threading.Thread(target=watch, name=f"linkstar-db-idle:{Path(self.path).name}", daemon=True)
        self._watcher.start()


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC).replace(tzinfo=None)


def _sha256(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def _to_parquet(frame: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    frame.to_parquet(buf, engine="pyarrow", compression=PARQUET_COMPRESSION, index=False)
    return buf.getvalue()


def _from_parquet(payload: bytes) -> pd.DataFrame:
    return pd.read_parquet(io.BytesIO(payload), engine="pyarrow")


def _frame_hash(frame: pd.DataFrame) -> str:
    h = hashlib.sha256()
    h.update(json.dumps([[str(c), str(t)] for c, t in frame.dtypes.items()]).encode())
    h.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return h.hexdigest()


def _rollback(conn: duckdb.DuckDBPyConnection) -> None:
    try:
        conn.execute("ROLLBACK")
    except duckdb.Error:
        pass  # the failed COMMIT already ended the transaction


#: How many times a write that collided with another writer is run again, and the longest pause between tries.
WRITE_ATTEMPTS = 200
WRITE_BACKOFF_MAX_S = 0.05

_R = TypeVar("_R")


def _is_conflict(exc: BaseException) -> bool:
    """True for the errors DuckDB raises when two transactions write the same rows or keys at once."""
    if isinstance(exc, (duckdb.TransactionException, duckdb.ConstraintException)):
        return True
    text = str(exc)
    return "Conflict" in text or "conflict" in text or "duplicate key" in text


def _in_transaction(conn: duckdb.DuckDBPyConnection, work: Callable[[duckdb.DuckDBPyConnection], _R]) -> _R:
    """Run ``work(conn)`` in one transaction; a collision with a concurrent writer rolls it back and runs it again.

    Numbers allocated inside ``work`` as ``max + 1`` are therefore unique and gapless: a losing writer
    leaves nothing behind and allocates again after the winner's commit. Any other error rolls back and
    propagates. After :data:`WRITE_ATTEMPTS` collisions it raises :class:`DatabaseError` (``busy_write``).
    """
    for attempt in range(WRITE_ATTEMPTS):
        conn.execute("BEGIN TRANSACTION")
        try:
            result = work(conn)
            conn.execute("COMMIT")
            return result
        except duckdb.Error as exc:
            _rollback(conn)
            if not _is_conflict(exc):
                raise
            time.sleep(random.uniform(0.0, min(WRITE_BACKOFF_MAX_S, 0.001 * 2 ** min(attempt, 10))))
        except BaseException:
            _rollback(conn)
            raise
    raise DatabaseError("busy_write", _database_file(conn), n=WRITE_ATTEMPTS)


def _database_file(conn: duckdb.DuckDBPyConnection) -> str:
    try:
        row = conn.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
        return str(row[0]) if row and row[0] else ":memory:"
    except duckdb.Error:
        return "?"


def _require_text(value: object, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{field} must be a non-empty string (got {value!r}); pass a name such as 'BFCM plan'")
    return value


# --------------------------------------------------------------------------------------------
# Integrity and backups
# --------------------------------------------------------------------------------------------

def integrity_problems(conn: duckdb.DuckDBPyConnection, *, checksums: bool = True) -> list[str]:
    """What is wrong with the stored content (empty list when nothing): the schema version, references between
    tables (active pointer, dataset tables, artefact frames, decisions) and, with ``checksums``, the SHA-256 of
    every stored frame against the one written beside it."""
    problems: list[str] = []
    try:
        have = schema_version(conn)
        if have != len(MIGRATIONS):
            return [f"schema version {have}, expected {len(MIGRATIONS)}"]
        missing = set(OWN_TABLES) - _table_names(conn)
        if missing:
            return [f"tables missing: {', '.join(sorted(missing))}"]
        for (v,) in conn.execute("SELECT DISTINCT version FROM active_dataset_log WHERE version NOT IN "
                                 "(SELECT version FROM datasets) ORDER BY 1").fetchall():
            problems.append(f"the active pointer names dataset version {v}, which is not stored")
        for version, counts in conn.execute("SELECT version, row_counts FROM datasets ORDER BY version").fetchall():
            stored = dict(conn.execute("SELECT table_name, n_rows FROM dataset_tables WHERE version = ?",
                                       [version]).fetchall())
            try:
                expected = {str(k): int(n) for k, n in json.loads(counts).items()}
            except (TypeError, ValueError, AttributeError):
                problems.append(f"dataset version {version}: its row counts are unreadable")
                continue
            if stored != expected:
                problems.append(f"dataset version {version}: stored tables {sorted(stored)} do not match the "
                                f"recorded {sorted(expected)}")
        for (aid,) in conn.execute("SELECT artifact_id FROM artifacts WHERE artifact_id NOT IN "
                                   "(SELECT artifact_id FROM artifact_frames) ORDER BY 1").fetchall():
            problems.append(f"artefact {aid} has no frames")
        for (did,) in conn.execute(
                "SELECT decision_id FROM decisions d WHERE NOT EXISTS (SELECT 1 FROM scenarios s WHERE "
                "s.name = d.scenario_name AND s.version = d.scenario_version) ORDER BY 1").fetchall():
            problems.append(f"decision {did} belongs to no stored scenario version")
        if checksums:
            cur = conn.execute("SELECT version, table_name, payload, payload_sha256 FROM dataset_tables "
                               "WHERE payload_sha256 IS NOT NULL ORDER BY version, table_name")
            while (row := cur.fetchone()) is not None:
                if _sha256(row[2]) != row[3]:
                    problems.append(f"dataset version {row[0]}, table {row[1]}: the stored data does not match "
                                    "its checksum")
            cur = conn.execute("SELECT artifact_id, frame_name, payload, payload_sha256 FROM artifact_frames "
                               "WHERE payload_sha256 IS NOT NULL ORDER BY artifact_id, frame_name")
            while (row := cur.fetchone()) is not None:
                if _sha256(row[2]) != row[3]:
                    problems.append(f"artefact {row[0]}, frame {row[1]}: the stored data does not match its checksum")
    except duckdb.Error as exc:
        problems.append(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
    return problems


def check_integrity(conn: duckdb.DuckDBPyConnection, db_path: str | os.PathLike | None = None) -> None:
    """Raise :class:`DatabaseError` (``corrupt``) naming the first problem :func:`integrity_problems` finds."""
    problems = integrity_problems(conn)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DatabaseError("corrupt", str(db_path) if db_path is not None else _database_file(conn),
                            detail=problems[0] + more)


#: Rolling backups kept beside the database file (``<name>.backup-1.duckdb`` is the newest).
BACKUP_KEEP = 3


def backup_path(db_path: str | os.PathLike, n: int = 1) -> Path:
    """The ``n``-th newest rolling backup of ``db_path`` (1 = newest)."""
    p = Path(db_path)
    return p.with_name(f"{p.stem}.backup-{int(n)}{p.suffix or '.duckdb'}")


def latest_backup(db_path: str | os.PathLike) -> tuple[Path, _dt.datetime] | None:
    """The newest rolling backup of ``db_path`` and when it was made, or None."""
    if str(db_path) in (":memory:", "", "?"):
        return None
    p = backup_path(db_path, 1)
    try:
        return p, _dt.datetime.fromtimestamp(p.stat().st_mtime)
    except OSError:
        return None


def backup_database(conn: duckdb.DuckDBPyConnection, db_path: str | os.PathLike | None = None, *,
                    keep: int = BACKUP_KEEP) -> Path | None:
    """Copy the whole database (a consistent snapshot) to ``<name>.backup-1.duckdb``, shifting older copies to
    ``-2`` ... ``-keep``; returns the new copy's path (None for an in-memory database).

    Made before each import, after :func:`check_integrity` passed, so the newest copy is the last good state.
    """
    target = str(db_path) if db_path is not None else _database_file(conn)
    if target in (":memory:", "?"):
        return None
    tmp = Path(target).with_name(f"{Path(target).stem}.backup-tmp-{uuid.uuid4().hex}.duckdb")
    alias = f"bak_{uuid.uuid4().hex}"
    name = conn.execute("SELECT current_database()").fetchone()[0]
    quoted_path = "'" + str(tmp).replace("'", "''") + "'"
    quoted_name = '"' + str(name).replace('"', '""') + '"'
    conn.execute(f"ATTACH {quoted_path} AS {alias}")  # identifiers and a file path: not parameterisable
    try:
        conn.execute(f"COPY FROM DATABASE {quoted_name} TO {alias}")
    finally:
        conn.execute(f"DETACH {alias}")
    try:
        for n in range(max(1, keep), 1, -1):
            older = backup_path(target, n - 1)
            if older.exists():
                os.replace(older, backup_path(target, n))
        newest = backup_path(target, 1)
        os.replace(tmp, newest)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            if leftover.exists():
                leftover.unlink()
    return newest


# --------------------------------------------------------------------------------------------
# Datasets
# --------------------------------------------------------------------------------------------

def save_dataset(conn: duckdb.DuckDBPyConnection, tables: dict[str, pd.DataFrame], *, name: str,
                 source_files: list[str], author: str, activate: bool = True, base_version: int | None = None) -> int:
    """Store ``tables`` as a new dataset version in one transaction; returns the version number.

    ``base_version`` records the version a partial refresh took its other tables from (the caller merges
    them in). A failure (a frame that cannot be written, a crash) leaves no trace and does not move the
    active pointer. Validate first (``io.validation.load_folder``): this stores what it is given.
    """
    _require_text(name, "name")
    _require_text(author, "author")
    if not tables:
        raise ValueError("tables must hold at least one table (got none); load a folder with load_folder first")
    for tname, frame in tables.items():
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"tables[{tname!r}] must be a pandas DataFrame (got {type(frame).__name__})")
    # Serialise before the transaction (slow part, and a bad frame fails before anything is written).
    payloads = {t: _to_parquet(f) for t, f in tables.items()}
    sums = {t: _sha256(p) for t, p in payloads.items()}
    fp = hashlib.sha256()
    for t in sorted(tables):
        fp.update(t.encode())
        fp.update(_frame_hash(tables[t]).encode())
    counts = {t: int(len(f)) for t, f in tables.items()}
    files_json = json.dumps(list(source_files), ensure_ascii=False)
    base = None if base_version is None else int(base_version)

    def write(tx: duckdb.DuckDBPyConnection) -> int:
        version = int(tx.execute("SELECT coalesce(max(version), 0) + 1 FROM datasets").fetchone()[0])
        tx.execute("INSERT INTO datasets (version, name, created_at, author, source_files, row_counts, fingerprint, "
                   "base_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [version, name, _now(), author, files_json, json.dumps(counts), fp.hexdigest(), base])
        for t, payload in payloads.items():
            tx.execute("INSERT INTO dataset_tables (version, table_name, n_rows, payload, payload_sha256) "
                       "VALUES (?, ?, ?, ?, ?)", [version, t, counts[t], payload, sums[t]])
        if activate:
            _append_active(tx, version)
        return version

    return _in_transaction(conn, write)


def store_import(conn: duckdb.DuckDBPyConnection, tables: dict[str, pd.DataFrame], *, name: str,
                 source_files: list[str], author: str, activate: bool = True, base_version: int | None = None,
                 db_path: str | os.PathLike | None = None, keep_backups: int = BACKUP_KEEP) -> tuple[int, Path | None]:
    """An import as the dashboard and the command line make it: check the database's integrity, make a rolling
    backup (the last good copy), then :func:`save_dataset`. Returns (version, backup path or None).

    Raises :class:`DatabaseError` (``corrupt``) before writing anything when the integrity check fails."""
    check_integrity(conn, db_path)
    backup = backup_database(conn, db_path, keep=keep_backups)
    version = save_dataset(conn, tables, name=name, source_files=source_files, author=author, activate=activate,
                           base_version=base_version)
    return version, backup


def _append_active(conn: duckdb.DuckDBPyConnection, version: int) -> None:
    conn.execute("INSERT INTO active_dataset_log SELECT coalesce(max(seq), 0) + 1, ?, ? FROM active_dataset_log",
                 [version, _now()])


def set_active_dataset(conn: duckdb.DuckDBPyConnection, version: int) -> None:
    """Make ``version`` the active dataset (appends to the pointer log)."""
    def write(tx: duckdb.DuckDBPyConnection) -> None:
        found = tx.execute("SELECT count(*) FROM datasets WHERE version = ?", [int(version)]).fetchone()[0]
        if not found:
            known = [r[0] for r in tx.execute("SELECT version FROM datasets ORDER BY version").fetchall()]
            raise ValueError(f"dataset version {version} does not exist; known versions: {known or 'none'}")
        _append_active(tx, int(version))

    _in_transaction(conn, write)


def active_dataset_version(conn: duckdb.DuckDBPyConnection) -> int | None:
    """The active dataset version, or None before the first import."""
    row = conn.execute("SELECT version FROM active_dataset_log ORDER BY seq DESC LIMIT 1").fetchone()
    return None if row is None else int(row[0])


def dataset_versions(conn: duckdb.DuckDBPyConnection) -> list[int]:
    """Every stored dataset version, oldest first."""
    return [int(r[0]) for r in conn.execute("SELECT version FROM datasets ORDER BY version").fetchall()]


def list_datasets(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per version: version, name, created_at, author, source_files (list), row_counts (dict), base_version,
    is_active."""
    df = conn.execute(
        "SELECT version, name, created_at, author, source_files, row_counts, base_version FROM datasets "
        "ORDER BY version").df()
    active = active_dataset_version(conn)
    df["source_files"] = df["source_files"].map(json.loads)
    df["row_counts"] = df["row_counts"].map(json.loads)
    df["base_version"] = df["base_version"].astype("Int64")
    df["is_active"] = df["version"] == active
    return df


def load_dataset(conn: duckdb.DuckDBPyConnection, version: int) -> dict[str, pd.DataFrame]:
    """The typed frames saved as ``version`` ({table: frame}); ValueError when it does not exist."""
    rows = conn.execute("SELECT table_name, payload FROM dataset_tables WHERE version = ? ORDER BY table_name",
                        [int(version)]).fetchall()
    if not rows:
        raise ValueError(f"dataset version {version} does not exist; see list_datasets() for the versions")
    return {t: _from_parquet(p) for t, p in rows}


def dataset_fingerprint(conn: duckdb.DuckDBPyConnection, version: int) -> str:
    """SHA-256 over the content (columns, dtypes, values) of every table of ``version``.

    Equal data gives an equal fingerprint whatever its name or import time, so caches keyed by it
    survive a re-import of the same files.
    """
    row = conn.execute("SELECT fingerprint FROM datasets WHERE version = ?", [int(version)]).fetchone()
    if row is None:
        raise ValueError(f"dataset version {version} does not exist; see list_datasets() for the versions")
    return str(row[0])


# --------------------------------------------------------------------------------------------
# Artefacts (forecasts, backtests...)
# --------------------------------------------------------------------------------------------

def save_artifact(conn: duckdb.DuckDBPyConnection, kind: str, dataset_version: int, key: str,
                  frames: dict[str, pd.DataFrame], meta: dict | None = None) -> None:
    """Append an artefact (frames + JSON-able meta) under (kind, dataset_version, key); newest wins."""
    _require_text(kind, "kind")
    if not isinstance(key, str):
        raise TypeError(f"key must be a string such as a settings hash (got {type(key).__name__})")
    meta_json = json.dumps(meta or {}, ensure_ascii=False, default=str)
    payloads = {n: _to_parquet(f) for n, f in frames.items()}

    def write(tx: duckdb.DuckDBPyConnection) -> None:
        aid = int(tx.execute("SELECT coalesce(max(artifact_id), 0) + 1 FROM artifacts").fetchone()[0])
        tx.execute("INSERT INTO artifacts VALUES (?, ?, ?, ?, ?, ?)",
                   [aid, kind, int(dataset_version), key, _now(), meta_json])
        for n, p in payloads.items():
            tx.execute("INSERT INTO artifact_frames (artifact_id, frame_name, payload, payload_sha256) "
                       "VALUES (?, ?, ?, ?)", [aid, n, p, _sha256(p)])

    _in_transaction(conn, write)


def load_artifact(conn: duckdb.DuckDBPyConnection, kind: str, dataset_version: int,
                  key: str) -> tuple[dict[str, pd.DataFrame], dict] | None:
    """The newest artefact saved under (kind, dataset_version, key) as (frames, meta), or None."""
    row = conn.execute(
        "SELECT artifact_id, meta FROM artifacts WHERE kind = ? AND dataset_version = ? AND key = ? "
        "ORDER BY artifact_id DESC LIMIT 1", [kind, int(dataset_version), key]).fetchone()
    if row is None:
        return None
    frames = conn.execute("SELECT frame_name, payload FROM artifact_frames WHERE artifact_id = ?", [row[0]]).fetchall()
    return {n: _from_parquet(p) for n, p in frames}, json.loads(row[1])


# --------------------------------------------------------------------------------------------
# Scenarios and decisions
# --------------------------------------------------------------------------------------------

def save_scenario(conn: duckdb.DuckDBPyConnection, *, name: str, scenario_json: str, author: str,
                  dataset_version: int | None, note: str = "") -> int:
    """Append a new version of the scenario ``name``; returns its version (1 for a new name).

    Two people saving the same name at the same moment both get a version (n and n + 1)."""
    _require_text(name, "name")
    _require_text(author, "author")
    try:
        json.loads(scenario_json)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"scenario_json must be a JSON text (got {str(scenario_json)[:60]!r}: {exc}); "
                         "pass Scenario.to_json()") from exc
    dv = None if dataset_version is None else int(dataset_version)

    def write(tx: duckdb.DuckDBPyConnection) -> int:
        version = int(tx.execute("SELECT coalesce(max(version), 0) + 1 FROM scenarios WHERE name = ?",
                                 [name]).fetchone()[0])
        tx.execute("INSERT INTO scenarios VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [name, version, author, _now(), dv, note or "", scenario_json])
        return version

    return _in_transaction(conn, write)


def list_scenarios(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every saved version: name, version, author, created_at, dataset_version, note (newest first per name)."""
    df = conn.execute("SELECT name, version, author, created_at, dataset_version, note FROM scenarios "
                      "ORDER BY name, version DESC").df()
    df["dataset_version"] = df["dataset_version"].astype("Int64")
    return df


def load_scenario(conn: duckdb.DuckDBPyConnection, name: str, version: int | None = None) -> dict | None:
    """A saved scenario as a dict (name, version, author, created_at, dataset_version, note,
    scenario_json, scenario = the parsed JSON); the newest version when ``version`` is None."""
    if version is None:
        row = conn.execute("SELECT name, version, author, created_at, dataset_version, note, scenario_json "
                           "FROM scenarios WHERE name = ? ORDER BY version DESC LIMIT 1", [name]).fetchone()
    else:
        row = conn.execute("SELECT name, version, author, created_at, dataset_version, note, scenario_json "
                           "FROM scenarios WHERE name = ? AND version = ?", [name, int(version)]).fetchone()
    if row is None:
        return None
    keys = ("name", "version", "author", "created_at", "dataset_version", "note", "scenario_json")
    out = dict(zip(keys, row))
    out["scenario"] = json.loads(out["scenario_json"])
    return out


def save_decision(conn: duckdb.DuckDBPyConnection, *, scenario_name: str, scenario_version: int, text: str,
                  author: str) -> int:
    """Append a decision note to a saved scenario version; returns the decision id."""
    _require_text(text, "text")
    _require_text(author, "author")

    def write(tx: duckdb.DuckDBPyConnection) -> int:
        found = tx.execute("SELECT count(*) FROM scenarios WHERE name = ? AND version = ?",
                           [scenario_name, int(scenario_version)]).fetchone()[0]
        if not found:
            raise ValueError(f"scenario {scenario_name!r} version {scenario_version} does not exist; "
                             "save the scenario first (save_scenario)")
        did = int(tx.execute("SELECT coalesce(max(decision_id), 0) + 1 FROM decisions").fetchone()[0])
        tx.execute("INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?)",
                   [did, scenario_name, int(scenario_version), text, author, _now()])
        return did

    return _in_transaction(conn, write)


def list_decisions(conn: duckdb.DuckDBPyConnection, scenario_name: str,
                   scenario_version: int | None = None) -> pd.DataFrame:
    """Decisions on a scenario (all its versions, or one), oldest first."""
    sql = ("SELECT decision_id, scenario_name, scenario_version, text, author, created_at FROM decisions "
           "WHERE scenario_name = ?")
    params: list[object] = [scenario_name]
    if scenario_version is not None:
        sql += " AND scenario_version = ?"
        params.append(int(scenario_version))
    return conn.execute(sql + " ORDER BY decision_id", params).df()


# --------------------------------------------------------------------------------------------
# Learned defaults (post-campaign review)
# --------------------------------------------------------------------------------------------

#: Columns of a learned-defaults frame (one row per level x key x region), as ``campaign_review`` builds it.
LEARNED_COLUMNS: tuple[str, ...] = ("level", "key", "region", "uplift", "baseline_units", "actual_units",
                                    "presale_conversion_pct", "deposit_conversion_pct")


def save_learned_defaults(conn: duckdb.DuckDBPyConnection, learned: pd.DataFrame, *, campaign_id: str, author: str,
                          dataset_version: int | None) -> int:
    """Append what a campaign's review learned as a new save; returns its ``save_id``.

    Nothing is updated in place: two people saving at the same moment both get a save (n and n + 1), and the
    next plan reads the newest (:func:`load_learned_defaults`)."""
    _require_text(campaign_id, "campaign_id")
    _require_text(author, "author")
    missing = [c for c in LEARNED_COLUMNS if c not in learned.columns]
    if missing:
        raise ValueError(f"learned is missing columns {missing}; pass campaign_review.learned_defaults(...)")
    if learned.empty:
        raise ValueError("learned has no rows; review a campaign with actual results first")
    rows = learned[list(LEARNED_COLUMNS)].astype(object).where(learned[list(LEARNED_COLUMNS)].notna(), None)
    values = [list(r) for r in rows.itertuples(index=False)]
    dv = None if dataset_version is None else int(dataset_version)

    def write(tx: duckdb.DuckDBPyConnection) -> int:
        save_id = int(tx.execute("SELECT coalesce(max(save_id), 0) + 1 FROM learned_defaults").fetchone()[0])
        at = _now()
        tx.executemany("INSERT INTO learned_defaults (save_id, campaign_id, dataset_version, author, saved_at, level, "
                       "key, region, uplift, baseline_units, actual_units, presale_conversion_pct, "
                       "deposit_conversion_pct) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [[save_id, campaign_id, dv, author, at, *v] for v in values])
        return save_id

    return _in_transaction(conn, write)


def load_learned_defaults(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every saved learned default, newest save first: ``save_id, campaign_id, dataset_version, author, saved_at`` and
    :data:`LEARNED_COLUMNS` (an empty frame with those columns before the first save)."""
    return conn.execute(
        "SELECT save_id, campaign_id, dataset_version, author, saved_at, level, key, region, uplift, baseline_units, "
        "actual_units, presale_conversion_pct, deposit_conversion_pct FROM learned_defaults "
        "ORDER BY save_id DESC, level, key, region").df()
