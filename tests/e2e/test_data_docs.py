"""GX's Data Docs of a published month, inside its snapshot, as a person opens them on a network without
internet: headless Chromium renders the index from file:// with every http(s) request refused, and the list of
validations must render (its table is filled by bootstrap-table, which GX loads from a CDN unless vendored)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.test_pipeline import chitieu
from tests.e2e.test_reports import browse

PERIOD = "2023-08"


@pytest.fixture(scope="module")
def snapshot(module_workspace) -> Path:
    from chitieu.pipeline import run_period

    return Path(run_period(PERIOD)["publish"]["path"])


def _refs(html: str) -> list[str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    return [el[attr] for attr in ("src", "href") for el in soup.find_all(attrs={attr: True})]


def test_the_snapshot_holds_this_validations_data_docs_listed_and_sealed(snapshot):
    from chitieu.config import settings

    docs = snapshot / "data_docs"
    manifest = json.loads((snapshot / "manifest.json").read_text())
    files = sorted(p for p in docs.rglob("*") if p.is_file())
    assert {p.relative_to(snapshot).as_posix() for p in files} <= set(manifest["files"])
    assert "data_docs/index.html" in manifest["files"]
    assert all(p.stat().st_mode & 0o222 == 0 for p in files)  # read-only, as the rest of the snapshot
    # this run's results only: one page per suite, of the run named after the month
    suites = sorted(p.stem for p in (settings().expectations_dir / "suites").glob("*.yml"))
    pages = sorted((docs / "validations").rglob("*.html"))
    assert len(pages) == len(suites) and all(f"chitieu-{PERIOD}" in p.parts for p in pages)
    # every page loads and links only files of the folder, by relative paths
    for page in sorted(docs.rglob("*.html")):
        for ref in _refs(page.read_text(encoding="utf-8")):
            assert "://" not in ref, (page.relative_to(docs), ref)
            if not ref.startswith("#"):
                target = (page.parent / ref.split("?")[0]).resolve()
                assert target.is_file() and target.is_relative_to(docs.resolve()), (page.relative_to(docs), ref)
    licences = {p.parent.name for p in (docs / "static" / "vendor").rglob("LICENSE*")}
    assert {"bootstrap-4.3.1", "jquery-3.7.1", "bootstrap-table-1.19.1", "fontawesome-free-6.6.0"} <= licences
    # validation.json and the audit report point to it relatively
    assert json.loads((snapshot / "validation.json").read_text())["data_docs"] == "data_docs/index.html"
    assert 'href="data_docs/index.html"' in (snapshot / "audit.html").read_text(encoding="utf-8")
    out = chitieu("snapshots", "verify")
    assert "1 snapshot(s) verified" in out.stdout


def test_the_data_docs_index_renders_offline_in_chromium(snapshot):
    from bs4 import BeautifulSoup

    index = snapshot / "data_docs" / "index.html"
    soup = BeautifulSoup(browse(index, f"data-docs-{PERIOD}.png"), "html.parser")
    # bootstrap-table writes the rows from the page's data: none without its script
    rows = soup.select("table.ge-index-page-validation-results-table tbody tr[data-href]")
    assert len(rows) == len(list((snapshot / "data_docs" / "validations").rglob("*.html")))
    assert all(f"chitieu-{PERIOD}" in tr.get_text() for tr in rows)
    assert soup.select("table.ge-index-page-validation-results-table i.fas.fa-check-circle")  # Font Awesome
    page = index.parent / rows[0]["data-href"]
    assert page.is_file()
    soup = BeautifulSoup(browse(page, f"data-docs-{PERIOD}-validation.png"), "html.parser")
    assert "Expectation Validation Result" in soup.get_text()
