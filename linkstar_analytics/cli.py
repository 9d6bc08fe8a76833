"""Command line: ``python -m linkstar_analytics <command> ...``.

Each command lives in ``linkstar_analytics/commands/<name>.py`` and exposes
``add_arguments(parser)`` and ``run(args) -> int``; it is imported only when used, so
``validate`` does not pay for importing Prophet.
"""

from __future__ import annotations

import argparse
import importlib
import sys

#: command name -> (module under linkstar_analytics.commands, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "sample-data": ("sample_data", "write the seeded sample dataset (CSV tables) to a folder"),
    "validate": ("validate", "check a folder of tables; exit 1 with file/row/column messages on bad data"),
    "import": ("import_data", "validate a folder and store it as a new dataset version in DuckDB"),
    "forecast": ("forecast", "forecast daily demand per SKU and write sku,date,model,mean,p10,p50,p90"),
    "backtest": ("backtest", "fit before a cutoff, score the next days, write WAPE/bias/coverage as JSON"),
    "plan": ("plan", "compute the stock-up plan for a scenario: one row per SKU x warehouse"),
    "export": ("export", "write the stock-up plan sheet (.xlsx) and CSV for a scenario"),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with ``only``, just that command's module is imported (fast start-up)."""
    parser = argparse.ArgumentParser(prog="python -m linkstar_analytics", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if only is None or name == only:
            mod = importlib.import_module(f"linkstar_analytics.commands.{module}")
            mod.add_arguments(p)
            p.set_defaults(_module=mod)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(only=command if command in COMMANDS else None)
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    from linkstar_analytics.io.storage import DatabaseError

    try:
        return int(args._module.run(args) or 0)
    except DatabaseError as exc:  # a database file that cannot be used: one message and the fix, no traceback
        lang = getattr(args, "lang", "en")
        print(f"{exc.text.render(lang)} {'处理方法：' if lang == 'zh' else 'Fix:'} {exc.fix.render(lang)}",
              file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
