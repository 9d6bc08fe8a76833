"""Linkstar Analytics: promotion stock-up planning for cross-border TikTok Shop sellers.

A plain library (no Streamlit): schemas and importers, DuckDB storage, forecasting,
landed cost and schedules, the plan and risk engine, and reports. The dashboard in
``app.py`` / ``pages/`` and the CLI (``python -m linkstar_analytics``) sit on top of it.
"""

__version__ = "0.1.0"
