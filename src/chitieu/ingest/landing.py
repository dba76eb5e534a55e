"""The landing zone, raw/<source>/<YYYY-MM>/: what was received for a period. Only ever read."""

from __future__ import annotations

from chitieu.config import settings
from chitieu.errors import BadText
from chitieu.ingest.records import FileEntry
from chitieu.period import Period

# editor lock files are not submissions; everything else received is accounted for
_NOT_RECEIVED = ("~$", ".~lock")


def received_files(period: Period) -> list[FileEntry]:
    """A FileEntry for every file received for the period, ordered by path."""
    raw = settings().raw_dir
    out = []
    for folder in sorted(raw.glob(f"*/{period}")):
        for path in sorted(folder.iterdir()):
            if (path.is_file() or path.is_symlink()) and not path.name.startswith(_NOT_RECEIVED):
                out.append(
                    FileEntry(
                        period=str(period),
                        source=folder.parent.name,
                        file_path=str(path.relative_to(raw)),
                        file_name=path.name,
                        size_bytes=path.lstat().st_size,
                    )
                )
    return out


def landed_periods() -> list[Period]:
    """Every period that has a folder in the landing zone."""
    found = set()
    for p in settings().raw_dir.glob("*/*"):
        try:
            found.add(Period(p.name))
        except BadText:
            continue
    return sorted(found)
