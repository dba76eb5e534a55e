"""One received file, from the landing zone to figures or quarantine: archived (hashed, kept read-only),
checked before any parser sees it, read, checked against the catalogue and the period. Whatever is wrong with
the file rejects this file only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb

from chitieu.config import settings
from chitieu.ingest import portal
from chitieu.ingest.archive import receive
from chitieu.ingest.crosscheck import Catalogue, crosscheck
from chitieu.ingest.errors import RejectedFile
from chitieu.ingest.guards import check_file
from chitieu.ingest.quarantine import quarantine
from chitieu.ingest.reading import read_guard
from chitieu.ingest.records import Figure, FileEntry, FileStatus
from chitieu.ingest.submissions import read_submission
from chitieu.period import Period


@dataclass
class Intake:
    """The files of one period, taken one by one. `loaded_elsewhere`: sha256 -> the file that loaded the same
    bytes for another period (loaded once)."""

    con: duckdb.DuckDBPyConnection
    period: Period
    catalogue: Catalogue
    loaded_elsewhere: dict[str, str]
    seen: dict[str, str] = field(default_factory=dict)  # sha256 -> the first file of this period with it

    def take(self, entry: FileEntry) -> list[Figure]:
        """The file's figures (none for a portal export: its rows are staged in DuckDB, counted in the entry).
        The entry says what became of the file."""
        path = settings().raw_dir / entry.file_path
        receipt = None
        try:
            if path.is_symlink():
                check_file(path)  # refuses it; a link is never followed nor archived
            receipt = receive(path, entry.source, str(self.period), entry.file_path)  # the bad files are kept too
            entry.file_sha256, entry.received_at = receipt.sha256, receipt.received_at
            entry.archived_path = str(receipt.archived)
            # the one place a file's content is read: whatever goes wrong in there rejects this file only
            with read_guard():
                figures = self._read(entry, receipt.archived)
            _reject_if(crosscheck(figures, self.period, self.catalogue))
        except RejectedFile as err:
            quarantine(entry, err, receipt.archived if receipt else None)
            return []
        for f in figures:
            f.period, f.source, f.file_path = entry.period, entry.source, entry.file_path
            f.file_sha256, f.received_at = entry.file_sha256, entry.received_at
        if figures:
            entry.n_figures = len(figures)
        return figures

    def _read(self, entry: FileEntry, archived) -> list[Figure]:
        check_file(archived, portal=portal.is_portal_source(entry.source))
        sha = entry.file_sha256
        if first := self.seen.get(sha) or self.loaded_elsewhere.get(sha):
            entry.status, entry.duplicate_of = FileStatus.DUPLICATE, first
            entry.reason = f"the same bytes as {first}: loaded once"
            return []
        self.seen[sha] = entry.file_path
        if self.period.start > dt.date.today():
            raise RejectedFile("future_period", f"filed under {self.period}, a month that has not begun yet")
        if portal.is_portal_source(entry.source):
            entry.n_figures = portal.stage(self.con, archived, entry)
            return []
        figures, errors = read_submission(archived)
        _reject_if(errors, "{n} cell(s) could not be read: ")
        return figures


def _reject_if(errors: list, intro: str = "") -> None:
    """A file with a bad cell is refused whole, its first error's code the file's; the first 20 are listed."""
    if errors:
        raise RejectedFile(errors[0].code, intro.format(n=len(errors)) + "; ".join(str(e) for e in errors[:20]), errors)
