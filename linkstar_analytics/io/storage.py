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
(Streamlit: ``st.cache_resource``) and give every thread or query its own ``conn.cursor()``;
every function here accepts a connection or a cursor. All values go through ``?`` parameters.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

__all__ = [
    "MIGRATIONS", "active_dataset_version", "connect", "dataset_fingerprint", "default_db_path", "list_datasets",
    "list_decisions", "list_scenarios", "load_artifact", "load_dataset", "load_scenario", "save_artifact",
    "save_dataset", "save_decision", "save_scenario", "schema_version", "set_active_dataset",
]

#: Parquet compression for stored frames (zstd: small files, fast to read).
PARQUET_COMPRESSION = "zstd"


def default_db_path() -> Path:
    """``$LINKSTAR_DB`` if set, else ``<repo>/data/linkstar.duckdb`` (its folder is created)."""
    env = os.environ.get("LINKSTAR_DB", "").strip()
    path = Path(env).expanduser() if env else Path(__file__).resolve().parents[2] / "data" / "linkstar.duckdb"
    path.parent.mkdir(parents=True, exist_ok=True)
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


#: Schema migrations in order; migration i (1-based) brings the schema to version i.
MIGRATIONS: list[Callable[[duckdb.DuckDBPyConnection], None]] = [_m001_initial]


def schema_version(conn: duckdb.DuckDBPyConnection) -> int:
    """The schema version of the open database (0 for an empty file)."""
    exists = conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", ["schema_version"]).fetchone()[0]
    if not exists:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def _migrate(conn: duckdb.DuckDBPyConnection) -> None:
    current = schema_version(conn)
    if current > len(MIGRATIONS):
        raise RuntimeError(f"the database schema is version {current}, newer than this code ({len(MIGRATIONS)}); "
                           "update Linkstar Analytics or point LINKSTAR_DB at another file.")
    for number in range(current + 1, len(MIGRATIONS) + 1):
        conn.execute("BEGIN TRANSACTION")
        try:
            if number == 1:
                conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)")
            MIGRATIONS[number - 1](conn)
            conn.execute("INSERT INTO schema_version VALUES (?, ?)", [number, _now()])
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise


def connect(db_path: str | os.PathLike | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating and migrating when needed) the DuckDB file; default :func:`default_db_path`.

    ``":memory:"`` gives a throwaway database. A read-only connection does not migrate and
    fails with a clear message when the file is older than the code.
    """
    target = str(default_db_path() if db_path is None else db_path)
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    conn = duckdb.connect(target, read_only=read_only)
    if read_only:
        have = schema_version(conn)
        if have != len(MIGRATIONS):
            conn.close()
            raise RuntimeError(f"the database at {target} has schema version {have}, this code needs "
                               f"{len(MIGRATIONS)}; open it once with read_only=False to migrate it.")
        return conn
    _migrate(conn)
    return conn


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC).replace(tzinfo=None)


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


class _Tx:
    """``with _Tx(conn):`` runs the block in one transaction; any exception rolls everything back."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self.conn = conn

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        self.conn.execute("BEGIN TRANSACTION")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> bool:
        self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")
        return False


def _require_text(value: object, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{field} must be a non-empty string (got {value!r}); pass a name such as 'BFCM plan'")
    return value


# --------------------------------------------------------------------------------------------
# Datasets
# --------------------------------------------------------------------------------------------

def save_dataset(conn: duckdb.DuckDBPyConnection, tables: dict[str, pd.DataFrame], *, name: str,
                 source_files: list[str], author: str, activate: bool = True) -> int:
    """Store ``tables`` as a new dataset version in one transaction; returns the version number.

    A failure (a frame that cannot be written, a crash) leaves no trace and does not move the
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
    fp = hashlib.sha256()
    for t in sorted(tables):
        fp.update(t.encode())
        fp.update(_frame_hash(tables[t]).encode())
    counts = {t: int(len(f)) for t, f in tables.items()}
    with _Tx(conn) as tx:
        version = int(tx.execute("SELECT coalesce(max(version), 0) + 1 FROM datasets").fetchone()[0])
        tx.execute("INSERT INTO datasets VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [version, name, _now(), author, json.dumps(list(source_files), ensure_ascii=False),
                    json.dumps(counts), fp.hexdigest()])
        for t, payload in payloads.items():
            tx.execute("INSERT INTO dataset_tables VALUES (?, ?, ?, ?)", [version, t, counts[t], payload])
        if activate:
            _append_active(tx, version)
    return version


def _append_active(conn: duckdb.DuckDBPyConnection, version: int) -> None:
    conn.execute("INSERT INTO active_dataset_log SELECT coalesce(max(seq), 0) + 1, ?, ? FROM active_dataset_log",
                 [version, _now()])


def set_active_dataset(conn: duckdb.DuckDBPyConnection, version: int) -> None:
    """Make ``version`` the active dataset (appends to the pointer log)."""
    with _Tx(conn) as tx:
        found = tx.execute("SELECT count(*) FROM datasets WHERE version = ?", [int(version)]).fetchone()[0]
        if not found:
            known = [r[0] for r in tx.execute("SELECT version FROM datasets ORDER BY version").fetchall()]
            raise ValueError(f"dataset version {version} does not exist; known versions: {known or 'none'}")
        _append_active(tx, int(version))


def active_dataset_version(conn: duckdb.DuckDBPyConnection) -> int | None:
    """The active dataset version, or None before the first import."""
    row = conn.execute("SELECT version FROM active_dataset_log ORDER BY seq DESC LIMIT 1").fetchone()
    return None if row is None else int(row[0])


def list_datasets(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per version: version, name, created_at, author, source_files (list), row_counts (dict), is_active."""
    df = conn.execute(
        "SELECT version, name, created_at, author, source_files, row_counts FROM datasets ORDER BY version").df()
    active = active_dataset_version(conn)
    df["source_files"] = df["source_files"].map(json.loads)
    df["row_counts"] = df["row_counts"].map(json.loads)
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
    with _Tx(conn) as tx:
        aid = int(tx.execute("SELECT coalesce(max(artifact_id), 0) + 1 FROM artifacts").fetchone()[0])
        tx.execute("INSERT INTO artifacts VALUES (?, ?, ?, ?, ?, ?)",
                   [aid, kind, int(dataset_version), key, _now(), meta_json])
        for n, p in payloads.items():
            tx.execute("INSERT INTO artifact_frames VALUES (?, ?, ?)", [aid, n, p])


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
    """Append a new version of the scenario ``name``; returns its version (1 for a new name)."""
    _require_text(name, "name")
    _require_text(author, "author")
    try:
        json.loads(scenario_json)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"scenario_json must be a JSON text (got {str(scenario_json)[:60]!r}: {exc}); "
                         "pass Scenario.to_json()") from exc
    with _Tx(conn) as tx:
        version = int(tx.execute("SELECT coalesce(max(version), 0) + 1 FROM scenarios WHERE name = ?",
                                 [name]).fetchone()[0])
        tx.execute("INSERT INTO scenarios VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [name, version, author, _now(), None if dataset_version is None else int(dataset_version),
                    note or "", scenario_json])
    return version


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
    with _Tx(conn) as tx:
        found = tx.execute("SELECT count(*) FROM scenarios WHERE name = ? AND version = ?",
                           [scenario_name, int(scenario_version)]).fetchone()[0]
        if not found:
            raise ValueError(f"scenario {scenario_name!r} version {scenario_version} does not exist; "
                             "save the scenario first (save_scenario)")
        did = int(tx.execute("SELECT coalesce(max(decision_id), 0) + 1 FROM decisions").fetchone()[0])
        tx.execute("INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?)",
                   [did, scenario_name, int(scenario_version), text, author, _now()])
    return did


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
