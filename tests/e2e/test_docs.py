"""After one real run of a month: the analysts' catalogue (`chitieu docs`: every column of every published model,
as built, described in English and in Vietnamese; the published models' contracts enforced), and GX's Data Docs
inside the snapshot as a person opens them on a network without internet (headless Chromium, every http(s)
request refused: the list of validations must render, its table being filled by bootstrap-table, which GX
loads from a CDN unless vendored)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from chitieu.publish.candidate import PUBLISHED_TABLES
from tests.e2e.test_pipeline import chitieu
from tests.support.browser import browse

PERIOD = "2023-08"

# the dbt models behind the published tables ("marts.fct_scorecard" -> fct_scorecard)
PUBLISHED_MODELS = sorted({spec.source.split(".")[-1] for spec in PUBLISHED_TABLES.values()})
VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĐ]", re.IGNORECASE)


@pytest.fixture(scope="module")
def catalogue(module_workspace: Path) -> dict:
    """One period run for real, then `chitieu docs` as a person runs it (the latest published month)."""
    from chitieu.pipeline import run_period
    from chitieu.transform.docs import docs_dir

    run_period(PERIOD)
    exe = Path(sys.executable).with_name("chitieu")
    out = subprocess.run([str(exe), "docs"], capture_output=True, text=True, check=False)
    assert out.returncode == 0, (out.stdout[-2000:], out.stderr[-2000:])
    d = docs_dir()
    assert d == module_workspace / "warehouse" / "docs"
    manifest = json.loads((d / "manifest.json").read_text())
    models = {n["name"]: n for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    return {
        "stdout": out.stdout,
        "dir": d,
        "models": models,
        "catalog": json.loads((d / "catalog.json").read_text())["nodes"],
    }


def _meta(node: dict) -> dict:
    return {**node.get("meta", {}), **node.get("config", {}).get("meta", {})}


def test_published_models_are_the_ones_documented(catalogue):
    assert len(PUBLISHED_MODELS) == len(PUBLISHED_TABLES) == 9
    missing = [m for m in PUBLISHED_MODELS if m not in catalogue["models"]]
    assert not missing


@pytest.mark.parametrize("model", PUBLISHED_MODELS)
def test_every_built_column_is_described_in_english_and_vietnamese(catalogue, model):
    node = catalogue["models"][model]
    assert node["description"].strip(), model
    assert VIETNAMESE.search(_meta(node).get("description_vi", "")), model
    built = catalogue["catalog"][node["unique_id"]]["columns"]  # the relation as the run built it
    assert built, model
    documented = node["columns"]
    problems = []
    for name, col in built.items():
        doc = documented.get(name.lower())
        if doc is None:
            problems.append(f"{name}: not in the model's YAML")
            continue
        if not doc["description"].strip():
            problems.append(f"{name}: no description")
        if not VIETNAMESE.search(_meta(doc).get("description_vi", "")):
            problems.append(f"{name}: no Vietnamese description_vi")
        if (doc.get("data_type") or "").replace(" ", "").lower() != col["type"].replace(" ", "").lower():
            problems.append(f"{name}: data_type {doc.get('data_type')!r}, built as {col['type']!r}")
    assert not problems, (model, problems)
    assert list(documented) == [c.lower() for c in built], f"{model}: the YAML lists the columns in another order"


@pytest.mark.parametrize("model", PUBLISHED_MODELS)
def test_published_models_have_enforced_contracts(catalogue, model):
    node = catalogue["models"][model]
    assert node["config"]["contract"]["enforced"] is True, model
    if node["config"]["materialized"] == "incremental":  # what dbt allows for an enforced contract
        assert node["config"]["on_schema_change"] in {"append_new_columns", "fail"}, model


def test_static_page_opens_offline(catalogue):
    page = catalogue["dir"] / "static_index.html"
    assert str(page) in catalogue["stdout"].replace("\n", "")
    html = page.read_text(encoding="utf-8")
    # the manifest and the catalog are inlined (JSON, non-ASCII escaped): the Vietnamese descriptions are in it
    assert "description_vi" in html and json.dumps("Tháng đánh giá")[1:-1] in html
    # nothing to fetch: no script or stylesheet from elsewhere, no usage tracking (send_anonymous_usage_stats)
    assert not re.search(r"<(script|link)[^>]+(src|href)=[\"']https?://", html)
    assert '"send_anonymous_usage_stats": false' in html


@pytest.fixture(scope="module")
def snapshot(catalogue) -> Path:
    """The snapshot the catalogue's run published."""
    from chitieu.publish.snapshot import latest

    return latest(PERIOD)[1]


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
