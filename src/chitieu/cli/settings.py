"""`chitieu config`: the settings (chitieu.config) and the Airflow set-up they give."""

from __future__ import annotations

from typing import Annotated

import typer

from chitieu.cli.options import console, err

app = typer.Typer(help="Settings (chitieu.config) and the Airflow set-up they give.", no_args_is_help=True)


@app.command("show")
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


@app.command("check-secrets")
def config_check_secrets() -> None:
    """Refuse to go on when a secret of the deployment is unset or still the placeholder of .env.example."""
    from chitieu.config import PLACEHOLDER, unset_secrets

    missing = unset_secrets()
    if missing:
        err.print(f"[red]set these in .env (not empty, not '{PLACEHOLDER}…'): {', '.join(missing)}[/]")
        raise typer.Exit(1)
    console.print("secrets set")


@app.command("airflow")
def config_airflow(
    init: Annotated[bool, typer.Option(help="also migrate the metadata database and create the writer pool")] = False,
) -> None:
    """Write AIRFLOW_HOME/airflow.cfg from chitieu's settings (so `airflow ...` works in a plain shell)."""
    from chitieu.config import write_airflow_cfg
    from chitieu.orchestrate.service import init_airflow

    if init:
        init_airflow()
    else:
        write_airflow_cfg()
