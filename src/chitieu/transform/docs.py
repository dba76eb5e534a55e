"""The analysts' catalogue of the warehouse: dbt's documentation site, generated from the working database as the
last run left it.

`generate` runs `dbt docs generate --static` with the pipeline's profile (`write_profile`) and a period (the
var every compile needs; by default the latest published month) into `warehouse/docs/`: `manifest.json` (the
models, their English descriptions, the Vietnamese ones in each column's `meta.description_vi`, the contracts),
`catalog.json` (the columns and types as built) and `static_index.html`, one self-contained page that opens
offline from the file system. `serve` runs `dbt docs serve` on that folder (the interactive site, same content)."""

from __future__ import annotations

import json
from pathlib import Path

from chitieu.config import settings
from chitieu.errors import NotFound, PipelineFailed
from chitieu.period import Period
from chitieu.transform.build import write_profile

STATIC_PAGE = "static_index.html"  # dbt ≥ 1.7: the site in one file, manifest and catalog inlined


def docs_dir() -> Path:
    """Where the catalogue is written: warehouse/docs/ (dbt's target path for the docs commands)."""
    return settings().warehouse_dir / "docs"


def latest_published_period() -> Period | None:
    """The latest month with a published snapshot, if any."""
    from chitieu.publish.snapshot import versions

    root = settings().snapshots_dir
    if not root.exists():
        return None
    months = sorted(p.name for p in root.iterdir() if p.is_dir() and versions(p.name))
    return Period(months[-1]) if months else None


def _dbt(args: list[str], what: str) -> None:
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    from dbt.cli.main import dbtRunner

    result = dbtRunner().invoke(args)
    DuckDBConnectionManager.close_all_connections()  # leave the working database to the pipeline
    if isinstance(result.exception, KeyboardInterrupt):  # dbtRunner returns it: Ctrl-C stays Ctrl-C
        raise result.exception
    if not result.success:
        raise PipelineFailed(f"{what} failed: {result.exception or 'see dbt_project/logs/dbt.log'}")


def _common_args() -> list[str]:
    s = settings()
    return ["--project-dir", str(s.dbt_project_dir), "--profiles-dir", str(write_profile(s)),
            "--target-path", str(docs_dir())]  # fmt: skip


def generate(period: Period | None = None) -> Path:
    """`dbt docs generate --static` from the working database; returns the static page's path."""
    s = settings()
    if not s.work_db.exists():
        raise NotFound(f"no working database at {s.work_db}: run a period first (chitieu run --period YYYY-MM)")
    period = period or latest_published_period()
    if period is None:
        raise NotFound("no published month yet: pass --period YYYY-MM (the month dbt compiles the models for)")
    docs_dir().mkdir(parents=True, exist_ok=True)
    args = ["docs", "generate", "--static", *_common_args(), "--vars", json.dumps({"period": str(period)}), "--quiet"]
    _dbt(args, f"dbt docs generate for {period}")
    page = docs_dir() / STATIC_PAGE
    if not page.exists():
        raise PipelineFailed(f"dbt docs generate wrote no {STATIC_PAGE} into {docs_dir()}")
    return page


def serve(port: int = 8080, host: str = "127.0.0.1") -> None:
    """`dbt docs serve` on warehouse/docs/ until interrupted (Ctrl-C); generate first."""
    if not (docs_dir() / "index.html").exists():
        raise NotFound(f"no documentation in {docs_dir()}: run chitieu docs first")
    try:
        _dbt(["docs", "serve", "--no-browser", "--port", str(port), "--host", host, *_common_args()], "dbt docs serve")
    except KeyboardInterrupt:  # Ctrl-C is how serving ends
        return
