"""Received files are stored once, by content (sha256), read-only, with a record of every time they arrived.

The landing zone (raw/<source>/<period>/) is only read; loading reads the archived copy, so a file changed in
the landing zone after it was received can never change what was loaded from it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from chitieu.config import settings


@dataclass(frozen=True)
class Receipt:
    sha256: str
    archived: Path
    received_at: str  # when this (source, period, name) first arrived, UTC ISO


def archive_dir() -> Path:
    return settings().warehouse_dir / "archive"


def archived_copy(sha256: str, name: str, archive: Path | None = None) -> Path:
    """Where the archive (`archive_dir()` unless given) keeps the bytes with this hash, received as `name`."""
    return (archive or archive_dir()) / sha256[:2] / f"{sha256}{Path(name).suffix.lower()}"


def receive(path: Path, source: str, period: str, relative_name: str) -> Receipt:
    """Copy the file into the archive while hashing it (one read), name the copy by its hash."""
    archive = archive_dir()
    archive.mkdir(parents=True, exist_ok=True)
    tmp = archive / f".incoming.{os.getpid()}.{path.name[-40:]}.tmp"
    h = hashlib.sha256()
    with path.open("rb") as src, tmp.open("wb") as dst:
        for chunk in iter(lambda: src.read(1 << 22), b""):
            h.update(chunk)
            dst.write(chunk)
    sha = h.hexdigest()
    stored = archived_copy(sha, path.name)
    folder = stored.parent
    folder.mkdir(exist_ok=True)
    if stored.exists():  # received before: the archived copy is the same bytes
        tmp.unlink()
    else:
        tmp.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        os.replace(tmp, stored)
    log = folder / f"{sha}.receipts.json"
    receipts = json.loads(log.read_text()) if log.exists() else []
    for r in receipts:
        if (r["source"], r["period"], r["name"]) == (source, period, relative_name):
            return Receipt(sha, stored, r["received_at"])
    received_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    receipts.append({"source": source, "period": period, "name": relative_name, "received_at": received_at})
    log.write_text(json.dumps(receipts, ensure_ascii=False, indent=2))
    return Receipt(sha, stored, received_at)
