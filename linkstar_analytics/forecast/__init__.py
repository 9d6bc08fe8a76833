"""Daily demand forecasts per SKU x region: models, campaign uplift, backtests, catalogue runs.

Public API (import from the submodules; nothing heavy is imported here)
-----------------------------------------------------------------------
``base``      ``Forecaster`` (``fit(history) -> self``, ``predict(horizon_days) -> frame``), ``build_panel``,
              ``FORECAST_COLUMNS``, ``validate_forecast_frame``, ``window_quantiles``, ``window_moments``,
              ``series_keys``, ``gamma_quantiles``
``models``    ``ETSForecaster`` (vectorised robust damped Holt-Winters; ``yearly=True`` on a deseasonalised history),
              ``SeasonalNaiveForecaster``, ``IntermittentForecaster`` (TSB), ``make_model(name)``
``global_model``  ``GlobalForecaster`` (one LightGBM model across all series through mlforecast)
``censoring`` ``censored_mask`` (stockouts from ``stock_history`` or detected zero runs), ``corrected_units``
``calibration``  ``fit_calibration``, ``apply_calibration`` (sigma, rho, window_sd_scale from backtests)
``prophet_model``  ``ProphetForecaster`` (weekly + yearly, campaigns and public holidays as holiday effects)
``uplift``    ``estimate_uplift(panel, campaigns)``, ``campaign_effects(...)``, ``apply_campaign_effects(frame, effects)``,
              ``apply_uplift(forecast_frame, uplift_frame, campaigns)``
``backtest``  ``wape``, ``bias``, ``coverage``, ``backtest_origins``, ``rolling_backtest``, ``select_models`` (window
              totals), ``accuracy_tables``,
              ``evaluate_at_cutoff``, ``report_dict``
``batch``     ``run_forecasts(sales, skus, campaigns, *, horizon_days, model="auto", ...) -> ForecastResult``
``holidays``  ``campaign_key``, ``campaign_days``, ``campaign_mask``, ``holiday_frame``
"""
