"""Storage under a team: concurrent saves all kept and numbered without gaps, database faults answered with one
message and a fix (never a traceback), integrity checks, rolling backups, migrations, sharing with the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from linkstar_analytics.io import storage
from linkstar_analytics.io.storage import DatabaseError
from linkstar_analytics.io.validation import load_folder

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def clean_tables(make_good_dataset, tmp_path):
    result = load_folder(make_good_dataset(tmp_path / "good"))
    assert result.ok
    return result.tables


def _run_threads(target, n: int) -> None:
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            target(i)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


def test_two_users_saving_the_same_scenario_50_times_each_keep_all_100_versions(tmp_path):
    conn = storage.connect(tmp_path / "c.duckdb")
    got: dict[int, list[int]] = {0: [], 1: []}

    def user(i: int) -> None:
        cur = conn.cursor()  # one connection per session thread, as the dashboard does
        for k in range(50):
            body = json.dumps({"user": i, "save": k})
            got[i].append(storage.save_scenario(cur, name="BFCM plan", scenario_json=body, author=f"user{i}",
                                                dataset_version=None))

    _run_threads(user, 2)
    assert sorted(got[0] + got[1]) == list(range(1, 101))  # no gaps, no duplicates
    assert got[0] == sorted(got[0]) and got[1] == sorted(got[1])  # each user's saves in order
    stored = conn.execute("SELECT version, author, scenario_json FROM scenarios ORDER BY version").fetchall()
    assert [v for v, _, _ in stored] == list(range(1, 101))
    kept = {(a, json.loads(j)["save"]) for _, a, j in stored}
    assert kept == {(f"user{i}", k) for i in (0, 1) for k in range(50)}  # every save is there, none overwritten
    conn.close()


def test_concurrent_datasets_artifacts_and_decisions_are_numbered_without_gaps(tmp_path, clean_tables):
    conn = storage.connect(tmp_path / "d.duckdb")
    storage.save_scenario(conn, name="s", scenario_json="{}", author="a", dataset_version=None)
    small = {"stock": clean_tables["stock"]}
    versions: list[int] = []
    decisions: list[int] = []

    def user(i: int) -> None:
        cur = conn.cursor()
        for k in range(6):
            versions.append(storage.save_dataset(cur, small, name=f"u{i}-{k}", source_files=[], author=f"u{i}"))
            storage.save_artifact(cur, "forecast", 1, f"k{i}", {"f": pd.DataFrame({"x": [i, k]})})
            decisions.append(storage.save_decision(cur, scenario_name="s", scenario_version=1, text=f"{i}-{k}",
                                                   author=f"u{i}"))

    _run_threads(user, 2)
    assert sorted(versions) == list(range(1, 13)) and sorted(decisions) == list(range(1, 13))
    ids = [r[0] for r in conn.execute("SELECT artifact_id FROM artifacts ORDER BY 1").fetchall()]
    assert ids == list(range(1, 13))
    seq = [r[0] for r in conn.execute("SELECT seq FROM active_dataset_log ORDER BY 1").fetchall()]
    assert seq == list(range(1, 13))
    assert storage.integrity_problems(conn) == []
    conn.close()


# --------------------------------------------------------------------------------------------- faults


def _error(path, **kw) -> DatabaseError:
    with pytest.raises(DatabaseError) as info:
        storage.connect(path, **kw)
    err = info.value
    assert str(path) in err.text.render("en")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err.text.render("zh") + err.fix.render("zh"))
    return err


def test_empty_file(tmp_path):
    path = tmp_path / "empty.duckdb"
    path.write_bytes(b"")
    err = _error(path)
    assert err.code == "empty" and "0 bytes" in str(err) and "delete it" in err.fix.render("en")


def test_foreign_files(tmp_path):
    csv = tmp_path / "notes.duckdb"
    csv.write_text("a,b\n1,2\n")
    assert _error(csv).code == "foreign"
    other = tmp_path / "other.duckdb"
    c = duckdb.connect(str(other))
    c.execute("CREATE TABLE invoices (id INTEGER)")
    c.close()
    assert _error(other).code == "foreign"  # a DuckDB file of someone else's tables is never migrated into
    assert _error(tmp_path).code == "foreign"  # a folder


def test_missing_file_read_only(tmp_path):
    err = _error(tmp_path / "nope.duckdb", read_only=True)
    assert err.code == "missing" and "LINKSTAR_DB" in err.fix.render("en")


def test_truncated_file_is_damaged_and_names_the_last_good_copy(tmp_path, clean_tables):
    path = tmp_path / "t.duckdb"
    conn = storage.connect(path)
    storage.store_import(conn, clean_tables, name="a", source_files=[], author="x", db_path=path)
    storage.store_import(conn, clean_tables, name="b", source_files=[], author="x", db_path=path)
    conn.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    err = _error(path)
    assert err.code in ("corrupt", "foreign")
    if err.code == "corrupt":
        assert "backup-1" in err.fix.render("en")  # "open the last good copy (…backup-1.duckdb, made …)"
    good = storage.connect(storage.backup_path(path, 1), read_only=True)
    assert storage.list_datasets(good)["name"].tolist() == ["a"]
    good.close()


def test_newer_schema(tmp_path):
    path = tmp_path / "n.duckdb"
    c = storage.connect(path)
    c.execute("INSERT INTO schema_version VALUES (?, ?)", [len(storage.MIGRATIONS) + 5, storage._now()])
    c.close()
    err = _error(path)
    assert err.code == "newer_schema" and "update Linkstar Analytics" in err.fix.render("en")


def test_read_only_file(tmp_path, monkeypatch):
    path = tmp_path / "ro.duckdb"
    storage.connect(path).close()
    real_access = os.access
    monkeypatch.setattr(storage.os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    err = _error(path)
    assert err.code == "read_only" and "writable" in err.fix.render("en")


def test_locked_by_another_program_waits_then_says_so(tmp_path):
    path = tmp_path / "l.duckdb"
    storage.connect(path).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({str(path)!r}); "
                               "print('open', flush=True); time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        waited: list[str] = []
        start = time.monotonic()
        err = _error(path, busy_timeout_s=0.6, on_wait=waited.append)
        assert err.code == "locked" and time.monotonic() - start >= 0.5
        assert waited == [str(holder.pid)] and f"PID {holder.pid}" in err.text.render("en")
    finally:
        holder.kill()
        holder.wait()
    storage.connect(path, busy_timeout_s=5).close()  # free again


def test_cli_import_while_the_dashboard_is_idle_and_while_busy(tmp_path, make_good_dataset):
    """The dashboard's handle lets go of the file when idle, so a command-line import goes through; while the
    dashboard holds it, the import waits, then says so (exit 3) instead of a lock traceback."""
    path = tmp_path / "shared.duckdb"
    folder = make_good_dataset(tmp_path / "good")
    shared = storage.SharedDatabase(path, idle_close_s=0.3)
    cur = shared.cursor()
    assert storage.active_dataset_version(cur) is None
    cmd = [sys.executable, "-m", "linkstar_analytics", "import", str(folder), "--db", str(path), "--author", "cli",
           "--wait", "0.5"]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    busy = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    assert busy.returncode == 3, busy.stderr
    assert "in use by another program" in busy.stderr and "Traceback" not in busy.stderr
    del cur
    deadline = time.monotonic() + 10
    while shared.is_open and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not shared.is_open
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Imported dataset version 1" in done.stdout
    assert storage.active_dataset_version(shared.cursor()) == 1  # the dashboard reopens and sees it


# --------------------------------------------------------------------------------------------- integrity, backups


def test_integrity_check_finds_a_changed_payload_and_refuses_the_import(tmp_path, clean_tables):
    path = tmp_path / "i.duckdb"
    conn = storage.connect(path)
    storage.save_dataset(conn, clean_tables, name="a", source_files=[], author="x")
    assert storage.integrity_problems(conn) == []
    conn.execute("UPDATE dataset_tables SET payload = ? WHERE table_name = 'stock'", [b"not parquet"])
    problems = storage.integrity_problems(conn)
    assert problems == ["dataset version 1, table stock: the stored data does not match its checksum"]
    with pytest.raises(DatabaseError) as info:
        storage.store_import(conn, clean_tables, name="b", source_files=[], author="x", db_path=path)
    assert info.value.code == "corrupt" and "checksum" in str(info.value)
    assert storage.list_datasets(conn)["name"].tolist() == ["a"]  # nothing written
    conn.close()


def test_rolling_backups_keep_the_last_three(tmp_path, clean_tables):
    path = tmp_path / "b.duckdb"
    conn = storage.connect(path)
    for k in range(5):
        version, backup = storage.store_import(conn, clean_tables, name=f"v{k + 1}", source_files=[], author="x",
                                               db_path=path)
        assert version == k + 1 and backup == storage.backup_path(path, 1)
    conn.close()
    names = []
    for n in (1, 2, 3):
        b = storage.connect(storage.backup_path(path, n), read_only=True)
        names.append(storage.list_datasets(b)["name"].tolist())
        b.close()
    assert names == [["v1", "v2", "v3", "v4"], ["v1", "v2", "v3"], ["v1", "v2"]]
    assert not storage.backup_path(path, 4).exists()
    assert storage.latest_backup(path)[0] == storage.backup_path(path, 1)


def test_a_version_1_database_is_migrated_with_checksums(tmp_path, clean_tables):
    path = tmp_path / "old.duckdb"
    c = duckdb.connect(str(path))
    c.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)")
    storage._m001_initial(c)
    c.execute("INSERT INTO schema_version VALUES (1, now())")
    payload = storage._to_parquet(clean_tables["stock"])
    c.execute("INSERT INTO datasets VALUES (1, 'old', now(), 'x', '[]', ?, 'fp')", [json.dumps({"stock": 4})])
    c.execute("INSERT INTO dataset_tables VALUES (1, 'stock', 4, ?)", [payload])
    c.execute("INSERT INTO active_dataset_log VALUES (1, 1, now())")
    c.close()
    conn = storage.connect(path)
    assert storage.schema_version(conn) == len(storage.MIGRATIONS) == 3
    assert conn.execute("SELECT payload_sha256 FROM dataset_tables").fetchone()[0] == storage._sha256(payload)
    assert storage.integrity_problems(conn) == []
    pd.testing.assert_frame_equal(storage.load_dataset(conn, 1)["stock"], clean_tables["stock"])
    assert storage.list_datasets(conn)["base_version"].isna().all()
    conn.close()


def test_partial_refresh_keeps_the_other_tables(tmp_path, clean_tables, make_good_dataset):
    conn = storage.connect(tmp_path / "p.duckdb")
    v1 = storage.save_dataset(conn, clean_tables, name="full", source_files=[], author="x")
    weekly = tmp_path / "weekly"
    weekly.mkdir()
    (weekly / "sales.csv").write_text("date,sku,units\n2026-10-01,SKU-A,4\n2026-10-02,SKU-B,1\n")
    result = load_folder(weekly, base=storage.load_dataset(conn, v1), base_version=v1)
    assert result.ok and set(result.kept) == set(clean_tables) - {"sales"}
    v2 = storage.save_dataset(conn, result.tables, name="weekly", source_files=result.files, author="x",
                              base_version=v1)
    new = storage.load_dataset(conn, v2)
    assert new["sales"]["units"].tolist() == [4.0, 1.0]
    for name in set(clean_tables) - {"sales"}:
        pd.testing.assert_frame_equal(new[name], clean_tables[name])
    assert storage.list_datasets(conn).set_index("version").loc[v2, "base_version"] == v1
    # A refresh whose new SKU master drops a SKU the kept stock still names is refused, naming the kept table.
    (weekly / "sales.csv").unlink()
    (weekly / "skus.csv").write_text(make_good_dataset(tmp_path / "g2").joinpath("skus.csv").read_text()
                                     .replace("SKU-C", "SKU-X"))
    bad = load_folder(weekly, base=new, base_version=v2)
    assert not bad.ok
    kept_ref = [i for i in bad.issues if i.code == "unknown_reference"]
    assert [(i.file, i.row, i.column) for i in kept_ref] == [("stock (v2)", None, "sku")]
    assert "1 rows of the kept table stock (dataset version 2) name a sku that skus.csv does not have, e.g. " \
           "'SKU-C'" in kept_ref[0].message
    conn.close()
