"""The period report as a person opens it: rendered by headless Chromium (Debian's `chromium`), its text checked,
a PNG kept under warehouse/reports/ to look at; the XLSX and CSV as a spreadsheet reads them."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_pipeline import chitieu

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "warehouse" / "reports"


@pytest.fixture(scope="module")
def reports(module_workspace):
    from chitieu.pipeline import run_period

    for period in ("2023-06", "2023-07", "2023-08"):
        run_period(period)  # the report step writes the Vietnamese report of each month
    out = chitieu("report", "--as-of", "2023-08", "--resolution", "08-NQ/TU", "--lang", "en")
    return module_workspace, [Path(line) for line in out.stdout.splitlines()]


def browse(page: Path, name: str) -> str:
    """The page's DOM after Chromium rendered it (offline: file://, and every http(s) request goes to a proxy
    that is not there, port 9), and a screenshot."""
    if CHROMIUM is None:
        pytest.fail("chromium is not installed: apt-get install chromium (the README says how; .ci/run does it)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]  # fmt: skip
    subprocess.run([CHROMIUM, *flags, f"--screenshot={SCREENSHOTS / name}", "--window-size=1400,1800", page.as_uri()],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", page.as_uri()], check=True, capture_output=True,
                         text=True, timeout=120).stdout  # fmt: skip
    assert (SCREENSHOTS / name).stat().st_size > 10_000
    return dom


def test_the_vietnamese_period_report_reads_as_the_province_writes_it(reports):
    from bs4 import BeautifulSoup

    workspace, _ = reports
    page = workspace / "warehouse" / "reports" / "2023-08" / "laichau-08-nq-tu.vi.html"
    soup = BeautifulSoup(browse(page, "period-report-laichau-2023-08.vi.png"), "html.parser")
    assert soup.select_one('[data-rule="strict"]').get_text() == "4/9"
    assert soup.select_one('[data-rule="majority_of_parts"]').get_text() == "5/9"
    six = soup.select_one('tr[data-target="6"]')
    assert six.select_one(".status").get_text() == "Không đạt"  # strict: a part is not met
    assert "Đạt" in six.get_text()  # majority of parts: met, shown beside it
    one = soup.select_one('tr[data-target="1"]').get_text(" ")
    assert "37,36%" in one and "18/08/2023" in one and "giảm ≥ 30%" in one
    assert "nhóm 45–50/63" in soup.select_one('tr[data-target="8"]').get_text(
        " "
    )  # a band, as the resolution writes it
    link = soup.select_one('tr[data-target="6.b"] a.source')
    assert "so-noi-vu" in link.get_text() and "F8" in link.find_next(class_="muted").get_text()
    assert (page.parent / link["href"]).resolve().exists()  # the archived copy of the file, relative
    assert soup.select_one('tr[data-target="1"] svg') is not None  # its chart, drawn without a script
    assert not soup.select("script")  # nothing to fetch or run: works offline
    for a in soup.select("nav a, .sub a"):  # the English page, the landing page, the audit report
        assert (page.parent / a["href"]).exists(), a["href"]


def test_the_english_report_and_the_landing_page(reports):
    from bs4 import BeautifulSoup

    workspace, written = reports
    assert all(p.exists() for p in written) and {p.suffix for p in written} == {".html", ".xlsx", ".csv"}
    page = next(p for p in written if p.name == "laichau-08-nq-tu.en.html")
    soup = BeautifulSoup(browse(page, "period-report-laichau-2023-08.en.png"), "html.parser")
    assert soup.select_one('tr[data-target="6"] .status').get_text() == "Not met"
    landing = workspace / "warehouse" / "reports" / "index.html"
    soup = BeautifulSoup(browse(landing, "reports-index.vi.png"), "html.parser")
    months = [a.get_text() for a in soup.select("a")]
    assert "tháng 8/2023" in months and "tháng 6/2023" in months
    for a in soup.select("a"):
        assert (landing.parent / a["href"]).exists(), a["href"]


def test_xlsx_has_number_and_date_formats_and_csv_has_a_bom(reports):
    from openpyxl import load_workbook

    workspace, _ = reports
    folder = workspace / "warehouse" / "reports" / "2023-08"
    ws = load_workbook(folder / "laichau-08-nq-tu.vi.xlsx").active
    header = [c.value for c in ws[2]]
    assert header[:6] == ["STT", "Chỉ tiêu", "So sánh", "Mục tiêu", "Đơn vị tính", "Kết quả"]
    one = next(r for r in ws.iter_rows(min_row=3) if r[0].value == "1")
    assert one[5].value == pytest.approx(0.3736) and one[5].number_format == "0.00%"
    assert one[6].value.date() == dt.date(2023, 8, 18) and one[6].number_format == "dd/mm/yyyy"
    raw = (folder / "laichau-08-nq-tu.vi.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    one = next(r for r in rows if r[0] == "1")
    assert one[5] == "37,36%" and one[6] == "18/08/2023"


def test_text_a_spreadsheet_would_run_is_escaped(tmp_path):
    from chitieu.present.tables import safe_text

    assert safe_text("=HYPERLINK(1)") == "'=HYPERLINK(1)" and safe_text("-1") == "'-1" and safe_text(1.5) == 1.5
