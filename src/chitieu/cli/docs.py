"""`chitieu docs`: the analysts' catalogue of the published models (dbt's documentation site), from the working
database as the last run left it; `--serve` then serves it on http://127.0.0.1:8080 (`make docs`)."""

from __future__ import annotations

from typing import Annotated

import typer

from chitieu.cli.options import console, parse_period
from chitieu.period import Period

app = typer.Typer()


@app.command()
def docs(
    period: Annotated[
        Period | None,
        typer.Option("--period", "-p", parser=parse_period, help="month to compile for (default: latest published)"),
    ] = None,
    serve: Annotated[bool, typer.Option("--serve", help="then serve the site (dbt docs serve) until Ctrl-C")] = False,
    port: Annotated[int, typer.Option("--port", help="the port --serve listens on")] = 8080,
) -> None:
    """Generate the catalogue (dbt docs generate --static) into warehouse/docs/; print the offline page."""
    from chitieu.transform import docs as dbt_docs

    page = dbt_docs.generate(period)
    console.print(f"catalogue: {page} (one file, opens offline)")
    if serve:
        console.print(f"serving {dbt_docs.docs_dir()} on http://127.0.0.1:{port} (Ctrl-C to stop)")
        dbt_docs.serve(port=port)
