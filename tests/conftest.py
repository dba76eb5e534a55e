"""Shared fixtures: every test that writes gets its own raw copy, warehouse and GX context."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"

os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
# plain `pytest` finds the Airflow home `make` writes (chitieu.config's default), as `make test` does
os.environ.setdefault("AIRFLOW_HOME", str(ROOT / ".airflow"))


_TIERS = {"unit": "unit", "e2e": "e2e", "dags": "airflow", "service": "services"}


_FIRST = ["services", "airflow", "e2e", "unit"]  # the longest files first: two workers finish together


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each test is marked with its tier (its folder): `pytest -m unit`, `pytest -m "not services"`; the tiers
    run longest first (a stable sort: a file's tests stay together, in their order)."""
    for item in items:
        tier = _TIERS.get(Path(item.fspath).parent.name)
        if tier:
            item.add_marker(tier)
    items.sort(key=lambda item: _FIRST.index(_TIERS.get(Path(item.fspath).parent.name, "unit")))


def tree_hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def workspace_env(base: Path) -> dict[str, str]:
    return {
        "CHITIEU_ROOT": str(ROOT),
        "CHITIEU_RAW_DIR": str(base / "raw"),
        "CHITIEU_WAREHOUSE_DIR": str(base / "warehouse"),
        "CHITIEU_GX_ROOT": str(base / "gx"),
    }


def _make_workspace(base: Path, mp: pytest.MonkeyPatch) -> Path:
    """A private copy of raw/ and an empty warehouse; the repo's own files are never written."""
    shutil.copytree(RAW, base / "raw")
    for k, v in workspace_env(base).items():
        mp.setenv(k, v)
    return base


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return _make_workspace(tmp_path, monkeypatch)


@pytest.fixture(scope="module")
def module_workspace(tmp_path_factory: pytest.TempPathFactory):
    with pytest.MonkeyPatch.context() as mp:
        yield _make_workspace(tmp_path_factory.mktemp("ws"), mp)


LAI_CHAU = dict(resolution_code="08-NQ/TU", admin_unit="Tỉnh Lai Châu")


def add_submission(raw: Path, source: str, period: str, name: str, rows: list[dict]) -> Path:
    """A new file arriving in the landing zone (raw files are added, never edited)."""
    from chitieu.ingest.template import write_submission

    path = raw / source / period / name
    assert not path.exists()
    return write_submission(path, reporter=source, period_label=period, rows=[LAI_CHAU | r for r in rows])
