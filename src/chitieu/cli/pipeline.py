"""Commands that run the pipeline: one period (`run`), every bundled period through Airflow (`demo`)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from chitieu.cli.options import PeriodOption, console, err
from chitieu.period import Period

app = typer.Typer()


@app.command()
def run(period: PeriodOption) -> None:
    """Run one period end to end without the Airflow scheduler: every step of the pipeline, in order."""
    from chitieu.errors import is_transient
    from chitieu.pipeline import STEPS
    from chitieu.validate.checkpoint import ValidationFailed

    results = {}
    try:
        for step in STEPS:
            with console.status(f"[bold]{period}[/]: {step.doing}"):
                results[step.name] = step.timed(period)
            if step.name == "load_raw":
                _print_files(results[step.name]["files"])
    except ValidationFailed as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(1) from exc
    except Exception as exc:
        if not is_transient(exc):
            raise
        err.print(
            f"[red]{period}: another run holds the pipeline's working database or the catalog ({exc}).[/]\n"
            "Nothing was changed; run again when it has finished (the scheduler retries by itself)."
        )
        raise typer.Exit(3) from exc
    published = results["publish"]
    what = "published" if published["created"] else "unchanged, kept"
    console.print(f"{period}: {what} v{published['version']} at {published['path']}")


def _print_files(files: list[dict]) -> None:
    for f in files:
        mark = "[green]loaded[/]" if f["status"] == "loaded" else f"[red]{f['status']}[/] ({f['reason']})"
        console.print(f"  {f['file_path']}: {mark}")


@app.command()
def periods() -> None:
    """List the periods that have raw files (raw/<source>/<YYYY-MM>/)."""
    from chitieu.ingest.landing import landed_periods

    for p in landed_periods():
        print(p)


@app.command()
def template(out: Annotated[Path, typer.Argument(help="where to write the blank .xlsx template")]) -> None:
    """Write chitieu's blank submission template."""
    from chitieu.ingest.template import write_submission

    write_submission(out, reporter="", period_label="", rows=[])
    console.print(f"wrote {out}")


def _run_dag(periods: list[Period], log: Path) -> int:
    """The DAG through Airflow (dag.test) for the periods, in a child process; its progress as it comes."""
    with log.open("w") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "chitieu.orchestrate.local", *periods],
            stdout=subprocess.PIPE, stderr=fh, env=os.environ.copy(), text=True,
        )  # fmt: skip
        for line in proc.stdout:
            fh.write(line)
            if line.startswith("RESULT "):
                _, period, state, took = line.split()
                colour = "green" if state == "success" else "red"
                console.print(f"  {period}: [{colour}]{state}[/] in {took}")
        return proc.wait()


@app.command()
def demo() -> None:
    """Run the monthly DAG through Airflow (dag.test) for every bundled period, then report."""
    from chitieu import lake
    from chitieu.cli.options import Format
    from chitieu.cli.published import claims_cmd, scorecard
    from chitieu.config import DAG_ID, settings
    from chitieu.ingest.landing import landed_periods
    from chitieu.present.lang import Lang
    from chitieu.publish.snapshot import latest

    s = settings()
    periods = landed_periods()
    started = time.monotonic()
    log = s.warehouse_dir / "runs" / "demo_airflow.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    console.print(f"running DAG {DAG_ID} through Airflow (dag.test) for {', '.join(periods)}; log: {log}")
    if _run_dag(periods, log) != 0:
        err.print(f"[red]the DAG run failed[/]; see {log}")
        raise typer.Exit(1)
    last = periods[-1]
    scorecard(resolution=None, as_of=last, known_on=None, fmt=Format.table, lang=Lang.vi)
    claims_cmd(as_of=last, fmt=Format.table, lang=Lang.vi)
    v = latest(last)
    console.print(f"latest snapshot:   {v[1] if v else '-'}")
    console.print(f"validation report: {v[1] / 'validation.json' if v else '-'}")
    console.print(f"period reports:    {s.reports_dir / 'index.html'}")
    console.print(f"audit report:      {v[1] / 'audit.html' if v else '-'}")
    console.print(f"Data Docs:         {v[1] / 'data_docs' / 'index.html' if v else '-'}")
    console.print(f"published layer:   DuckLake {lake.redacted(s.lake_catalog)} (connect: chitieu lake sql)")
    console.print(f"demo finished in {time.monotonic() - started:.0f} s")
