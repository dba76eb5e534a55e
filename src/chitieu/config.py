"""Where things live. Every path can be moved with an environment variable; defaults sit in the checkout."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def _root() -> Path:
    env = os.environ.get("CHITIEU_ROOT")
    if env:
        return Path(env).resolve()
    # src/chitieu/config.py -> checkout root (editable install)
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Settings:
    root: Path
    raw_dir: Path
    warehouse_dir: Path
    dbt_project_dir: Path
    expectations_dir: Path

    @property
    def duckdb_path(self) -> Path:
        return self.warehouse_dir / "chitieu.duckdb"

    @property
    def snapshots_dir(self) -> Path:
        return self.warehouse_dir / "snapshots"

    @property
    def quarantine_dir(self) -> Path:
        return self.warehouse_dir / "quarantine"

    @property
    def catalogue_dir(self) -> Path:
        return self.raw_dir / "catalogue"

    @property
    def gx_root(self) -> Path:
        """The GX file context (its run output is git-ignored under gx/uncommitted)."""
        return Path(os.environ.get("CHITIEU_GX_ROOT", self.expectations_dir)).resolve()

    @property
    def data_docs_index(self) -> Path:
        return self.gx_root / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"


def settings() -> Settings:
    root = _root()
    return Settings(
        root=root,
        raw_dir=Path(os.environ.get("CHITIEU_RAW_DIR", root / "raw")).resolve(),
        warehouse_dir=Path(os.environ.get("CHITIEU_WAREHOUSE_DIR", root / "warehouse")).resolve(),
        dbt_project_dir=Path(os.environ.get("CHITIEU_DBT_PROJECT_DIR", root / "dbt_project")).resolve(),
        expectations_dir=Path(os.environ.get("CHITIEU_EXPECTATIONS_DIR", root / "expectations")).resolve(),
    )
