"""Reading, checking and storing datasets.

* :mod:`.readers` turns files (CSV in UTF-8/GBK, .xlsx) into raw cells with file row numbers.
* :mod:`.validation` types and checks them against :mod:`linkstar_analytics.schemas` and reports
  every problem as an :class:`Issue` (``load_folder``, ``load_uploads``, ``format_issue``).
* :mod:`.storage` is the only module with SQL (DuckDB): dataset versions, artefacts, scenarios,
  concurrent writers, database faults, integrity checks and rolling backups.
* :mod:`.messages` holds every message of the importer and the database in English and Chinese.
* :mod:`.sample_data` writes the seeded sample dataset.

Submodules are imported on use (``from linkstar_analytics.io.validation import load_folder``);
this package imports nothing heavy.
"""
