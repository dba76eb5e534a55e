"""The analysts' catalogue (`chitieu docs`): after a real run, every column of every published model, as built,
is described in English and in Vietnamese, and the published models' contracts are enforced."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from chitieu.publish.candidate import PUBLISHED_TABLES

# the dbt models behind the published tables ("marts.fct_scorecard" -> fct_scorecard)
PUBLISHED_MODELS = sorted({spec.source.split(".")[-1] for spec in PUBLISHED_TABLES.values()})
VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĐ]", re.IGNORECASE)


@pytest.fixture(scope="module")
def catalogue(module_workspace: Path) -> dict:
    """One period run for real, then `chitieu docs` as a person runs it (the latest published month)."""
    from chitieu.pipeline import run_period
    from chitieu.transform.docs import docs_dir

    run_period("2023-08")
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
