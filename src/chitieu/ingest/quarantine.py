"""Quarantine: a refused file's copy and the reason, beside each other, for the department to be told."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

from chitieu.config import settings
from chitieu.ingest.errors import RejectedFile
from chitieu.ingest.records import FileEntry, FileStatus
from chitieu.period import Period

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str) -> str:
    return _SAFE.sub("_", name)[:120]


def quarantine(entry: FileEntry, err: RejectedFile, copy_from: Path | None) -> None:
    """Copy the file (the archived copy; nothing for a symlink, which is never followed) to
    quarantine/<period>/<source>/ with a `.reason.json` and the letters back to the department, and mark the
    entry quarantined."""
    original = settings().raw_dir / entry.file_path
    err.message = f"{entry.file_name}: {err.message}"  # every reason names its file
    # without a hash the file was a symlink: named by a hash of where it points, never read
    sha = entry.file_sha256 or hashlib.sha256(f"symlink:{os.readlink(original)}".encode()).hexdigest()
    qdir = settings().quarantine_dir / entry.period / entry.source
    qdir.mkdir(parents=True, exist_ok=True)
    target = qdir / f"{sha[:16]}__{safe_name(entry.file_name)}"
    if copy_from is not None and not target.exists():  # same bytes quarantined before: keep the first copy
        shutil.copyfile(copy_from, target)
    reason = {
        "period": entry.period,
        "source": entry.source,
        "original_path": str(original),
        "sha256": sha,
        **err.to_dict(),
    }
    target.with_name(target.name + ".reason.json").write_text(
        json.dumps(reason, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
    )
    from chitieu.present.rejections import write_letters  # what the department is sent back, vi and en

    write_letters(target, err, entry.file_name, Period(entry.period))
    entry.status = FileStatus.QUARANTINED
    entry.reason_code = err.code
    entry.reason = err.message
    entry.quarantine_path = str(target)
    entry.n_figures = 0
