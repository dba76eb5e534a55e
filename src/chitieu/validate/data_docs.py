"""GX's Data Docs of one checkpoint run, built into a folder of its own (the candidate's `data_docs/`, which
publishing copies into the snapshot) and working offline.

GX's page templates load bootstrap, jQuery, bootstrap-table, Font Awesome ... from public CDNs and GX's logo
from S3; without a network the index shows an empty table. The pages are GX's own (its SiteBuilder, for this
run's validation results and their suites only); afterwards `offline()` points every CDN URL at a copy vendored
in `data_docs_assets/` (taken from the npm registry's packages of the exact versions GX names; see its README),
copied into the site's `static/vendor/`, by a path relative to the page. Links are relative, so the folder reads
wherever it is copied.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

log = logging.getLogger(__name__)

ASSETS = Path(__file__).with_name("data_docs_assets")
VENDOR = "static/vendor"  # the assets' place in the site

# every CSS/JS URL of GX 1.24's page templates (render/view/templates) -> its vendored copy under ASSETS
# fmt: off
CDN = {
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css":
        "bootstrap-4.3.1/css/bootstrap.min.css",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js":
        "bootstrap-4.3.1/js/bootstrap.min.js",
    "https://code.jquery.com/jquery-3.7.1.min.js":
        "jquery-3.7.1/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js":
        "popper.js-1.12.9/umd/popper.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css":
        "bootstrap-table-1.19.1/bootstrap-table.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js":
        "bootstrap-table-1.19.1/bootstrap-table.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js":
        "bootstrap-table-1.19.1/extensions/filter-control/bootstrap-table-filter-control.min.js",
    # the index loads the minified file, the other pages the plain one: the same rules
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css":
        "bootstrap-table-1.19.0/extensions/filter-control/bootstrap-table-filter-control.min.css",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css":
        "bootstrap-table-1.19.0/extensions/filter-control/bootstrap-table-filter-control.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js":
        "bootstrap-datepicker-1.9.0/js/bootstrap-datepicker.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css":
        "bootstrap-datepicker-1.9.0/css/bootstrap-datepicker.min.css",
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css":
        "bootstrap-dark-1.1.0/css/bootstrap-prefers-dark.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css":
        "fontawesome-free-6.6.0/css/all.min.css",
}
# fmt: on
# GX's logo (light and dark) from its S3 bucket: the copy GX ships in its static/images
_S3_IMAGE = re.compile(r"https://great-expectations-web-assets\.s3\.us-east-2\.amazonaws\.com/[\w.-]+(\?[^\"')\s]*)?")
# GX's own static files, at the site's root (favicon.j2 counts one "../" short on validation pages)
_STATIC = re.compile(r'"(?:\./|(?:\.\./)+)static/images/')
# the vendored files are GX's exact ones (their sha384 is the integrity GX states; see the README), but a check
# made with crossorigin fails for file:// pages
_SRI = re.compile(r'\s(?:integrity="sha\d+-[^"]*"|crossorigin="anonymous")')
# vega, vega-lite and vega-embed (jsdelivr, by major version) draw GX's charts; a page without a chart (none of
# chitieu's suites renders one) does not need them. A page with one keeps them and is logged as needing a network.
_VEGA = re.compile(r'<script src="https://cdn\.jsdelivr\.net/npm/vega(?:-lite|-embed)?@\d+"></script>\s*')
# a link out (GX's site, its newsletter) leads nowhere on an offline network: its text stays, not the href
_LINK_OUT = re.compile(r'(<a\b[^>]*?)\shref="https?://[^"]*"')
_REMOTE = re.compile(r'\b(?:src|href)="(https?://[^"]*)"')
_LOCAL = re.compile(r'\b(?:src|href)="(?![a-z]+:|#)([^"?#]+)')


def offline(html: str, to_root: str) -> str:
    """The page with its CDN URLs pointing at the vendored copies; `to_root`: from the page's folder to the
    site's (".", "../../../.." ...)."""
    for url, local in CDN.items():
        html = html.replace(f'"{url}"', f'"{to_root}/{VENDOR}/{local}"')
    html = _S3_IMAGE.sub(f"{to_root}/static/images/logo-long.png", html)
    html = _STATIC.sub(f'"{to_root}/static/images/', html)
    html = _SRI.sub("", html)
    if "vegaEmbed(" not in html:
        html = _VEGA.sub("", html)
    return _LINK_OUT.sub(r"\1", html)


def build_site(context, run_results: dict, suite_names: list[str], folder: Path) -> Path:
    """GX's Data Docs of one checkpoint run (its validation results and their suites, nothing older) written
    to `folder` (emptied first), offline; the index page's path."""
    from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier
    from great_expectations.render.renderer.site_builder import SiteBuilder

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    builder = SiteBuilder(
        data_context=context,
        store_backend={"class_name": "TupleFilesystemStoreBackend", "base_directory": str(folder)},
        site_name="chitieu",
        show_how_to_buttons=False,  # links to GX's online tutorials
        runtime_environment={"root_directory": str(folder)},
    )
    builder.build(resource_identifiers=[*run_results, *(ExpectationSuiteIdentifier(name=n) for n in suite_names)])
    pages = sorted(folder.rglob("*.html"))
    used: set[Path] = set()
    for page in pages:
        html = offline(page.read_text(encoding="utf-8"), Path(os.path.relpath(folder, page.parent)).as_posix())
        page.write_text(html, encoding="utf-8")
        used.update((page.parent / ref).resolve() for ref in _LOCAL.findall(html))
        for url in _REMOTE.findall(html):
            log.warning("Data Docs page %s still loads %s (not vendored)", page.relative_to(folder), url)
    for f in sorted((folder / "static").rglob("*")):  # GX copies all its static files; keep what a page uses
        if f.is_file() and f.resolve() not in used:
            f.unlink()
    shutil.copytree(ASSETS, folder / VENDOR)
    for d in sorted((folder / "static").rglob("*"), reverse=True):
        if d.is_dir() and not any(d.iterdir()):
            d.rmdir()
    return folder / "index.html"
