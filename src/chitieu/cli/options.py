"""What the commands share: the consoles, and option types parsed once (a Period, a format out of a list)."""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console

from chitieu.errors import BadText
from chitieu.period import Period
from chitieu.present.lang import Lang

console = Console(width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True)


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class TableOrJson(StrEnum):
    table = "table"
    json = "json"


def parse_period(text: str | None) -> Period | None:
    try:
        return None if text is None else Period(text)
    except BadText as exc:  # shown by typer as a bad option, exit code 2
        raise typer.BadParameter(str(exc)) from exc


PeriodOption = Annotated[Period, typer.Option("--period", "-p", parser=parse_period, help="reporting month, YYYY-MM")]
MonthOption = Annotated[
    Period | None, typer.Option("--as-of", parser=parse_period, help="assessment month YYYY-MM (default: the latest)")
]
FormatOption = Annotated[Format, typer.Option("--format", help="how to print")]
TableOrJsonOption = Annotated[TableOrJson, typer.Option("--format", help="how to print")]
LangOption = Annotated[Lang, typer.Option("--lang", help="language of what is printed or written")]


def print_rows(rows: list[dict], fmt: Format) -> bool:
    """Rows as JSON or CSV on stdout; False for `table`, which each command draws its own way."""
    if fmt == Format.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    elif fmt == Format.csv:
        if rows:
            w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    return fmt != Format.table
