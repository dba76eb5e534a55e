"""Publish a validated candidate as snapshots/<period>/v<n>/; never overwrite a published version."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from chitieu import __version__, lake
from chitieu.config import settings
from chitieu.errors import PipelineFailed
from chitieu.hashing import sha256_file
from chitieu.present.audit_report import write_audit
from chitieu.publish import layer
from chitieu.publish.candidate import PUBLISHED_TABLES, candidate_dir
from chitieu.transform.build import runs_dir
from chitieu.warehouse import connect

_VERSION = re.compile(r"^v(\d+)$")
DATA_DOCS = "data_docs"  # GX's Data Docs of the version's validation, a folder in the candidate and the snapshot


def _files(folder: Path) -> list[Path]:
    """Every file under `folder`, its subfolders' included."""
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def _key(folder: Path, f: Path) -> str:
    """A file's name in the manifest: its path relative to the snapshot folder, with /."""
    return f.relative_to(folder).as_posix()


@dataclass
class PublishResult:
    period: str
    version: int
    path: Path
    created: bool  # False: the same content was already published as this version


class NotValidated(PipelineFailed):
    """Publishing was asked for a candidate that did not pass validation."""


def versions(period: str) -> list[tuple[int, Path]]:
    d = settings().snapshots_dir / period
    if not d.exists():
        return []
    out = [(int(m[1]), p) for p in d.iterdir() if (m := _VERSION.match(p.name)) and p.is_dir()]
    return sorted(out)


def latest(period: str) -> tuple[int, Path] | None:
    v = versions(period)
    return v[-1] if v else None


def _row_count(path: Path) -> int:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows


def _inputs(period: str) -> tuple[list[dict], list[dict]]:
    with connect(read_only=True) as con:
        files = con.execute(
            "select source, file_path, file_sha256, size_bytes, status, reason_code, reason "
            "from raw.files where period = ? order by source, file_path",
            [period],
        ).fetchall()
        cats = con.execute(
            "select catalogue_file, catalogue_sha256 from raw.resolutions order by catalogue_file"
        ).fetchall()
    keys = ["source", "file_path", "sha256", "size_bytes", "status", "reason_code", "reason"]
    return [dict(zip(keys, f, strict=True)) for f in files], [
        {"file": f"catalogue/{c[0]}", "sha256": c[1]} for c in cats
    ]


def _dbt_results(period: str) -> list[dict]:
    out: list[dict] = []
    for p in sorted(runs_dir(period).glob("*.json")):
        out.extend(json.loads(p.read_text()).get("results", []))
    return sorted(out, key=lambda r: r["unique_id"])


def publish(period: str) -> PublishResult:
    s = settings()
    cand = candidate_dir(period)
    vpath = cand / "validation.json"
    if not vpath.exists() or not json.loads(vpath.read_text()).get("success"):
        raise NotValidated(f"period {period}: no passing validation for the candidate in {cand}; not published")

    tables = {}
    for table in PUBLISHED_TABLES:
        f = cand / f"{table}.parquet"
        tables[table] = {"file": f.name, "sha256": sha256_file(f), "rows": _row_count(f)}
    inputs, catalogues = _inputs(period)
    content = {
        "period": period,
        "tables": {t: v["sha256"] for t, v in tables.items()},
        "inputs": [(i["file_path"], i["sha256"], i["status"]) for i in inputs],
        "catalogues": [(c["file"], c["sha256"]) for c in catalogues],
        # the rules it was validated by: a new expectation on the same data is a new version, with its findings
        "suites": {p.name: sha256_file(p) for p in sorted((s.expectations_dir / "suites").glob("*.yml"))},
    }
    content_sha = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()

    prev = latest(period)
    if prev is not None:
        prev_manifest = json.loads((prev[1] / "manifest.json").read_text())
        if prev_manifest.get("content_sha256") == content_sha:
            _ensure_shown(period, prev[0], prev[1], prev_manifest)
            return PublishResult(period, prev[0], prev[1], created=False)

    version = (prev[0] if prev else 0) + 1
    period_dir = s.snapshots_dir / period
    period_dir.mkdir(parents=True, exist_ok=True)
    tmp = period_dir / f".tmp-v{version}-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    for table in PUBLISHED_TABLES:
        shutil.copyfile(cand / f"{table}.parquet", tmp / f"{table}.parquet")
    shutil.copyfile(vpath, tmp / "validation.json")
    validation = json.loads(vpath.read_text())
    if (cand / DATA_DOCS).is_dir():  # GX's Data Docs of this validation (offline, links relative)
        shutil.copytree(cand / DATA_DOCS, tmp / DATA_DOCS)
    final = period_dir / f"v{version}"
    manifest = {
        "chitieu_version": __version__,
        "period": period,
        "version": version,
        "content_sha256": content_sha,
        "tables": tables,
        "files": {
            "validation.json": sha256_file(tmp / "validation.json"),
            **{v["file"]: v["sha256"] for v in tables.values()},
            **{_key(tmp, f): sha256_file(f) for f in _files(tmp / DATA_DOCS)},
        },
        "inputs": inputs,
        "catalogues": catalogues,
        "dbt": {"results": _dbt_results(period)},
        "great_expectations": {
            "success": validation["success"],
            "statistics": validation["statistics"],
        },
    }
    # everything that can fail is written before the commit: after it, only the manifest and a rename
    for page in write_audit(tmp, manifest, validation, prev[1] if prev else None):
        manifest["files"][page.name] = sha256_file(page)
    # the month becomes visible to readers in one DuckLake commit; its snapshot is recorded in the manifest
    commit = layer.publish_version(period, version, tmp, final, content_sha)
    manifest["published_at"] = commit.snapshot_time
    manifest["ducklake"] = {"snapshot_id": commit.snapshot_id, "snapshot_time": commit.snapshot_time}
    (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True))
    for f in _files(tmp):
        f.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    os.rename(tmp, final)  # fails if v<n> exists: a published version is never overwritten
    return PublishResult(period, version, final, created=True)


def _ensure_shown(period: str, version: int, path: Path, manifest: dict) -> None:
    """Re-running a month with the same content writes nothing, unless the lake does not show it (a new
    catalog, e.g. moving from SQLite to PostgreSQL): then the version is published to it again."""
    with lake.connect(read_only=False) as con:
        shown = layer.shows(con, period)
    if shown != (version, manifest["content_sha256"]):
        layer.publish_version(period, version, path, path, manifest["content_sha256"])


def list_snapshots() -> list[dict]:
    root = settings().snapshots_dir
    out = []
    if not root.exists():
        return out
    for period_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        for version, path in versions(period_dir.name):
            m = json.loads((path / "manifest.json").read_text())
            out.append(
                {
                    "period": period_dir.name,
                    "version": version,
                    "path": str(path),
                    "published_at": m["published_at"],
                    "ducklake_snapshot": m.get("ducklake", {}).get("snapshot_id"),
                    "content_sha256": m["content_sha256"],
                    "rows": {t: v["rows"] for t, v in m["tables"].items()},
                }
            )
    return out


def verify(path: Path) -> list[str]:
    """Re-hash every file against the manifest, those in subfolders (data_docs/) included; return the problems
    (empty: intact)."""
    problems = []
    manifest = json.loads((path / "manifest.json").read_text())
    listed = set(manifest["files"]) | {"manifest.json"}
    for name, sha in sorted(manifest["files"].items()):
        f = path / name
        if not f.exists():
            problems.append(f"{path}: {name} is missing")
        elif sha256_file(f) != sha:
            problems.append(f"{path}: {name} does not match its sha256 in the manifest")
    for f in _files(path):
        if _key(path, f) not in listed:
            problems.append(f"{path}: {_key(path, f)} is not listed in the manifest")
    return problems
