"""The printable report's charts as static SVG (matplotlib, object API, no pyplot).

Why static SVG rather than the dashboard's plotly figures: a plotly chart needs plotly.js (about 4.6 MB inlined,
which made the report 4.9 MB) and lays itself out for the screen, so printed axes were clipped. An SVG is a few tens
of kB, scales to the printed width without reflowing (``viewBox``, width 100 %), and looks the same on paper, in a
PDF and on a projector. Text stays text (``svg.fonttype = none``): the reader's fonts draw it, Chinese included.

Each function takes the data and every label already in the reader's language (the report module itself has no
catalogue of chart titles), and returns the ``<svg>`` element as a string. Output is deterministic (fixed hash
salt, no date in the metadata).
"""

from __future__ import annotations

import contextlib
import io
import logging
import threading
import warnings
from collections.abc import Iterator, Mapping

import numpy as np
import pandas as pd

#: Okabe-Ito (colour-blind safe), the dashboard's palette.
PALETTE: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: Printed size of a report chart: the width of an A4 landscape page inside 12 mm margins, a third of its height.
WIDTH_MM, HEIGHT_MM = 260.0, 95.0
_FONTS = ["DejaVu Sans", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC"]
_MM_PER_INCH = 25.4
#: More points than this are drawn as one embedded image (96 dpi) instead of one SVG shape each, so the report
#: stays small (2,000 SKU x markets in vector dots would weigh about 400 kB; the image stays under 500 kB).
MAX_VECTOR_POINTS = 1500
_RASTER_DPI = 96
#: Bubble areas are binned to a few sizes so the SVG reuses one shape per size.
_SIZE_BINS = np.array([14.0, 30.0, 60.0, 110.0, 180.0, 270.0])
# matplotlib's rcParams are process-wide: one chart at a time (Streamlit runs sessions in threads).
_LOCK = threading.Lock()


@contextlib.contextmanager
def _drawing() -> Iterator[None]:
    """One chart at a time, with the report's fonts (CJK fallbacks) and SVG settings, and without glyph warnings
    (a machine without a CJK font still writes the text; the reader's fonts draw it)."""
    import matplotlib

    with _LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "linkstar-report", "font.family": _FONTS,
                                    "savefig.dpi": _RASTER_DPI}):
            yield


def _figure():
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_MM / _MM_PER_INCH, HEIGHT_MM / _MM_PER_INCH), dpi=96)
    fig.set_layout_engine("constrained")
    return fig


def _style(ax, *, title: str, x_label: str, y_label: str) -> None:
    ax.set_title(title, loc="left", fontsize=11, fontweight="bold", color="#1f2933")
    ax.set_xlabel(x_label, fontsize=9, color="#1f2933")
    ax.set_ylabel(y_label, fontsize=9, color="#1f2933")
    ax.tick_params(labelsize=8, colors="#3e4c59")
    ax.grid(True, color="#e4e7eb", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _thousands(value: float, _pos: int | None = None) -> str:
    a = abs(value)
    if a >= 1e6:
        return f"{value / 1e6:,.1f}M"
    if a >= 1e4:
        return f"{value / 1e3:,.0f}K"
    return f"{value:,.0f}"


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    start = text.index("<svg")
    svg = text[start:]
    # scale to the printed width: drop the fixed size, keep the viewBox
    head, rest = svg.split(">", 1)
    for attr in ("width", "height"):
        head = _drop_attr(head, attr)
    return head + ' preserveAspectRatio="xMidYMid meet" role="img">' + rest


def _drop_attr(tag: str, name: str) -> str:
    key = f' {name}="'
    i = tag.find(key)
    if i < 0:
        return tag
    j = tag.index('"', i + len(key))
    return tag[:i] + tag[j + 1:]


def risk_scatter_svg(points: pd.DataFrame, *, title: str, x_label: str, y_label: str, size_label: str,
                     series_labels: Mapping[str, str] | None = None) -> str:
    """Stockout probability (x, %) against expected leftover cost (y) per SKU x market, bubble area ~ units.

    ``points`` columns: ``stockout_pct`` (0-100), ``leftover_cost``, ``units``, ``region``. One colour per
    region (``series_labels`` maps a region code to its label).
    """
    with _drawing():
        fig = _figure()
        ax = fig.add_subplot()
        regions = list(dict.fromkeys(points["region"].astype(str))) if len(points) else []
        units = pd.to_numeric(points["units"], errors="coerce").fillna(0).clip(lower=0).to_numpy() if len(points) \
            else np.zeros(0)
        scale = np.sqrt(units / units.max()) if units.size and units.max() > 0 else np.zeros(units.size)
        raster = len(points) > MAX_VECTOR_POINTS
        size_bin = np.minimum((scale * len(_SIZE_BINS)).astype(int), len(_SIZE_BINS) - 1)
        x = pd.to_numeric(points["stockout_pct"], errors="coerce").to_numpy() if len(points) else np.zeros(0)
        y = pd.to_numeric(points["leftover_cost"], errors="coerce").to_numpy() if len(points) else np.zeros(0)
        region_of = points["region"].astype(str).to_numpy() if len(points) else np.zeros(0, dtype=object)
        for i, region in enumerate(regions):
            first = True
            for b in np.unique(size_bin[region_of == region]):  # one size per call: the SVG reuses one shape
                sel = (region_of == region) & (size_bin == b)
                ax.scatter(x[sel], y[sel], s=_SIZE_BINS[b], color=PALETTE[i % len(PALETTE)], alpha=0.55,
                           edgecolors="white", linewidths=0.5, rasterized=raster,
                           label=(series_labels or {}).get(region, region) if first else "_nolegend_")
                first = False
        _style(ax, title=title, x_label=x_label, y_label=y_label)
        # the x axis spans the risks there are (a plan at 95 % service sits near 5 %), never more than 0-100 %
        top = float(np.nanmax(x)) if x.size and np.isfinite(x).any() else 100.0
        right = min(100.0, max(5.0, 1.1 * top))
        ax.set_xlim(left=-0.02 * right, right=right * 1.02)
        ax.set_ylim(bottom=0)
        from matplotlib.ticker import FuncFormatter

        ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
        if regions:
            # outside the plot on the right: never over a bubble
            leg = ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False, title=size_label,
                            title_fontsize=8)
            for handle in leg.legend_handles:  # one readable dot per market, whatever the bubbles' sizes
                handle.set_sizes([40.0])
                handle.set_alpha(0.8)
            leg._legend_box.align = "left"
        return _svg(fig)


def cash_svg(cash: pd.DataFrame, *, title: str, x_label: str, y_label: str, paid_label: str, released_label: str,
             tied_label: str, lang: str = "en") -> str:
    """Cash by week: purchase, freight and duty paid (bars up), released by sales (bars down), tied up (line).

    ``cash`` columns: ``week_start`` (date), ``paid``, ``released``, ``tied_up``. Dates read ``5 Dec`` /
    ``12月5日`` with the year where it changes.
    """
    with _drawing():
        fig = _figure()
        ax = fig.add_subplot()
        weeks = pd.to_datetime(cash["week_start"]) if len(cash) else pd.Series(dtype="datetime64[ns]")
        x = np.arange(len(weeks))
        ax.bar(x, cash["paid"] if len(cash) else [], width=0.7, color=PALETTE[0], label=paid_label)
        ax.bar(x, -cash["released"] if len(cash) else [], width=0.7, color=PALETTE[2], label=released_label)
        ax.plot(x, cash["tied_up"] if len(cash) else [], color=PALETTE[5], marker="o", markersize=3, linewidth=1.6,
                label=tied_label)
        ax.axhline(0, color="#9aa5b1", linewidth=0.8)
        _style(ax, title=title, x_label=x_label, y_label=y_label)
        from matplotlib.ticker import FuncFormatter

        ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
        step = max(1, int(np.ceil(len(x) / 14)))
        ticks = x[::step]
        labels, last_year = [], None
        for i in ticks:
            d = weeks.iloc[int(i)]
            text = f"{d.month}月{d.day}日" if lang == "zh" else f"{d.day} {d.strftime('%b')}"
            if d.year != last_year:
                text += f"\n{d.year}年" if lang == "zh" else f"\n{d.year}"
                last_year = d.year
            labels.append(text)
        ax.set_xticks(ticks, labels)
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False, ncols=3)
        return _svg(fig)


__all__ = ["HEIGHT_MM", "PALETTE", "WIDTH_MM", "cash_svg", "risk_scatter_svg"]
