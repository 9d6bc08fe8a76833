"""DuckDB storage on a real file: dataset versions, the active pointer, artefacts, scenarios, decisions."""

from __future__ import annotations

import json
import threading

import numpy as np
import pandas as pd
import pytest

from linkstar_analytics.io import storage
from linkstar_analytics.io.validation import load_folder

HOSTILE = ["'); DROP TABLE scenarios; --", "双十一 备货计划", 'quote " and \' both', "semi; colon -- comment",
           "emoji 🛒 and \\backslash", "x" * 2000]


@pytest.fixture
def conn(tmp_path):
    c = storage.connect(tmp_path / "t.duckdb")
    yield c
    c.close()


@pytest.fixture
def clean_tables(make_good_dataset, tmp_path):
    result = load_folder(make_good_dataset(tmp_path / "good"))
    assert result.ok
    return result.tables


def test_default_db_path_env_and_repo(monkeypatch, tmp_path):
    monkeypatch.setenv("LINKSTAR_DB", str(tmp_path / "sub" / "x.duckdb"))
    assert storage.default_db_path() == tmp_path / "sub" / "x.duckdb"
    assert (tmp_path / "sub").is_dir()
    monkeypatch.delenv("LINKSTAR_DB")
    p = storage.default_db_path()
    assert p.name == "linkstar.duckdb" and p.parent.name == "data"


def test_migrations_run_once_and_read_only_reopens(tmp_path):
    path = tmp_path / "m.duckdb"
    storage.connect(path).close()
    c = storage.connect(path)
    assert storage.schema_version(c) == len(storage.MIGRATIONS)
    assert c.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(storage.MIGRATIONS)
    c.close()
    ro = storage.connect(path, read_only=True)
    assert storage.active_dataset_version(ro) is None
    ro.close()


def test_dataset_round_trip_keeps_dtypes_and_values(tmp_path, clean_tables):
    path = tmp_path / "rt.duckdb"
    c = storage.connect(path)
    v = storage.save_dataset(c, clean_tables, name="good", source_files=["sales.csv", "skus.csv"], author="lin")
    c.close()
    c = storage.connect(path, read_only=True)  # a fresh process would see the same
    assert v == 1 and storage.active_dataset_version(c) == 1
    loaded = storage.load_dataset(c, v)
    assert set(loaded) == set(clean_tables)
    for name, frame in clean_tables.items():
        pd.testing.assert_frame_equal(loaded[name], frame, check_exact=True)
    listing = storage.list_datasets(c)
    row = listing.iloc[0]
    assert row["name"] == "good" and row["author"] == "lin" and bool(row["is_active"])
    assert row["source_files"] == ["sales.csv", "skus.csv"]
    assert row["row_counts"]["sales"] == 90
    c.close()


def test_fingerprint_depends_on_content_only(conn, clean_tables):
    v1 = storage.save_dataset(conn, clean_tables, name="a", source_files=[], author="x")
    v2 = storage.save_dataset(conn, clean_tables, name="b", source_files=[], author="y")
    changed = dict(clean_tables, sales=clean_tables["sales"].assign(units=clean_tables["sales"]["units"] + 1))
    v3 = storage.save_dataset(conn, changed, name="c", source_files=[], author="x")
    fp = [storage.dataset_fingerprint(conn, v) for v in (v1, v2, v3)]
    assert fp[0] == fp[1] != fp[2] and len(fp[0]) == 64


def test_failed_save_leaves_no_trace_and_keeps_the_active_version(conn, clean_tables):
    v1 = storage.save_dataset(conn, clean_tables, name="first", source_files=[], author="x")
    bad = dict(clean_tables)
    bad["zz_broken"] = pd.DataFrame({"mixed": [1, "two", 3.0, object()]})  # pyarrow cannot write this
    with pytest.raises(Exception):
        storage.save_dataset(conn, bad, name="second", source_files=[], author="x")
    assert storage.list_datasets(conn)["version"].tolist() == [v1]
    assert storage.active_dataset_version(conn) == v1
    assert conn.execute("SELECT count(*) FROM dataset_tables WHERE version <> ?", [v1]).fetchone()[0] == 0


def test_failure_inside_the_transaction_rolls_back(conn, clean_tables, monkeypatch):
    v1 = storage.save_dataset(conn, clean_tables, name="first", source_files=[], author="x")

    def boom(c, version):
        raise RuntimeError("disk full")

    monkeypatch.setattr(storage, "_append_active", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        storage.save_dataset(conn, clean_tables, name="second", source_files=[], author="x")
    monkeypatch.undo()
    assert storage.list_datasets(conn)["version"].tolist() == [v1]
    assert conn.execute("SELECT count(*) FROM dataset_tables").fetchone()[0] == len(clean_tables)
    assert storage.active_dataset_version(conn) == v1


def test_inactive_save_and_set_active(conn, clean_tables):
    v1 = storage.save_dataset(conn, clean_tables, name="a", source_files=[], author="x")
    v2 = storage.save_dataset(conn, clean_tables, name="b", source_files=[], author="x", activate=False)
    assert storage.active_dataset_version(conn) == v1
    storage.set_active_dataset(conn, v2)
    assert storage.active_dataset_version(conn) == v2
    assert storage.list_datasets(conn)["is_active"].tolist() == [False, True]
    with pytest.raises(ValueError, match="dataset version 99 does not exist"):
        storage.set_active_dataset(conn, 99)
    with pytest.raises(ValueError, match="does not exist"):
        storage.load_dataset(conn, 99)


def test_artifacts_newest_wins_and_round_trip(conn):
    rng = np.random.default_rng(0)
    fc = pd.DataFrame({"series_id": np.repeat(["A", "B"], 50), "ds": pd.date_range("2026-01-01", periods=100),
                       "yhat": rng.normal(size=100), "yhat_lo_80": rng.normal(size=100)})
    assert storage.load_artifact(conn, "forecast", 1, "k") is None
    storage.save_artifact(conn, "forecast", 1, "k", {"fc": fc}, {"models": ["ets"], "n": 2})
    storage.save_artifact(conn, "forecast", 1, "k", {"fc": fc.head(3), "scores": fc.tail(2)}, {"n": 3})
    storage.save_artifact(conn, "forecast", 2, "k", {"fc": fc.head(1)})
    frames, meta = storage.load_artifact(conn, "forecast", 1, "k")
    assert meta == {"n": 3} and set(frames) == {"fc", "scores"}
    pd.testing.assert_frame_equal(frames["fc"], fc.head(3))
    assert storage.load_artifact(conn, "forecast", 1, "other") is None


def test_scenarios_append_versions_and_hostile_names_round_trip(conn):
    for name in HOSTILE:
        body = json.dumps({"service_level_pct": 95, "note": name}, ensure_ascii=False)
        assert storage.save_scenario(conn, name=name, scenario_json=body, author=name, dataset_version=1,
                                     note=name) == 1
        assert storage.save_scenario(conn, name=name, scenario_json=body.replace("95", "97"), author="b",
                                     dataset_version=None) == 2
    assert conn.execute("SELECT count(*) FROM scenarios").fetchone()[0] == 2 * len(HOSTILE)
    for name in HOSTILE:
        newest = storage.load_scenario(conn, name)
        first = storage.load_scenario(conn, name, 1)
        assert newest["version"] == 2 and newest["scenario"]["service_level_pct"] == 97
        assert first["name"] == name and first["author"] == name and first["note"] == name
        assert first["scenario"]["note"] == name and first["dataset_version"] == 1
        assert newest["dataset_version"] is None
    listing = storage.list_scenarios(conn)
    assert len(listing) == 2 * len(HOSTILE) and set(listing["name"]) == set(HOSTILE)
    assert storage.load_scenario(conn, "nope") is None
    assert storage.load_scenario(conn, HOSTILE[0], 7) is None


def test_scenario_json_must_parse(conn):
    with pytest.raises(ValueError, match="scenario_json"):
        storage.save_scenario(conn, name="a", scenario_json="{not json", author="x", dataset_version=None)
    with pytest.raises(ValueError, match="name"):
        storage.save_scenario(conn, name="  ", scenario_json="{}", author="x", dataset_version=None)


def test_decisions_append_per_scenario_version(conn):
    name = HOSTILE[0]
    storage.save_scenario(conn, name=name, scenario_json="{}", author="a", dataset_version=None)
    storage.save_scenario(conn, name=name, scenario_json="{}", author="a", dataset_version=None)
    d1 = storage.save_decision(conn, scenario_name=name, scenario_version=1, text="按计划备货 3,000 件", author="王")
    d2 = storage.save_decision(conn, scenario_name=name, scenario_version=2, text="'); DELETE FROM decisions; --",
                               author="b")
    assert d2 == d1 + 1
    assert storage.list_decisions(conn, name)["text"].tolist() == ["按计划备货 3,000 件", "'); DELETE FROM decisions; --"]
    assert storage.list_decisions(conn, name, 2)["author"].tolist() == ["b"]
    with pytest.raises(ValueError, match="does not exist"):
        storage.save_decision(conn, scenario_name="missing", scenario_version=1, text="t", author="a")


def test_cursor_per_thread(conn):
    storage.save_scenario(conn, name="s", scenario_json="{}", author="a", dataset_version=None)
    found: list[object] = []

    def read() -> None:
        cur = conn.cursor()
        found.append(storage.load_scenario(cur, "s")["version"])
        cur.close()

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert found == [1, 1, 1, 1]
