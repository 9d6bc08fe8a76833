"""Reports: the stock-up plan sheet (.xlsx, CSV) and the printable review report (HTML).

* :mod:`linkstar_analytics.report.sheet` -- :func:`plan_sheet_frame`, :func:`write_plan_xlsx`,
  :func:`write_plan_csv`.
* :mod:`linkstar_analytics.report.html` -- :func:`review_report_html`.
* :mod:`linkstar_analytics.report.safe` -- :func:`neutralise_cell` (spreadsheet formula injection guard).

Plotly is imported only by the HTML report and only inside the function that needs it.
"""
