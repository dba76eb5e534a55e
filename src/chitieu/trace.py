"""From a published value back to the cell it was read from, checking every link on the way."""

from __future__ import annotations

import json
from pathlib import Path

from python_calamine import CalamineWorkbook

from chitieu import lake
from chitieu.config import settings
from chitieu.errors import NotFound
from chitieu.hashing import sha256_file
from chitieu.ingest.numbers import parse_vi_number
from chitieu.publish.snapshot import verify
from chitieu.warehouse import records


def _cell_text(path: Path, sheet: str, a1: str) -> object:
    col = "".join(c for c in a1 if c.isalpha())
    row = int("".join(c for c in a1 if c.isdigit()))
    idx = 0
    for ch in col:
        idx = idx * 26 + (ord(ch.upper()) - 64)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    return rows[row - 1][idx - 1]


def trace(target: str, as_of: str) -> dict:
    """`target` is a target_key (laichau-08-nq-tu:1@2025) or resolution_id:code (the first horizon)."""
    with lake.connect(read_only=True) as con:
        cur = con.execute(
            """
            select f.*, s.path as snapshot_path
            from lake.published.fct_resolution_targets f
            join lake.published.snapshots s on s.period = f.assessment_month
            where f.assessment_month = $m and (f.target_key = $t or f.target_series_key = $t)
            order by f.horizon_year limit 1
            """,
            {"m": as_of, "t": target},
        )
        found = records(cur)
        if not found:
            raise NotFound(f"no published figure for {target} as of {as_of}")
        fact = found[0]
    snap = Path(fact["snapshot_path"])
    manifest = json.loads((snap / "manifest.json").read_text())
    steps: list[dict] = [
        {
            "step": "published value",
            "what": f"{fact['target_key']} as of {as_of}: {fact['actual_value']} {fact['unit'] or ''} "
            f"-> {fact['status']}",
        },
        {
            "step": "snapshot",
            "what": f"{snap} (v{fact['snapshot_version']}), content {manifest['content_sha256'][:16]}…",
            "ok": verify(snap) == [],
        },
    ]
    if fact["source_file"] is None:
        steps.append({"step": "source", "what": "no figure: nothing to trace", "ok": True})
        return {"target_key": fact["target_key"], "steps": steps}
    # the file is an input of the snapshot of the period it was submitted for
    with lake.connect(read_only=True) as con:
        sub = con.execute(
            "select path from lake.published.snapshots where period = ?", [fact["submission_period"]]
        ).fetchone()
    sub_manifest = json.loads((Path(sub[0]) / "manifest.json").read_text()) if sub else {"inputs": []}
    listed = any(i["sha256"] == fact["source_file_sha256"] and i["status"] == "loaded" for i in sub_manifest["inputs"])
    steps.append(
        {
            "step": "input",
            "what": f"{fact['source_file']} sha256 {fact['source_file_sha256'][:16]}…, loaded for "
            f"{fact['submission_period']}" + (f" (snapshot {sub[0]})" if sub else ""),
            "ok": listed,
        }
    )
    raw = settings().raw_dir / fact["source_file"]
    exists = raw.exists()
    same = exists and sha256_file(raw) == fact["source_file_sha256"]
    steps.append({"step": "raw file", "what": str(raw), "ok": same})
    cell_value = _cell_text(raw, fact["source_sheet"], fact["source_cell"]) if same else None
    steps.append(
        {
            "step": "cell",
            "what": f"sheet '{fact['source_sheet']}' cell {fact['source_cell']}: {cell_value!r} "
            f"(loaded as {fact['actual_value_raw']!r}, reference period {fact['reference_period']}, "
            f"as of {fact['as_of']})",
            "ok": same and parse_vi_number(cell_value)[1] == fact["actual_value_raw"],
        }
    )
    return {"target_key": fact["target_key"], "steps": steps}
