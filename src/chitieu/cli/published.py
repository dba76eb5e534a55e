"""Commands that read what was published: the scorecard, the claims check, a figure's trace, the snapshots."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from chitieu.cli.options import (
    Format,
    FormatOption,
    LangOption,
    MonthOption,
    TableOrJson,
    TableOrJsonOption,
    console,
    err,
    parse_period,
    print_rows,
)
from chitieu.period import Period
from chitieu.present.lang import Lang

app = typer.Typer()
snapshots_app = typer.Typer(help="Published snapshots.", no_args_is_help=True)


@app.command()
def scorecard(
    resolution: Annotated[str | None, typer.Option(help="resolution id or code, e.g. 08-NQ/TU")] = None,
    as_of: MonthOption = None,
    known_on: Annotated[
        str | None, typer.Option("--known-on", help="YYYY-MM-DD[THH:MM:SS]: what had been published by then")
    ] = None,
    fmt: FormatOption = Format.table,
    lang: LangOption = Lang.vi,
) -> None:
    """Targets with target, actual, status, progress and trend from published (validated) snapshots."""
    from chitieu.cli.scorecard_table import print_scorecard
    from chitieu.published.scorecard import parse_known_on
    from chitieu.published.scorecard import scorecard as read

    rows, counts = read(resolution, as_of, parse_known_on(known_on) if known_on else None)
    if fmt == Format.json:
        print(json.dumps({"targets": rows, "counts": counts}, ensure_ascii=False, indent=2, default=str))
        return
    if print_rows(rows, fmt):
        return
    if not rows:
        err.print("nothing published for that month/resolution yet")
        raise typer.Exit(1)
    print_scorecard(rows, counts, lang)


@app.command("claims")
def claims_cmd(as_of: MonthOption = None, fmt: TableOrJsonOption = TableOrJson.table, lang: LangOption = Lang.vi):
    """Claims of reports ("5/9 targets met") against the counts computed under each counting rule."""
    from chitieu.present.lang import Say
    from chitieu.published.scorecard import claims

    rows = claims(as_of)
    if print_rows(rows, Format(fmt)):
        return
    say = Say(lang)
    table = Table(title=say("What the reports claim"))
    for c in ("Claim", "Counting rule", "Claimed", "Computed", "Agrees", "The rules differ on target"):
        table.add_column(say(c))
    vi = lang == Lang.vi
    for r in rows:
        table.add_row(
            f"{r['text_vi']} ({r['document']}, {r['section']})",
            r["rule_text_vi" if vi else "rule_text"] + f"\n[dim]{r['rule_basis_vi' if vi else 'rule_basis']}[/]",
            r["claimed"], r["computed"], f"[green]{say('yes')}[/]" if r["agrees"] else f"[red]{say('no')}[/]",
            r["targets_where_rules_differ"] or "",
        )  # fmt: skip
    console.print(table)


@app.command("trace")
def trace_cmd(
    target: Annotated[str, typer.Argument(help="target key, e.g. laichau-08-nq-tu:1@2025 or laichau-08-nq-tu:1")],
    as_of: Annotated[Period, typer.Option("--as-of", parser=parse_period, help="assessment month YYYY-MM")],
    fmt: TableOrJsonOption = TableOrJson.table,
) -> None:
    """Trace a published value back to its snapshot, input file (sha256), sheet and cell, checking each link:
    exit code 1 when a link does not hold."""
    from chitieu.published.trace import trace

    result = trace(target, as_of)
    if fmt == TableOrJson.json:
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    else:
        for s in result["steps"]:
            mark = "" if "ok" not in s else (" [green]✓[/]" if s["ok"] else " [red]✗[/]")
            console.print(f"[bold]{s['step']}[/]: {s['what']}{mark}")
    if not all(s.get("ok", True) for s in result["steps"]):
        raise typer.Exit(1)


@app.command("report")
def report_cmd(
    as_of: Annotated[Period, typer.Option("--as-of", parser=parse_period, help="assessment month YYYY-MM")],
    resolution: Annotated[str | None, typer.Option(help="resolution id or code (default: every one)")] = None,
    lang: LangOption = Lang.vi,
) -> None:
    """Write the period report (HTML per resolution, XLSX, CSV with a BOM) and the landing page from what was
    published; print the path of every file written, one a line."""
    from chitieu.present.period_report import write_reports

    for path in write_reports(as_of, resolution, (lang,)):
        print(path)


@snapshots_app.command("list")
def snapshots_list(fmt: TableOrJsonOption = TableOrJson.table) -> None:
    """Every published snapshot version."""
    from chitieu.publish.snapshot import list_snapshots

    snaps = list_snapshots()
    if print_rows(snaps, Format(fmt)):
        return
    table = Table(title="published snapshots")
    for c in ("period", "version", "published at", "DuckLake snapshot", "fact rows", "path"):
        table.add_column(c)
    for s in snaps:
        table.add_row(s["period"], f"v{s['version']}", s["published_at"], str(s["ducklake_snapshot"]),
                      str(s["rows"]["fct_resolution_targets"]), s["path"])  # fmt: skip
    console.print(table)


@snapshots_app.command("verify")
def snapshots_verify(
    period: Annotated[Period | None, typer.Option("-p", "--period", parser=parse_period, help="this one")] = None,
) -> None:
    """Re-hash every snapshot file against its manifest."""
    from chitieu.publish.snapshot import list_snapshots, verify

    problems, n = [], 0
    for s in list_snapshots():
        if period and s["period"] != period:
            continue
        n += 1
        problems.extend(verify(Path(s["path"])))
    for p in problems:
        err.print(f"[red]{p}[/]")
    if problems:
        raise typer.Exit(1)
    console.print(f"{n} snapshot(s) verified: every file matches its manifest")
