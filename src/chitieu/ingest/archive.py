"""Received files are stored once, by content (sha256), read-only, with a record of every time they arrived.

The landing zone (raw/<source>/<period>/) is only read; loading reads the archived copy, so a file changed in
the landing zone after it was received can never change what was loaded from it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from chitieu.config import settings
from chitieu.hashing import sha256_file


@dataclass(frozen=True)
class Receipt:
    sha256: str
    archived: Path
    received_at: str  # when this (source, period, name) first arrived, UTC ISO


def archive_dir() -> Path:
    return settings().warehouse_dir / "archive"


def receive(path: Path, source: str, period: str, relative_name: str) -> Receipt:
    sha = sha256_file(path)
    folder = archive_dir() / sha[:2]
    folder.mkdir(parents=True, exist_ok=True)
    stored = folder / f"{sha}{path.suffix.lower()}"
    if not stored.exists():
        tmp = folder / f".{sha}.{os.getpid()}.tmp"
        shutil.copyfile(path, tmp)
        if sha256_file(tmp) != sha:  # the file changed while being copied: do not archive a mixture
            tmp.unlink()
            raise OSError(f"{path} changed while it was being archived")
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
