"""The received files, from the landing zone to figures or quarantine: each archived (hashed, kept
read-only) and checked before any parser sees it, in order; then read, several at a time, and checked against
the catalogue and the period. Whatever is wrong with a file rejects that file only."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

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
    """The files of one period: admitted one by one, in order (archived, guarded, duplicates found), then read,
    several at a time (`read_all`). `loaded_elsewhere`: sha256 -> the file that loaded the same bytes for
    another period (loaded once)."""

    con: duckdb.DuckDBPyConnection
    period: Period
    catalogue: Catalogue
    loaded_elsewhere: dict[str, str]
    seen: dict[str, str] = field(default_factory=dict)  # sha256 -> the first file of this period with it

    def admit(self, entry: FileEntry) -> Path | None:
        """The archived copy to read; None if the file is a duplicate or was quarantined. In file order: which of
        two equal files loads is decided here."""
        path = settings().raw_dir / entry.file_path
        receipt = None
        try:
            if path.is_symlink():
                check_file(path)  # refuses it; a link is never followed nor archived
            receipt = receive(path, entry.source, str(self.period), entry.file_path)  # the bad files are kept too
            entry.file_sha256, entry.received_at = receipt.sha256, receipt.received_at
            entry.archived_path = str(receipt.archived)
            with read_guard():
                check_file(receipt.archived, portal=portal.is_portal_source(entry.source))
            sha = entry.file_sha256
            if first := self.seen.get(sha) or self.loaded_elsewhere.get(sha):
                entry.status, entry.duplicate_of = FileStatus.DUPLICATE, first
                entry.reason = f"the same bytes as {first}: loaded once"
                return None
            self.seen[sha] = entry.file_path
            if self.period.start > dt.date.today():
                raise RejectedFile("future_period", f"filed under {self.period}, a month that has not begun yet")
        except RejectedFile as err:
            quarantine(entry, err, receipt.archived if receipt else None)
            return None
        return receipt.archived

    def read(self, entry: FileEntry, archived: Path, con: duckdb.DuckDBPyConnection) -> list[Figure]:
        """The admitted file's figures (none for a portal export: its rows are staged through `con`, counted in
        the entry), or none and the file quarantined. Touches only this entry and `con`: files can be read at
        the same time, each thread with a connection of its own."""
        try:
            # the one place a file's content is read: whatever goes wrong in there rejects this file only
            with read_guard():
                if portal.is_portal_source(entry.source):
                    entry.n_figures = portal.stage(con, archived, entry)
                    return []
                figures, errors = read_submission(archived)
                _reject_if(errors, "{n} cell(s) could not be read: ")
            _reject_if(crosscheck(figures, self.period, self.catalogue))
        except RejectedFile as err:
            quarantine(entry, err, archived)
            return []
        for f in figures:
            f.period, f.source, f.file_path = entry.period, entry.source, entry.file_path
            f.file_sha256, f.received_at = entry.file_sha256, entry.received_at
        if figures:
            entry.n_figures = len(figures)
        return figures

    def read_all(self, admitted: list[tuple[FileEntry, Path]], workers: int) -> list[Figure]:
        """Every admitted file read, `workers` at a time, the figures in file order. A portal's exports are read
        in order by one thread (an export repeating a dossier of an earlier one is refused); each thread reads
        through its own DuckDB connection (DuckDB works in parallel while Python reads a workbook)."""
        groups: dict[str, list[tuple[FileEntry, Path]]] = {}
        for n, (entry, archived) in enumerate(admitted):
            key = entry.source if portal.is_portal_source(entry.source) else f"file {n}"
            groups.setdefault(key, []).append((entry, archived))
        local = threading.local()

        def read_group(group: list[tuple[FileEntry, Path]]) -> list[list[Figure]]:
            if not hasattr(local, "con"):
                local.con = self.con.cursor()
                opened.append(local.con)
            return [self.read(entry, archived, local.con) for entry, archived in group]

        opened: list[duckdb.DuckDBPyConnection] = []
        try:
            with ThreadPoolExecutor(max(1, workers)) as pool:
                done = dict(zip(groups, pool.map(read_group, groups.values()), strict=True))
        finally:
            for con in opened:
                con.close()
        by_entry = {id(e): figs for key, group in groups.items() for (e, _), figs in zip(group, done[key], strict=True)}
        return [f for entry, _ in admitted for f in by_entry[id(entry)]]


def _reject_if(errors: list, intro: str = "") -> None:
    """A file with a bad cell is refused whole, its first error's code the file's; the first 20 are listed."""
    if errors:
        raise RejectedFile(errors[0].code, intro.format(n=len(errors)) + "; ".join(str(e) for e in errors[:20]), errors)
