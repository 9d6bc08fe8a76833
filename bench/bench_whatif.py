"""What-if page benchmark: lever change -> finished rerun (AppTest) and -> repainted page (headless Chromium).

    python bench/bench_whatif.py [--skus 200,2000] [--moves 16] [--browser-moves 10] [--skip-browser] [--db FILE]

1. AppTest (``streamlit.testing.v1``), per catalogue size: builds a private DuckDB (the committed 200-SKU
   ``sample_data/`` for 200, else ``generate_sample(n_skus=N)`` written to a temp folder and imported through
   ``load_folder``), stores the forecast once with ``workflow.load_or_run_forecast`` (setup time printed
   separately), opens ``/whatif``, warms up, then times ``at.run()`` after each lever move (presale conversion and
   service level alternate). Median / p90 against the targets (<= 300 ms for 200 SKUs, <= 1 s for 2,000 SKUs).
   The rerun is then broken down two ways: inclusive wall time of the page's building blocks (``state.plan``,
   ``compute_plan``, ``sensitivity``, chart builders, ``st.plotly_chart`` / ``st.dataframe`` serialisation,
   components), and a cProfile of the script thread (top functions by cumulative time).
2. Browser: ``streamlit run app.py`` on a free port against a copy of the 200-SKU DB, ``/whatif`` in headless
   Chromium; the presale-conversion slider thumb gets ArrowRight / ArrowLeft and the time is measured inside the
   page (``performance.now()``) from the key press until the "Units to stock" metric text (value and its
   "expected demand" caption, since a one-point move can leave the rounded value unchanged) has changed and the app
   is idle (script state not running, no running indicator). Also: key -> script running, key -> value changed.
3. Peak RSS of the server process (and its children) sampled every 50 ms during the browser run.

Temp folders and the server process are removed / stopped on exit (also on Ctrl-C).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import os
import pstats
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

APP = str(REPO / "app.py")
WHATIF = str(REPO / "pages" / "whatif.py")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
TARGET_MS = {200: 300.0, 2000: 1000.0}
METRIC_LABEL = "Units to stock"
SLIDER_LABEL = "Presale conversion"
#: Campaign opened in every run (the tests' campaign; it has presale, so the presale lever moves the totals).
CAMPAIGN = "YEAREND-2026"


def _pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0-100) of a non-empty list."""
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(q / 100.0 * len(s) + 0.5)) - 1))]


def _fmt_stats(values: list[float]) -> str:
    return (f"median {statistics.median(values):8.1f} ms   p90 {_pct(values, 90):8.1f} ms   "
            f"min {min(values):8.1f}   max {max(values):8.1f}   (n={len(values)})")


# ---------------------------------------------------------------------------------------------
# Setup: a DuckDB file with one dataset version and its stored forecast
# ---------------------------------------------------------------------------------------------

def build_db(n_skus: int, workdir: Path) -> tuple[Path, dict[str, float]]:
    """Import the catalogue into ``workdir/linkstar.duckdb`` and store its default forecast; return path, timings."""
    from linkstar_analytics import workflow
    from linkstar_analytics.io import storage
    from linkstar_analytics.io.sample_data import DEFAULT_SEED, generate_sample, write_sample
    from linkstar_analytics.io.validation import load_folder

    times: dict[str, float] = {}
    t0 = time.perf_counter()
    if n_skus == 200:
        folder = REPO / "sample_data"
    else:
        folder = workdir / "csv"
        write_sample(generate_sample(n_skus=n_skus, seed=DEFAULT_SEED), folder)
        times["generate+write csv"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    result = load_folder(folder)
    if not result.ok:
        errors = [str(i) for i in result.issues if i.severity == "error"][:5]
        raise SystemExit(f"catalogue of {n_skus} SKUs in {folder} does not validate: {errors}")
    times["load_folder"] = time.perf_counter() - t1
    path = workdir / "linkstar.duckdb"
    t2 = time.perf_counter()
    conn = storage.connect(path)
    try:
        version = storage.save_dataset(conn, result.tables, name=f"Bench {n_skus} SKUs",
                                       source_files=[Path(f).name for f in result.files], author="bench",
                                       activate=True)
        times["save_dataset"] = time.perf_counter() - t2
        t3 = time.perf_counter()
        workflow.load_or_run_forecast(conn, version, storage.load_dataset(conn, version))
        times["forecast (fit + store)"] = time.perf_counter() - t3
    finally:
        conn.close()
    times["total setup"] = time.perf_counter() - t0
    return path, times


# ---------------------------------------------------------------------------------------------
# AppTest: timing wrappers and a profiler on the script thread
# ---------------------------------------------------------------------------------------------

class Probe:
    """Inclusive wall time per named call, collected while ``active``; patched in by ``install``."""

    def __init__(self) -> None:
        self.active = False
        self.totals: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.profile: cProfile.Profile | None = None
        self._undo: list[tuple[object, str, object]] = []

    def reset(self) -> None:
        self.totals.clear()
        self.calls.clear()

    def wrap(self, owner: object, attr: str, label: str) -> None:
        original = getattr(owner, attr)
        probe = self

        @functools.wraps(original)
        def timed(*args, **kwargs):
            if not probe.active:
                return original(*args, **kwargs)
            t0 = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                probe.totals[label] += time.perf_counter() - t0
                probe.calls[label] += 1

        setattr(owner, attr, timed)
        self._undo.append((owner, attr, original))

    def install(self) -> None:
        import streamlit as st
        from streamlit.delta_generator import DeltaGenerator
        from streamlit.runtime.scriptrunner import script_runner

        from linkstar_analytics.plan import engine
        from ui import cache, charts, components, exports, state

        self.wrap(script_runner.ScriptRunner, "_run_script", "script run (whole page)")
        self.wrap(state, "plan", "state.plan (caches + compute_plan)")
        self.wrap(engine, "compute_plan", "  compute_plan (all calls)")
        self.wrap(engine, "sensitivity", "sensitivity sweep")
        self.wrap(cache, "load_tables", "cache.load_tables")
        self.wrap(state, "supply_view", "state.supply_view")
        for name in ("risk_scatter", "sensitivity_chart", "sensitivity_units_chart", "cash_chart"):
            self.wrap(charts, name, f"charts.{name} (build figure)")
        for name in ("lever_sidebar", "campaign_picker", "plan_totals", "plan_lines_table"):
            self.wrap(components, name, f"components.{name}")
        self.wrap(exports, "plan_files", "exports.plan_files")
        from ui import cash_view, season, stress

        self.wrap(season, "season_section", "season block (plan, chart, tables)")
        self.wrap(season, "season_plan", "  season_plan")
        self.wrap(cash_view, "net_cash_section", "net cash block")
        self.wrap(stress, "stress_section", "stress-test block")
        for name in ("plotly_chart", "dataframe", "data_editor", "download_button"):
            if hasattr(st, name):
                self.wrap(st, name, f"st.{name} (serialise)")
            self.wrap(DeltaGenerator, name, f"st.{name} (serialise)")

        # cProfile of the script thread: the AppTest runs the page in its own thread, so the profiler is
        # switched on inside ScriptRunner._run_script (the outermost timed wrapper sits around this one).
        inner = script_runner.ScriptRunner._run_script
        probe = self

        def profiled(runner, *args, **kwargs):
            if probe.profile is None:
                return inner(runner, *args, **kwargs)
            probe.profile.enable()
            try:
                return inner(runner, *args, **kwargs)
            finally:
                probe.profile.disable()

        script_runner.ScriptRunner._run_script = profiled
        self._undo.append((script_runner.ScriptRunner, "_run_script", inner))

    def uninstall(self) -> None:
        while self._undo:
            owner, attr, original = self._undo.pop()
            setattr(owner, attr, original)


def _lever_moves(n: int, start: int = 0) -> list[tuple[str, float]]:
    """Alternate presale conversion and service level, every move to a value not used before in the run (a plan the
    page has already computed comes from its memo: moving back and forth between two values would time that)."""
    moves = []
    for i in range(start, start + n):
        if i % 2 == 0:
            moves.append(("lv_presale_conversion_pct", 10.0 + i // 2))
        else:
            moves.append(("lv_service_level_pct", 80.0 + 0.5 * (i // 2)))
    return moves


def _metric(at, label: str) -> str:
    for m in at.metric:
        if str(m.label).strip() == label:
            return str(m.value)
    return "?"


def _print_profile(prof: cProfile.Profile, sort: str, restrictions: list, title: str) -> None:
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats(sort).print_stats(*restrictions)
    print(f"\n    -- {title}")
    lines = buf.getvalue().splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
    site = str(Path(os.__file__).parent)
    for ln in lines[start:]:
        if ln.strip():
            print("    " + ln.replace(str(REPO) + "/", "").replace(site + "/site-packages/", "").replace(site, "")[:170])


def bench_apptest(db: Path, n_skus: int, moves: int, profile_moves: int, top: int) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    os.environ["LINKSTAR_DB"] = str(db)
    t0 = time.perf_counter()
    at = AppTest.from_file(APP, default_timeout=900)
    at.query_params["c"] = CAMPAIGN
    at.run()
    at.switch_page(WHATIF)
    at.run()
    if at.exception:
        raise SystemExit(f"what-if page raised: {[e.value for e in at.exception]}")
    first_ms = (time.perf_counter() - t0) * 1000.0

    def move(key: str, value: float) -> float:
        at.slider(key=key).set_value(value)
        t = time.perf_counter()
        at.run()
        dt = (time.perf_counter() - t) * 1000.0
        if at.exception:
            raise SystemExit(f"what-if page raised after {key}={value}: {[e.value for e in at.exception]}")
        return dt

    # Warm-up: first lever moves fill the plan-input memo, gamma tables, plotly templates, imports.
    for key, value in _lever_moves(4, start=60):
        move(key, value)
    start_units = _metric(at, METRIC_LABEL)

    probe = Probe()
    probe.install()
    try:
        times = []
        units_seen = set()
        for key, value in _lever_moves(moves):
            probe.active = True
            times.append(move(key, value))
            probe.active = False
            units_seen.add(_metric(at, METRIC_LABEL))
        breakdown = {k: v / len(times) * 1000.0 for k, v in probe.totals.items()}
        calls = {k: v / len(times) for k, v in probe.calls.items()}

        probe.profile = cProfile.Profile()
        for key, value in _lever_moves(profile_moves, start=moves):
            move(key, value)
        prof, probe.profile = probe.profile, None
    finally:
        probe.uninstall()

    target = TARGET_MS.get(n_skus)
    print(f"\n== AppTest rerun after a lever change, {n_skus:,} SKUs ==")
    print(f"first open of /whatif (cold caches, stored forecast)  {first_ms:10.0f} ms")
    print(f"'{METRIC_LABEL}' values seen across moves: {sorted(units_seen | {start_units})}")
    verdict = "" if target is None else ("  PASS" if statistics.median(times) <= target else "  FAIL") + \
        f" (target median <= {target:.0f} ms)"
    print(f"at.run() after lever change: {_fmt_stats(times)}{verdict}")
    print(f"\n  breakdown per rerun (inclusive wall ms, mean over {len(times)} timed moves; nested rows overlap):")
    for label, ms in sorted(breakdown.items(), key=lambda kv: -kv[1]):
        print(f"    {label:<48} {ms:9.1f} ms   {calls[label]:5.1f} calls")
    script_ms = breakdown.get("script run (whole page)", 0.0)
    print(f"    {'AppTest harness outside the script':<48} {statistics.mean(times) - script_ms:9.1f} ms")

    if profile_moves > 0:
        print(f"\n  cProfile of the script thread over {profile_moves} more moves (profiler overhead inflates"
              " absolute figures; cumtime is the total over those moves):")
        project = f"{REPO}/(ui|pages|linkstar_analytics)/"
        _print_profile(prof, "cumulative", [project, top], f"project functions, top {top} by cumulative time")
        _print_profile(prof, "tottime", [top], f"all functions, top {top} by own time")
    return {"median_ms": statistics.median(times), "p90_ms": _pct(times, 90)}


# ---------------------------------------------------------------------------------------------
# Browser: streamlit run + headless Chromium
# ---------------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RssSampler(threading.Thread):
    """Peak resident memory of a process and its children, sampled every ``interval_s``."""

    def __init__(self, pid: int, interval_s: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval_s = pid, interval_s
        self.peak_bytes = 0
        self.last_bytes = 0
        self._halt = threading.Event()
        try:
            import psutil

            self._proc = psutil.Process(pid)
        except ImportError:
            self._proc = None

    def _rss(self) -> int:
        if self._proc is not None:
            import psutil

            try:
                procs = [self._proc, *self._proc.children(recursive=True)]
                total = 0
                for p in procs:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                return total
            except psutil.Error:
                return 0
        try:
            with open(f"/proc/{self.pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def run(self) -> None:
        while not self._halt.is_set():
            self.last_bytes = self._rss()
            self.peak_bytes = max(self.peak_bytes, self.last_bytes)
            self._halt.wait(self.interval_s)

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=2)


def start_server(db: Path, workdir: Path) -> tuple[subprocess.Popen, str, Path]:
    port = _free_port()
    env = dict(os.environ, LINKSTAR_DB=str(db), PYTHONPATH=str(REPO))
    cmd = [sys.executable, "-m", "streamlit", "run", APP, "--server.headless", "true", "--server.port", str(port),
           "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    log = workdir / "streamlit.log"
    with open(log, "w") as fh:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=fh, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        if proc.poll() is not None:
            break
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read().strip() == b"ok":
                return proc, url, log
        except OSError:
            time.sleep(0.3)
    stop_server(proc)
    raise SystemExit(f"streamlit did not answer on {url}: {log.read_text()[-2000:]}")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


# In-page watcher: from the moment it is armed (right before the key press) it polls every animation frame and
# records when the script starts running, when the metric text changes and when the app is idle again.
_ARM_JS = """
([label, old]) => {
  const w = {t0: performance.now(), running: null, changed: null, idle: null, value: null};
  window.__benchWatch = w;
  const metricText = () => {
    const m = [...document.querySelectorAll('[data-testid="stMetric"]')]
      .find(e => (e.querySelector('[data-testid="stMetricLabel"]') || e).innerText.trim().startsWith(label));
    return m ? m.innerText.trim().replace(/\s+/g, ' ') : null;
  };
  const tick = () => {
    const now = performance.now();
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app ? app.getAttribute('data-test-script-state') : null;
    const busy = state === 'running' || !!document.querySelector('[data-testid="stStatusWidget"]');
    if (busy && w.running === null) w.running = now - w.t0;
    const text = metricText();
    if (w.changed === null && text !== null && text !== old) { w.changed = now - w.t0; w.value = text; }
    if ((w.changed !== null || (w.running !== null && now - w.t0 > 20000)) && !busy
        && !document.querySelector('[data-testid="stSkeleton"]')) {
      w.idle = now - w.t0; return;
    }
    if (now - w.t0 < 60000) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
"""


def _slider_thumb(page):
    box = page.locator("[data-testid='stSidebar'] [data-testid='stSlider']").filter(has_text=SLIDER_LABEL).first
    for selector in ("[role='slider']", "input[type='range']"):
        loc = box.locator(selector).first
        if loc.count():
            return loc, selector
    raise SystemExit(f"no slider thumb found for {SLIDER_LABEL!r}")


def _metric_value(page) -> str:
    """The whole text of the metric card (label, value and its caption, whitespace collapsed): a one-point
    presale move can leave the rounded value itself unchanged (MOQ / case-pack rounding) while the caption's
    expected demand moves, and both are repainted by the same rerun."""
    metric = page.locator("[data-testid='stMetric']").filter(
        has=page.locator("[data-testid='stMetricLabel']", has_text=METRIC_LABEL)).first
    return " ".join(metric.inner_text().split())


def _wait_idle(page, timeout_ms: int = 120_000) -> None:
    page.wait_for_function(
        "() => { const a = document.querySelector('[data-testid=\"stApp\"]');"
        " return a && a.getAttribute('data-test-script-state') !== 'running'"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-testid=\"stSkeleton\"]'); }", timeout=timeout_ms)


def bench_browser(db_template: Path, workdir: Path, moves: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        print(f"\n(browser part skipped: {CHROMIUM} not found)")
        return {}
    db = workdir / "browser.duckdb"
    shutil.copy(db_template, db)
    t_start = time.perf_counter()
    proc, url, log = start_server(db, workdir)
    server_ready_s = time.perf_counter() - t_start
    sampler = RssSampler(proc.pid)
    sampler.start()
    rows: list[dict[str, float]] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1440, "height": 1000})
                t0 = time.perf_counter()
                page.goto(f"{url}/whatif?c={CAMPAIGN}")
                page.wait_for_selector("[data-testid='stMainBlockContainer'] h1", timeout=180_000)
                page.wait_for_selector("[data-testid='stMetric']", timeout=180_000)
                page.wait_for_timeout(300)
                _wait_idle(page)
                first_load_ms = (time.perf_counter() - t0) * 1000.0
                rss_after_load = sampler.last_bytes
                thumb, selector = _slider_thumb(page)
                thumb.focus()
                warmup = 2
                for i in range(moves + warmup):
                    old = _metric_value(page)
                    page.evaluate(_ARM_JS, [METRIC_LABEL, old])
                    thumb.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
                    page.wait_for_function("() => window.__benchWatch && window.__benchWatch.idle !== null"
                                           " || performance.now() - window.__benchWatch.t0 > 60000",
                                           timeout=70_000)
                    w = page.evaluate("() => window.__benchWatch")
                    if w["idle"] is None or w["changed"] is None:
                        print(f"  move {i}: '{METRIC_LABEL}' did not change (was {old!r}, script ran:"
                              f" {w['running'] is not None}); move not counted")
                        continue
                    if i >= warmup:
                        rows.append(w)
                    page.wait_for_timeout(150)  # let late deltas / layout settle before the next key
                    if page.locator("[data-testid='stException']").count():
                        raise SystemExit("the page shows an exception: "
                                         + page.locator("[data-testid='stException']").first.inner_text()[:500])
            finally:
                browser.close()
    finally:
        try:
            stop_server(proc)
        finally:
            sampler.stop()

    print("\n== Browser (headless Chromium), 200 SKUs, presale slider by keyboard ==")
    print(f"server start to healthy          {server_ready_s * 1000:10.0f} ms")
    print(f"first load of /whatif            {first_load_ms:10.0f} ms   (slider thumb: {selector})")
    out: dict[str, float] = {}
    if rows:
        idle = [r["idle"] for r in rows]
        changed = [r["changed"] for r in rows]
        running = [r["running"] for r in rows if r["running"] is not None]
        print(f"key -> value changed + idle      {_fmt_stats(idle)}")
        print(f"key -> '{METRIC_LABEL}' changed  {_fmt_stats(changed)}")
        if running:
            print(f"key -> script running seen       {_fmt_stats(running)}")
        print(f"values shown: {sorted({r['value'] for r in rows})}")
        out = {"median_ms": statistics.median(idle), "p90_ms": _pct(idle, 90)}
    mib = 1024 * 1024
    print(f"server RSS after first load      {rss_after_load / mib:10.0f} MiB")
    print(f"server peak RSS during the run   {sampler.peak_bytes / mib:10.0f} MiB  "
          f"({'psutil, incl. children' if sampler._proc is not None else '/proc VmRSS'})")
    out["peak_rss_mib"] = sampler.peak_bytes / mib
    return out


# ---------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skus", default="200,2000", help="comma-separated catalogue sizes (200 = committed sample)")
    parser.add_argument("--moves", type=int, default=16, help="timed lever moves per size (AppTest)")
    parser.add_argument("--profile-moves", type=int, default=4, help="extra moves run under cProfile")
    parser.add_argument("--top", type=int, default=30, help="cProfile rows to print")
    parser.add_argument("--browser-moves", type=int, default=10, help="timed slider moves in the browser")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder (prints its path)")
    parser.add_argument("--db", type=Path, default=None,
                        help="a DuckDB file holding the 200-SKU sample and its stored forecast (a copy is used; "
                             "skips the one-off setup, e.g. one kept with --keep)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.skus.split(",") if s.strip()]
    if args.moves < 15:
        parser.error("--moves must be at least 15")

    import logging
    import signal

    # SIGTERM (e.g. ``timeout``) unwinds like Ctrl-C, so the server is stopped and the temp folder removed.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    with open("/proc/loadavg") as fh:
        print(f"load average at start: {fh.read().split()[:3]}  cpus: {os.cpu_count()}")
    t_probe = time.perf_counter()
    sum(i * i for i in range(10**7))
    print(f"CPU probe (pure-Python loop of 10^7 squares; compare runs on the same machine): "
          f"{time.perf_counter() - t_probe:.2f} s")
    workroot = Path(tempfile.mkdtemp(prefix="bench_whatif_"))
    try:
        dbs: dict[int, Path] = {}
        for n in sizes:
            wd = workroot / f"skus{n}"
            wd.mkdir()
            if n == 200 and args.db is not None:
                db, setup = wd / "linkstar.duckdb", {"copied from --db": 0.0}
                shutil.copy(args.db, db)
            else:
                db, setup = build_db(n, wd)
            dbs[n] = db
            print(f"\n== Setup, {n:,} SKUs (one-off) ==")
            for k, v in setup.items():
                print(f"{k:<28} {v:8.1f} s")
        # Each size gets its own DB copy for the AppTest run, so the browser run starts from a clean file.
        for n in sizes:
            copy = workroot / f"skus{n}" / "apptest.duckdb"
            shutil.copy(dbs[n], copy)
            bench_apptest(copy, n, args.moves, args.profile_moves, args.top)
        if not args.skip_browser:
            template = dbs.get(200)
            if template is None:
                wd = workroot / "skus200"
                wd.mkdir(exist_ok=True)
                template, _ = build_db(200, wd)
            bench_browser(template, workroot, args.browser_moves)
    finally:
        if args.keep:
            print(f"\ntemp folder kept: {workroot}")
        else:
            shutil.rmtree(workroot, ignore_errors=True)
    with open("/proc/loadavg") as fh:
        print(f"\nload average at end: {fh.read().split()[:3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
