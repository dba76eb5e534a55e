"""From a published value back to the cell it was read from, checking every link on the way: the snapshot
re-hashed against its manifest, the input listed in the manifest of the month it was submitted for, the
archived copy of the file (the bytes that were loaded, kept read-only by hash) re-hashed, and the cell read
again from it."""

from __future__ import annotations

import json
from pathlib import Path

from python_calamine import CalamineWorkbook

from chitieu import lake
from chitieu.errors import NotFound
from chitieu.hashing import sha256_file
from chitieu.ingest.archive import archived_copy
from chitieu.ingest.numbers import parse_vi_number
from chitieu.period import Period
from chitieu.publish.snapshot import verify
from chitieu.warehouse import records

FACT = """
select f.*, s.path as snapshot_path, sub.path as submission_snapshot_path
from lake.published.fct_resolution_targets f
join lake.published.snapshots s on s.period = f.assessment_month
left join lake.published.snapshots sub on sub.period = f.submission_period
where f.assessment_month = $m and (f.target_key = $t or f.target_series_key = $t)
order by f.horizon_year limit 1
"""


def _cell(path: Path, sheet: str, a1: str) -> object:
    col = "".join(c for c in a1 if c.isalpha())
    row = int("".join(c for c in a1 if c.isdigit()))
    idx = 0
    for ch in col:
        idx = idx * 26 + (ord(ch.upper()) - 64)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    return rows[row - 1][idx - 1]


def trace(target: str, as_of: Period) -> dict:
    """`target` is a target_key (laichau-08-nq-tu:1@2025) or resolution_id:code (the first horizon).
    NotFound when nothing is published for it, or when it has no figure to trace (not yet reported)."""
    with lake.connect(read_only=True) as con:
        found = records(con.execute(FACT, {"m": as_of, "t": target}))
    if not found:
        raise NotFound(f"no published figure for {target} as of {as_of}")
    fact = found[0]
    if fact["source_file"] is None:
        raise NotFound(f"{fact['target_key']} has no figure as of {as_of} (status {fact['status']}): nothing to trace")
    snap = Path(fact["snapshot_path"])
    manifest = json.loads((snap / "manifest.json").read_text())
    value = f"{fact['actual_value']} {fact['unit'] or ''} -> {fact['status']}"
    content = manifest["content_sha256"][:16]
    steps: list[dict] = [
        {"step": "published value", "what": f"{fact['target_key']} as of {as_of}: {value}"},
        {"step": "snapshot", "what": f"{snap} (v{fact['snapshot_version']}), content {content}…",
         "ok": verify(snap) == []},
    ]  # fmt: skip
    # the file is an input of the snapshot of the period it was submitted for
    sub = fact["submission_snapshot_path"]
    inputs = json.loads((Path(sub) / "manifest.json").read_text())["inputs"] if sub else []
    sha = fact["source_file_sha256"]
    steps.append(
        {"step": "input",
         "what": f"{fact['source_file']} sha256 {sha[:16]}…, loaded for {fact['submission_period']}"
         + (f" (snapshot {sub})" if sub else ""),
         "ok": any(i["sha256"] == sha and i["status"] == "loaded" for i in inputs)}
    )  # fmt: skip
    copy = archived_copy(sha, fact["source_file"])
    same = copy.exists() and sha256_file(copy) == sha
    steps.append({"step": "archived file", "what": f"{copy} (received as raw/{fact['source_file']})", "ok": same})
    cell = _cell(copy, fact["source_sheet"], fact["source_cell"]) if same else None
    steps.append(
        {"step": "cell",
         "what": f"sheet '{fact['source_sheet']}' cell {fact['source_cell']}: {cell!r} (loaded as "
         f"{fact['actual_value_raw']!r}, reference period {fact['reference_period']}, as of {fact['as_of']})",
         "ok": same and parse_vi_number(cell)[1] == fact["actual_value_raw"]}
    )  # fmt: skip
    return {"target_key": fact["target_key"], "steps": steps}
