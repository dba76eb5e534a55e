"""The audit report of a published snapshot, written into it (and listed in its manifest): every expectation
with its GX severity and result, each failure with its rows and their trail to file, sheet and cell; the files
received, loaded and quarantined, with reasons; what changed since the previous version of the same month;
dbt's results. Links are relative, so the snapshot folder can be copied anywhere and still reads."""

from __future__ import annotations

from pathlib import Path

import duckdb

from chitieu.present.html import env
from chitieu.present.lang import Lang, Say
from chitieu.present.tables import STATUS, status_text

SEVERITY = {"critical": "critical: blocks publishing", "warning": "warning: published with a finding"}
FILE_STATUS = {"loaded": "loaded", "quarantined": "quarantined", "duplicate": "duplicate (loaded once)"}
CHANGES = """
select coalesce(n.target_key, o.target_key) as target_key, o.actual_value_raw as old_value,
       n.actual_value_raw as new_value, o.status as old_status, n.status as new_status,
       n.source_file, n.source_sheet, n.source_cell
from read_parquet($new) n full join read_parquet($old) o using (target_key, admin_unit_code)
where o.actual_value is distinct from n.actual_value or o.status is distinct from n.status
order by 1
"""


def changes(new: Path, old: Path | None) -> list[dict]:
    """The facts whose figure or status differs between two versions' fct_resolution_targets."""
    if old is None:
        return []
    con = duckdb.connect()
    try:
        cur = con.execute(CHANGES, {"new": str(new), "old": str(old)})
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    finally:
        con.close()


def audit_name(lang: Lang) -> str:
    return "audit.html" if lang == Lang.vi else f"audit.{lang}.html"


def write_audit(folder: Path, manifest: dict, validation: dict, previous: Path | None) -> list[Path]:
    """audit.html (Vietnamese) and audit.en.html in `folder`, the snapshot being written. `previous`: the
    folder of the month's previous version, if any."""
    old = previous / "fct_resolution_targets.parquet" if previous else None
    changed = changes(folder / "fct_resolution_targets.parquet", old)
    written = []
    for lang in Lang:
        say = Say(lang)
        for c in changed:
            c["old_status_text"] = status_text(c["old_status"], say) if c["old_status"] in STATUS else ""
            c["new_status_text"] = status_text(c["new_status"], say) if c["new_status"] in STATUS else ""
        html = env().get_template("audit_report.html.j2").render(
            say=say, lang=lang, m=manifest, validation=validation, changed=changed,
            severity={k: say(v) for k, v in SEVERITY.items()}, file_status={k: say(v) for k, v in FILE_STATUS.items()},
            previous=previous,
            previous_href=f"../{previous.name}/{audit_name(lang)}"
            if previous and (previous / audit_name(lang)).exists() else None,
            other_lang=[(str(x), audit_name(x)) for x in Lang if x != lang],
        )  # fmt: skip
        path = folder / audit_name(lang)
        path.write_text(html, encoding="utf-8")
        written.append(path)
    return written
