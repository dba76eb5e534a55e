"""The vendored Data Docs assets cover every URL GX's page templates load, and offline() rewrites them."""

from __future__ import annotations

import re
from pathlib import Path

import great_expectations

from chitieu.validate.data_docs import ASSETS, CDN, VENDOR, offline

TEMPLATES = Path(great_expectations.__file__).parent / "render" / "view" / "templates"


def test_every_url_gx_templates_load_is_vendored():
    """After a GX upgrade that changes a CDN URL this fails: vendor the new version (data_docs_assets/README.md)."""
    for name in ("page.j2", "index_page.j2", "js_script_imports.j2"):
        html = (TEMPLATES / name).read_text(encoding="utf-8")
        loaded = re.findall(r'<(?:link|script)\b[^>]*\b(?:src|href)="(https://[^"]+)"', html)
        assert loaded, name
        left = re.findall(r'(?:src|href)="(https://[^"]+)"', offline(html, "."))
        assert left == [], (name, left)
    for local in CDN.values():
        assert (ASSETS / local).is_file(), local
    for folder in {local.split("/")[0] for local in CDN.values()}:
        assert list((ASSETS / folder).glob("LICENSE*")), folder


def test_offline_points_at_the_vendored_copies_relatively():
    html = (
        '<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>'
        '<script src="https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js" '
        'integrity="sha384-x" crossorigin="anonymous"></script>'
        '<script src="https://cdn.jsdelivr.net/npm/vega@5"></script>'
        '<img src="https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/logo-long.png?d=1&dataContextId=2">'
        '<a href="https://greatexpectations.io">Great Expectations</a>'
    )
    out = offline(html, "../..")
    assert f'src="../../{VENDOR}/jquery-3.7.1/jquery.min.js"' in out
    assert f'src="../../{VENDOR}/popper.js-1.12.9/umd/popper.min.js"></script>' in out  # no SRI, no CORS
    assert "vega" not in out  # no chart on the page
    assert 'src="../../static/images/logo-long.png"' in out
    assert "<a>Great Expectations</a>" in out
