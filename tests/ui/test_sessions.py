"""Sessions on one shared server: each in its own language at the same time, links checked against the data,
partial refresh named at once, database faults as one message, optional sign-in."""

from __future__ import annotations

import re
import threading

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import APP, page_path
from ui.i18n import CATALOGUE

CJK = re.compile(r"[\u4e00-\u9fff]")
#: English texts of the catalogue that differ from their Chinese ones and have no fields to fill.
ENGLISH = {e["en"] for e in CATALOGUE.values() if e["en"] != e["zh"] and "{" not in e["en"] and len(e["en"]) > 3}


def _labels(at: AppTest) -> list[str]:
    """Texts that come from the catalogue only (titles, headings, labels), never from data."""
    out: list[str] = []
    for kind in ("title", "header", "subheader"):
        out += [e.value for e in getattr(at, kind)]
    out += [m.label for m in at.metric]
    for kind in ("slider", "selectbox", "number_input", "text_input", "toggle", "radio", "multiselect", "button",
                 "text_area", "tabs", "expander"):
        out += [str(getattr(e, "label", "")) for e in getattr(at, kind)]
    return [o for o in out if o]


def _foreign(lang: str, texts: list[str]) -> list[str]:
    if lang == "en":
        return [x for x in texts if CJK.search(x)]
    return [x for x in texts if x in ENGLISH]


def test_two_sessions_in_different_languages_render_at_once_without_a_foreign_string(sample_db):
    found: dict[str, list[list[str]]] = {"en": [], "zh": []}
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)
    # AppTest swaps process-wide Streamlit globals (its mock Runtime) around each run and clears them after it, so
    # two AppTest runs can not overlap; the two sessions' threads take turns run by run instead. A language kept in
    # module state would still leak: each run of one session follows a run of the other in the other language.
    turn = threading.Lock()

    def session(lang: str) -> None:
        try:
            barrier.wait()
            for page in ("whatif", "data", "home"):
                at = AppTest.from_file(APP, default_timeout=300)
                at.query_params["lang"] = lang
                with turn:
                    at.run()
                with turn:
                    at.switch_page(page_path(page)).run()
                assert not at.exception, [e.value for e in at.exception]
                found[lang].append(_labels(at))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=session, args=(lang,)) for lang in ("en", "zh")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    for lang, pages in found.items():
        assert len(pages) == 3 and all(len(p) > 5 for p in pages)
        foreign = [x for p in pages for x in _foreign(lang, p)]
        assert not foreign, (lang, foreign[:10])
    assert any(CJK.search(x) for x in found["zh"][0])  # the Chinese session really is in Chinese


def _notices(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def test_a_link_naming_what_the_data_lacks_is_dropped_with_notices_and_rewritten(app):
    at = app(params={"ds": "999", "c": "UNKNOWN-2031", "mix": "US:FBT-UK=100,WH-MARS=20", "sl": "90"})
    text = _notices(at)
    assert "Dataset version 999 does not exist on this server" in text
    assert "Campaign “UNKNOWN\\-2031” is not in this dataset" in text
    assert "it serves UK, and stock never moves between markets" in text
    assert "Dropped warehouse “WH\\-MARS”" in text
    params = {k: at.query_params[k] for k in at.query_params}
    assert params.get("sl") in ("90", ["90"])  # what is valid stays
    for key in ("ds", "c", "mix", "uo"):
        assert key not in params or params[key] not in ("999", "UNKNOWN-2031")
    assert "ds" in params and params["ds"] in ("1", ["1"])  # the address names what is shown
    at = app(params={"c": "YEAREND-2026", "uo": "NO-SUCH-SKU|US:2"})
    assert "Dropped the uplift override for SKU “NO\\-SUCH\\-SKU”" in _notices(at)
    assert "uo" not in at.query_params
    at = app(params={"c": "YEAREND-2026", "smix": "NO-SUCH-SKU|US:FBT-US=50,3PL-US-LA=50"})
    assert "Dropped the warehouse split for SKU “NO\\-SUCH\\-SKU”" in _notices(at)
    assert "smix" not in at.query_params


def test_link_notices_are_plain_text_and_short(app):
    phish = "[Session expired - log in](https://evil.example/login)@1"
    at = app(params={"saved": phish, "zz" * 100: "1", "lang": "zh"})
    shown = [c.value for c in at.caption]
    joined = " ".join(shown)
    assert "已保存方案" in joined  # the notice is in the reader's language
    assert "](https" not in joined and "\\[Session expired \\- log in\\]" in joined  # escaped: no link is made
    assert all(len(s) < 400 for s in shown)
    assert "zz" * 30 not in joined  # only a short prefix of a value is quoted


def test_partial_refresh_from_the_data_page_names_the_new_version_at_once(app):
    at = app("data")
    weekly = "date,sku,units,region\n2026-11-20,AL00001,3,US\n"
    sku = None
    from linkstar_analytics.io import storage
    from ui import cache

    tables = storage.load_dataset(storage.connect(cache.db_path()), 1)
    sku = str(tables["sales"]["sku"].iloc[0])
    weekly = weekly.replace("AL00001", sku).encode()
    at.file_uploader[0].set_value(("sales.csv", weekly, "text/csv"))
    assert at.toggle(key="data_keep_rest").value is True
    [b for b in at.button if b.label == "Validate and import"][0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("version 2" in s.value for s in at.success), [s.value for s in at.success]
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    assert "Version 2" in sidebar, sidebar  # named at once, not after the next click
    assert any("Kept from version 1" in c.value for c in at.caption)
    conn = storage.connect(cache.db_path())
    new = storage.load_dataset(conn, 2)
    assert len(new["sales"]) == 1 and len(new["skus"]) == len(tables["skus"])
    assert storage.latest_backup(cache.db_path()) is not None  # a backup was made before the import
    conn.close()


def test_a_damaged_database_is_one_message_not_a_traceback(tmp_path, monkeypatch):
    bad = tmp_path / "broken.duckdb"
    bad.write_bytes(b"")
    monkeypatch.setenv("LINKSTAR_DB", str(bad))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "zh"
    at.run()
    assert not at.exception
    assert at.error and "数据库文件" in at.error[0].value and "0 字节" in at.error[0].value
    assert at.info and "删除" in at.info[0].value


def test_sign_in_is_off_by_default_and_asks_for_it_when_on(sample_db, monkeypatch):
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception and at.title[0].value != "Sign in to Linkstar Analytics"
    monkeypatch.setenv("LINKSTAR_SIGN_IN", "1")
    at = AppTest.from_file(APP, default_timeout=120)
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Sign in to Linkstar Analytics"] and not at.metric
    assert [b.label for b in at.button] == ["Sign in"]


def test_a_signed_in_teammate_saves_under_their_name(sample_db, monkeypatch):
    monkeypatch.setenv("LINKSTAR_SIGN_IN", "1")
    at = AppTest.from_file(APP, default_timeout=120)
    at.user = {"is_logged_in": True, "name": "Lin Wei", "email": "lin@team.example"}
    at.run()
    at.switch_page(page_path("scenarios")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Signed in as Lin Wei" in c.value for c in at.sidebar.caption)
    at.text_input[0].set_value("Peak")
    [b for b in at.button if b.label == "Save as a new version"][0].click().run()
    from linkstar_analytics.io import storage

    conn = storage.connect(sample_db)
    assert storage.load_scenario(conn, "Peak")["author"] == "Lin Wei"
    conn.close()


def test_two_sessions_asking_for_the_same_forecast_fit_it_once(monkeypatch, tmp_path):
    """The forecast slot's lock: the second session waits for the first one's fit instead of fitting again."""
    import time

    from ui import cache

    monkeypatch.setenv("LINKSTAR_DB", str(tmp_path / "lock.duckdb"))
    monkeypatch.setattr(cache, "dataset_facts", lambda path, version: {"horizon_days": 90})
    fits: list[int] = []

    def slow_fit(version, model, key, progress_text, done_text):
        fits.append(version)
        time.sleep(0.5)
        return object()

    monkeypatch.setattr(cache, "_load_or_fit", slow_fit)
    got: list[object] = []
    barrier = threading.Barrier(2)

    def session() -> None:
        barrier.wait()
        got.append(cache.forecast(41, model="ets"))

    threads = [threading.Thread(target=session) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert fits == [41] and len(got) == 2 and got[0] is got[1]
    assert cache.forecast(41, model="ets") is got[0] and fits == [41]
