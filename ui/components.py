"""Shared view pieces: chart styling, countdown labels, table column configs, headline blocks."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui.i18n import date_format_pattern, t

FONT = "Inter, 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"


def style_fig(fig: go.Figure, *, height: int = 360) -> go.Figure:
    """House style for every plotly chart: readable font (CJK fallbacks), tight margins, legend on top."""
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=50, b=10),
        font=dict(family=FONT, size=13),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, title_text=""),
        title=dict(font=dict(size=15)),
    )
    return fig


def countdown_label(days: int) -> str:
    if days == 0:
        return t("home.today")
    if days > 0:
        return t("home.days_left", n=days)
    return t("home.days_ago", n=-days)


def date_columns(frame: pd.DataFrame) -> dict[str, object]:
    """DateColumn configs for every date-like column of a display frame."""
    config: dict[str, object] = {}
    for name in frame.columns:
        sample = frame[name].dropna()
        if len(sample) and (pd.api.types.is_datetime64_any_dtype(frame[name]) or hasattr(sample.iloc[0], "isoformat")):
            if not isinstance(sample.iloc[0], (int, float, str)):
                config[name] = st.column_config.DateColumn(name, format=date_format_pattern())
    return config


def plan_headline_and_alerts(version: int) -> None:
    """Headline figures and top alerts of the current scenario (filled once the plan engine is wired)."""
    return None
