"""What a person reads: Vietnamese numbers and dates through Babel, and no label left untranslated."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

from babel.messages.pofile import read_po

from chitieu import facts
from chitieu.errors import RejectCode
from chitieu.ingest.template import UNITS
from chitieu.present import audit_report, rejections, tables
from chitieu.present.lang import LOCALE_DIR, Lang, Say

SRC = Path(__file__).resolve().parents[2] / "src" / "chitieu"


def test_numbers_and_dates_the_vietnamese_way():
    vi, en = Say(Lang.vi), Say(Lang.en)
    assert (vi.percent(37.36), vi.number(10741056503), vi.number(1921), vi.date(dt.date(2023, 8, 18))) == (
        "37,36%", "10.741.056.503", "1.921", "18/08/2023"
    )  # fmt: skip
    assert (en.percent(37.36), en.number(1921), en.date("2023-08-18")) == ("37.36%", "1,921", "18 Aug 2023")
    assert vi.number(36.8576, 2) == "36,86" and vi.number(None) == "" and vi.date(None) == ""


def _msgids_used() -> set[str]:
    """Every label the report code and templates ask for, plus the words looked up from data."""
    found = set()
    for path in SRC.rglob("*.py"):  # say("...") calls, their strings joined as Python joins them
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "say" and node.args:
                if isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                    found.add(node.args[0].value)
    for path in (SRC / "present" / "templates").glob("*.j2"):
        found |= set(re.findall(r'say\("([^"]+)"', path.read_text(encoding="utf-8")))
    found |= set(tables.STATUS.values()) | set(tables.REASON.values()) | set(tables.TREND.values())
    found |= set(tables.HEADERS) | set(UNITS.values()) | {k.comparator for k in facts.target_kinds().values()}
    found |= set(audit_report.SEVERITY.values()) | set(audit_report.FILE_STATUS.values())
    found |= set(rejections.EXPLAIN.values())
    return found | {"all parts"}


def test_every_label_has_its_vietnamese():
    with (LOCALE_DIR / "vi.po").open("rb") as fh:
        catalog = read_po(fh)
    translated = {m.id for m in catalog if m.id and m.string}
    assert _msgids_used() - translated == set()
    assert Say(Lang.vi)("Not met") == "Không đạt" and Say(Lang.en)("Not met") == "Not met"
    assert Say(Lang.vi)("{met}/{total} parts met", met=2, total=3) == "2/3 phần đạt"


def test_every_reason_a_file_is_refused_has_a_sentence_for_the_department():
    assert set(rejections.EXPLAIN) == set(RejectCode)
