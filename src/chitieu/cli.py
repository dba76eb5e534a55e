"""chitieu command line: run a period, read the scorecard, list and verify snapshots."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="chitieu: resolution-target data warehouse (chỉ tiêu Nghị quyết).", no_args_is_help=True)
snapshots_app = typer.Typer(help="Published snapshots.", no_args_is_help=True)
app.add_typer(snapshots_app, name="snapshots")
config_app = typer.Typer(help="Settings (chitieu.config) and the Airflow set-up they give.", no_args_is_help=True)
app.add_typer(config_app, name="config")
lake_app = typer.Typer(help="The published layer (DuckLake): how to connect, its snapshots.", no_args_is_help=True)
app.add_typer(lake_app, name="lake")
console = Console(width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True)

Period = Annotated[str, typer.Option("--period", "-p", help="reporting month, YYYY-MM")]


@app.command()
def run(period: Period) -> None:
    """Run one period end to end without the Airflow scheduler: load, dbt build, validate, publish."""
    from chitieu.errors import is_transient

    try:
        _run(period)
    except Exception as exc:
        if not is_transient(exc):
            raise
        err.print(
            f"[red]{period}: another run holds the pipeline's working database or the catalog ({exc}).[/]\n"
            "Nothing was changed; run again when it has finished (the scheduler retries by itself)."
        )
        raise typer.Exit(3) from exc


def _run(period: str) -> None:
    from chitieu.pipeline import dbt_step, load_step, publish_step, validate_step
    from chitieu.validate.checkpoint import ValidationFailed

    with console.status(f"[bold]{period}[/]: loading raw files"):
        load = load_step(period)
    for f in load["files"]:
        mark = "[green]loaded[/]" if f["status"] == "loaded" else f"[red]quarantined[/] ({f['reason']})"
        console.print(f"  {f['file_path']}: {mark}")
    with console.status(f"[bold]{period}[/]: dbt build"):
        dbt_step(period)
    try:
        with console.status(f"[bold]{period}[/]: Great Expectations checkpoint"):
            validate_step(period)
    except ValidationFailed as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(1) from exc
    result = publish_step(period)
    what = "published" if result["created"] else "unchanged, kept"
    console.print(f"{period}: {what} v{result['version']} at {result['path']}")


@app.command()
def periods() -> None:
    """List the periods that have raw files (raw/<source>/<YYYY-MM>/)."""
    from chitieu.ingest.load import bundled_periods

    for p in bundled_periods():
        print(p)


@app.command()
def scorecard(
    resolution: Annotated[str | None, typer.Option(help="resolution id or code, e.g. 08-NQ/TU")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="assessment month YYYY-MM")] = None,
    known_on: Annotated[
        str | None, typer.Option("--known-on", help="YYYY-MM-DD[THH:MM:SS]: what had been published by then")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table | json | csv")] = "table",
) -> None:
    """Targets with target, actual, status, progress and trend from published (validated) snapshots."""
    from chitieu.scorecard import parse_known_on
    from chitieu.scorecard import scorecard as read

    known = parse_known_on(known_on) if known_on else None
    rows, counts = read(resolution, as_of, known)
    if fmt == "json":
        print(json.dumps({"targets": rows, "counts": counts}, ensure_ascii=False, indent=2, default=str))
        return
    if fmt == "csv":
        if rows:
            w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
        return
    if fmt != "table":
        raise typer.BadParameter("--format must be table, json or csv")
    if not rows:
        err.print("nothing published for that month/resolution yet")
        raise typer.Exit(1)
    colour = {"met": "green", "not_met": "red", "not_yet_reported": "yellow", "not_assessable": "magenta"}
    for res_id in dict.fromkeys(r["resolution_id"] for r in rows):
        res_rows = [r for r in rows if r["resolution_id"] == res_id]
        table = Table(title=f"{res_rows[0]['resolution']} — as of {res_rows[0]['assessment_month']}")
        for c in ("target", "horizon", "rule", "target", "actual", "unit", "as of", "status", "trend", "source"):
            table.add_column(c)
        for r in res_rows:
            if r["target_value_low"] is not None and r["kind"] == "rank_band":
                target = f"{r['target_value_low']:g}-{r['target_value']:g}"
            else:
                target = "" if r["target_value"] is None else f"{r['target_value']:g}"
            if r["ranking_size"]:
                target += f" /{r['ranking_size']}"
            actual = r["actual_value_raw"] or (
                "" if r["parts_total"] is None else f"{r['parts_met']}/{r['parts_total']} parts"
            )
            if r["is_provisional"]:
                actual += " (prov.)"
            status = r["status"]
            trend = r["trend_category"] or ""
            if r["projected_value"] is not None:
                trend += f" → {r['projected_value']:g} in {r['horizon']}"
            table.add_row(
                ("  " if "." in r["target_code"] else "") + r["target_code"],
                str(r["horizon"]),
                r["comparator"],
                target,
                actual,
                r["unit"] or "",
                r["as_of"] or "",
                f"[{colour[status]}]{status}[/]"
                + (f" ({r['not_assessable_reason'].split(':')[0]})" if r["not_assessable_reason"] else ""),
                trend,
                f"{r['source_file']}!{r['source_sheet']}!{r['source_cell']}" if r["source_file"] else "",
            )
        console.print(table)
    for c in counts:
        console.print(
            f"[bold]{c['resolution']}[/] {c['assessment_month']}, horizon {c['horizon_year']}: "
            f"{c['n_met_strict']}/{c['n_targets']} met (strict: every part of a multi-part target met); "
            f"{c['n_met_majority_of_parts']}/{c['n_targets']} (majority of parts); "
            f"{c['n_not_yet_reported']} not yet reported, {c['n_not_assessable']} not assessable"
            + (
                f"; the rules differ on target {c['targets_where_rules_differ']}"
                if c["targets_where_rules_differ"]
                else ""
            )
        )


@app.command("claims")
def claims_cmd(
    as_of: Annotated[str | None, typer.Option("--as-of", help="assessment month YYYY-MM")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table | json")] = "table",
) -> None:
    """Claims of reports ("5/9 targets met") against the counts computed under each counting rule."""
    from chitieu.scorecard import claims

    rows = claims(as_of)
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title="claims check")
    for c in ("claim", "month", "rule", "claimed", "computed", "agrees", "rules differ on"):
        table.add_column(c)
    for r in rows:
        table.add_row(
            r["claim_key"], r["assessment_month"], r["counting_rule"], r["claimed"], r["computed"],
            "[green]yes[/]" if r["agrees"] else "[red]no[/]", r["targets_where_rules_differ"] or "",
        )  # fmt: skip
    console.print(table)


@app.command("trace")
def trace_cmd(
    target: Annotated[str, typer.Argument(help="target key, e.g. laichau-08-nq-tu:1@2025 or laichau-08-nq-tu:1")],
    as_of: Annotated[str, typer.Option("--as-of", help="assessment month YYYY-MM")],
    fmt: Annotated[str, typer.Option("--format", help="table | json")] = "table",
) -> None:
    """Trace a published value back to its snapshot, input file (sha256), sheet and cell, checking each link."""
    from chitieu.errors import NotFound
    from chitieu.trace import trace

    try:
        result = trace(target, as_of)
    except NotFound as exc:
        err.print(str(exc))
        raise typer.Exit(1) from exc
    if fmt == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    else:
        for s in result["steps"]:
            mark = "" if "ok" not in s else (" [green]✓[/]" if s["ok"] else " [red]✗[/]")
            console.print(f"[bold]{s['step']}[/]: {s['what']}{mark}")
    if not all(s.get("ok", True) for s in result["steps"]):
        raise typer.Exit(1)


@snapshots_app.command("list")
def snapshots_list(fmt: Annotated[str, typer.Option("--format", help="table | json")] = "table") -> None:
    """Every published snapshot version."""
    from chitieu.publish.snapshot import list_snapshots

    snaps = list_snapshots()
    if fmt == "json":
        print(json.dumps(snaps, indent=2))
        return
    table = Table(title="published snapshots")
    for c in ("period", "version", "published at", "DuckLake snapshot", "fact rows", "path"):
        table.add_column(c)
    for s in snaps:
        table.add_row(
            s["period"],
            f"v{s['version']}",
            s["published_at"],
            str(s["ducklake_snapshot"]),
            str(s["rows"]["fct_resolution_targets"]),
            s["path"],
        )
    console.print(table)


@snapshots_app.command("verify")
def snapshots_verify(
    period: Annotated[str | None, typer.Option("--period", "-p", help="only this period")] = None,
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


@app.command()
def template(out: Annotated[Path, typer.Argument(help="where to write the blank .xlsx template")]) -> None:
    """Write chitieu's blank submission template."""
    from chitieu.ingest.template import write_submission

    write_submission(out, reporter="", period_label="", rows=[])
    console.print(f"wrote {out}")


@app.command()
def demo() -> None:
    """Run the monthly DAG through Airflow (dag.test) for every bundled period, then report."""
    from chitieu import lake
    from chitieu.config import settings
    from chitieu.ingest.load import bundled_periods
    from chitieu.publish.snapshot import latest

    s = settings()
    periods = bundled_periods()
    started = time.monotonic()
    log = s.warehouse_dir / "runs" / "demo_airflow.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    console.print(f"running DAG chitieu_monthly through Airflow (dag.test) for {', '.join(periods)}; log: {log}")
    with log.open("w") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "chitieu.airflow_runs", *periods],
            stdout=subprocess.PIPE, stderr=fh, env=os.environ.copy(), text=True,
        )  # fmt: skip
        for line in proc.stdout:
            fh.write(line)
            if line.startswith("RESULT "):
                _, period, state, took = line.split()
                colour = "green" if state == "success" else "red"
                console.print(f"  {period}: [{colour}]{state}[/] in {took}")
        proc.wait()
    if proc.returncode != 0:
        err.print(f"[red]the DAG run failed[/]; see {log}")
        raise typer.Exit(1)
    last = bundled_periods()[-1]
    scorecard(resolution=None, as_of=last, known_on=None, fmt="table")
    claims_cmd(as_of=last, fmt="table")
    v = latest(last)
    console.print(f"latest snapshot:   {v[1] if v else '-'}")
    console.print(f"validation report: {v[1] / 'validation.json' if v else '-'}")
    console.print(f"Data Docs:         {s.data_docs_index}")
    console.print(f"published layer:   DuckLake {lake.redacted(s.lake_catalog)} (connect: chitieu lake sql)")
    console.print(f"demo finished in {time.monotonic() - started:.0f} s")


@config_app.command("show")
def config_show() -> None:
    """Every setting with its value (environment variables override the defaults)."""
    import dataclasses

    from chitieu.config import airflow_env, settings
    from chitieu.lake import redacted

    s = settings()
    for f in dataclasses.fields(s):
        print(f"{f.name} = {redacted(str(getattr(s, f.name)))}")
    for k, v in sorted(airflow_env().items()):
        print(f"{k}={v}")


@config_app.command("check-secrets")
def config_check_secrets() -> None:
    """Refuse to go on when a secret of the deployment is unset or still the placeholder of .env.example."""
    from chitieu.config import PLACEHOLDER, unset_secrets

    missing = unset_secrets()
    if missing:
        err.print(f"[red]set these in .env (not empty, not '{PLACEHOLDER}…'): {', '.join(missing)}[/]")
        raise typer.Exit(1)
    console.print("secrets set")


@config_app.command("airflow")
def config_airflow(
    init: Annotated[bool, typer.Option(help="also migrate the metadata database and create the writer pool")] = False,
) -> None:
    """Write AIRFLOW_HOME/airflow.cfg from chitieu's settings (so `airflow ...` works in a plain shell)."""
    from chitieu.config import write_airflow_cfg
    from chitieu.service import init_airflow

    if init:
        init_airflow()
    else:
        write_airflow_cfg()


@lake_app.command("sql")
def lake_sql() -> None:
    """The SQL that attaches the published layer read-only (DuckDB CLI: duckdb -init <file>; DBeaver; Python)."""
    from chitieu.lake import analyst_init_sql

    print(analyst_init_sql(), end="")


@lake_app.command("query")
def lake_query(
    sql: Annotated[str, typer.Argument(help="a query on the published tables, e.g. select * from fct_scorecard")],
    fmt: Annotated[str, typer.Option("--format", help="table | json | csv")] = "table",
) -> None:
    """Run a read-only query on the published layer (tables of schema `published` need no prefix)."""
    from chitieu import lake
    from chitieu.warehouse import records

    with lake.connect(read_only=True) as con:
        con.execute(f"use {lake.ALIAS}.{lake.SCHEMA}")
        rows = records(con.execute(sql))
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    elif fmt == "csv":
        if rows:
            w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    else:
        table = Table()
        for c in rows[0] if rows else []:
            table.add_column(c)
        for r in rows:
            table.add_row(*("" if v is None else str(v) for v in r.values()))
        console.print(table)


@lake_app.command("init")
def lake_init() -> None:
    """Create the published layer's catalog (and its PostgreSQL database, for a team's catalog) if missing."""
    from chitieu import lake
    from chitieu.config import settings
    from chitieu.lake_access import POSTGRES_PREFIX, ensure_database

    s = settings()
    if s.lake_catalog.startswith(POSTGRES_PREFIX) and ensure_database(s.lake_catalog):
        console.print("created the catalog's database")
    with lake.connect(read_only=False):
        pass
    console.print(f"DuckLake ready: catalog {lake.redacted(s.lake_catalog)}, data {s.lake_data_path}")


@lake_app.command("grant-reader")
def lake_grant_reader(
    role: Annotated[str, typer.Argument(help="the analysts' PostgreSQL login role, created if missing")],
    password: Annotated[
        str,
        typer.Option(envvar="CHITIEU_LAKE_READER_PASSWORD", prompt=True, hide_input=True, help="its password"),
    ],
) -> None:
    """Give analysts a read-only role on the PostgreSQL DuckLake catalog (CHITIEU_LAKE_CATALOG=postgres:...)."""
    from chitieu.config import settings
    from chitieu.lake_access import grant_reader

    grant = grant_reader(settings().lake_catalog, role, password)
    verb = "created" if grant.created else "updated"
    console.print(
        f"role {grant.role} {verb}: it reads database {grant.database} (schema {grant.schema}) and writes nothing.\n"
        f"Analysts: CHITIEU_LAKE_READER_CATALOG='postgres:dbname={grant.database} host=<host> user={grant.role}' "
        "PGPASSWORD=... chitieu lake sql"
    )


def main() -> None:
    """The `chitieu` command: chitieu's own errors become a message and exit code 2, not a traceback."""
    from chitieu.errors import ChitieuError

    try:
        app()
    except ChitieuError as exc:
        err.print(f"[red]chitieu: {exc}[/]")
        raise SystemExit(2) from exc
