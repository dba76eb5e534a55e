"""`chitieu synth`: a SYNTHETIC national month (chitieu.synth) into a folder of its own, for the benchmark and
capacity planning; load it with CHITIEU_RAW_DIR=<out>/raw."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chitieu.cli.options import PeriodOption, TableOrJson, TableOrJsonOption, console
from chitieu.period import Period

app = typer.Typer()


@app.command()
def synth(
    period: PeriodOption,
    out: Annotated[Path, typer.Option("--out", help="folder to write into (its raw/ is a landing zone); not raw/")],
    scale: Annotated[
        float,
        typer.Option("--scale", min=0.0001, help="dossier rows x scale (2,000,000 at 1); below 1 fewer provinces"),
    ] = 1.0,
    seed: Annotated[int, typer.Option("--seed", help="the same seed writes the same bytes")] = 2025,
    fmt: TableOrJsonOption = TableOrJson.table,
) -> None:
    """Generate a synthetic national month (every province, its resolutions, submissions, portal exports)."""
    import json

    from chitieu.config import settings
    from chitieu.synth.national import generate_month

    out = out.resolve()
    if out == settings().raw_dir or settings().raw_dir in out.parents:
        raise typer.BadParameter(
            "write synthetic data outside raw/ (the landing zone of real files)", param_hint="--out"
        )
    summary = generate_month(out, Period(period), scale=scale, seed=seed)
    if fmt == TableOrJson.json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False))
        return
    for key, value in summary.to_dict().items():
        console.print(f"{key:>13}: {value:,}" if isinstance(value, int) else f"{key:>13}: {value}")
    console.print(f"load it with CHITIEU_RAW_DIR={out / 'raw'} chitieu run --period {period}")
