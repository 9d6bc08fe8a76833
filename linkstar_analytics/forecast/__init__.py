"""Daily demand forecasts per SKU x region: models, campaign uplift, backtests, catalogue runs.

Public API (import from the submodules; nothing heavy is imported here)
-----------------------------------------------------------------------
``base``      ``Forecaster`` (``fit(history) -> self``, ``predict(horizon_days) -> frame``), ``build_panel``,
              ``FORECAST_COLUMNS``, ``validate_forecast_frame``, ``window_quantiles``, ``window_moments``,
              ``series_keys``, ``gamma_quantiles``
``models``    ``ETSForecaster`` (vectorised robust damped Holt-Winters + yearly index), ``SeasonalNaiveForecaster``,
              ``IntermittentForecaster`` (TSB), ``make_model(name)``
``prophet_model``  ``ProphetForecaster`` (weekly + yearly, campaigns and public holidays as holiday effects)
``uplift``    ``estimate_uplift(panel, campaigns)``, ``apply_uplift(forecast_frame, uplift_frame, campaigns)``
``backtest``  ``wape``, ``bias``, ``coverage``, ``rolling_backtest``, ``select_models``, ``accuracy_tables``,
              ``evaluate_at_cutoff``, ``report_dict``
``batch``     ``run_forecasts(sales, skus, campaigns, *, horizon_days, model="auto", ...) -> ForecastResult``
``holidays``  ``campaign_key``, ``campaign_days``, ``campaign_mask``, ``holiday_frame``
"""
