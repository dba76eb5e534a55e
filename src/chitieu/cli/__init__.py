"""chitieu command line: run a period, read the scorecard, list and verify snapshots, set up Airflow and the
published layer, write the catalogue of the published models (`docs`), generate a synthetic national month
(`synth`). Each group of commands has its module; this one assembles them and catches chitieu's errors once
(`main`)."""

from __future__ import annotations

import typer

from chitieu.cli import docs, lake, pipeline, published, settings, synth
from chitieu.cli.options import err

app = typer.Typer(help="chitieu: resolution-target data warehouse (chỉ tiêu Nghị quyết).", no_args_is_help=True)
for group in (pipeline.app, published.app, docs.app, synth.app):
    app.registered_commands += group.registered_commands
app.add_typer(published.snapshots_app, name="snapshots")
app.add_typer(settings.app, name="config")
app.add_typer(lake.app, name="lake")


def main() -> None:
    """The `chitieu` command: chitieu's own errors become a message and their exit code, not a traceback."""
    from chitieu.errors import ChitieuError

    try:
        app()
    except ChitieuError as exc:
        err.print(f"[red]chitieu: {exc}[/]")
        raise SystemExit(exc.exit_code) from exc
