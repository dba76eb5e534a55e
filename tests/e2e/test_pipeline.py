"""The pipeline without the scheduler (`chitieu run`): real loader, dbt build, GX checkpoint, publish."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chitieu.period import Period
from tests.conftest import add_submission, tree_hashes


def chitieu(*args: str, code: int = 0) -> subprocess.CompletedProcess:
    """The `chitieu` command as a person runs it; its exit code must be `code`."""
    exe = Path(sys.executable).with_name("chitieu")
    out = subprocess.run([str(exe), *args], capture_output=True, text=True, check=False)
    assert out.returncode == code, (args, out.returncode, out.stdout[-2000:], out.stderr[-2000:])
    return out


@pytest.fixture(scope="module")
def published(module_workspace):
    from chitieu.pipeline import run_period

    results = {p: run_period(p) for p in ("2023-06", "2023-07", "2023-08")}
    return module_workspace, results


def test_scorecard_lai_chau_as_of_august_2023(published):
    out = chitieu("scorecard", "--resolution", "08-NQ/TU", "--as-of", "2023-08", "--format", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    rows = {r["target_code"]: r for r in doc["targets"]}
    assert sorted(rows) == ["1", "2", "3", "4", "5", "6", "6.a", "6.b", "6.c", "7", "8", "9"]
    expected = {  # target, actual as in the 2023 interim review (seeds/001, II.1); due by 2025: "chưa đạt" yet
        "1": (30, 37.36, "met"), "2": (80, 100, "met"), "3": (80, 100, "met"), "4": (17, 11.29, "not_yet_met"),
        "5": (60, 58.3, "not_yet_met"), "6.a": (90, 99.8, "met"), "6.b": (80, 77, "not_yet_met"),
        "6.c": (60, 94.2, "met"), "7": (80, 55, "not_yet_met"), "8": (50, 24, "met"), "9": (55, 57, "not_yet_met"),
    }  # fmt: skip
    for code, (target, actual, status) in expected.items():
        r = rows[code]
        assert (r["target_value"], r["actual_value"], r["status"]) == (target, actual, status), code
        for field in ("resolution", "comparator", "unit", "reference_period", "as_of", "source_cell"):
            assert r[field] is not None, (code, field)
    assert rows["1"]["as_of"] == "2023-08-18" and rows["1"]["actual_value_raw"] == "37,36%"
    # dated as the source gives it; what it does not give is marked assumed
    assert (rows["2"]["as_of"], rows["2"]["reference_period"], rows["2"]["as_of_is_assumed"]) == (
        "2023-07-17", "2023-07-17", False
    )  # fmt: skip
    assert (rows["6.b"]["reference_period"], rows["6.b"]["as_of_is_assumed"], rows["1"]["as_of_is_assumed"]) == (
        "2023-08-30", True, False
    )  # fmt: skip
    assert (rows["8"]["as_of"], rows["8"]["as_of_is_assumed"], rows["6"]["as_of_is_assumed"]) == (
        "2023-04-30",
        True,
        True,
    )
    # a rank is a position: no attainment; 24th in 2022 against 38th in 2020 (the baseline): "tăng 14 bậc"
    eight = rows["8"]
    assert (eight["attainment"], eight["rank_movement_since_baseline"], eight["progress_baseline"]) == (None, 14, 38)
    assert rows["1"]["attainment"] == pytest.approx(37.36 / 30) and rows["9"]["attainment"] is None
    assert rows["6"]["status"] == "not_yet_met" and rows["6"]["status_majority_of_parts"] == "met"
    (counts,) = doc["counts"]
    assert (counts["n_targets"], counts["n_met_strict"], counts["n_met_majority_of_parts"]) == (9, 4, 5)
    # before the end of 2025 the rest is not met yet (chưa đạt), none missed at the deadline (không đạt)
    assert (counts["n_not_yet_met_strict"], counts["n_not_met_strict"]) == (5, 0)


def test_the_terminal_table_reads_in_vietnamese_or_english(published):
    vi = chitieu("scorecard", "--resolution", "08-NQ/TU", "--as-of", "2023-08").stdout
    assert "Chưa đạt" in vi and "Không đạt" not in vi and "37,36%" in vi and "18/08/2023" in vi
    assert "đạt 4/9 theo quy tắc chặt" in vi and "5 chưa đạt, 0 không đạt (đã hết năm mốc)" in vi
    en = chitieu("scorecard", "--resolution", "08-NQ/TU", "--as-of", "2023-08", "--lang", "en").stdout
    assert "Not yet met" in en and "37.36%" in en and "4/9 met under the strict rule" in en
    chitieu("scorecard", "--as-of", "2023-08", "--format", "xml", code=2)  # a choice, refused by name
    claims = chitieu("claims", "--as-of", "2023-08").stdout
    assert "Đối chiếu với báo cáo" in claims and "không" in claims and "5/9" in claims


def test_earlier_month_shows_what_was_known_then(published):
    out = chitieu("scorecard", "--as-of", "2023-06", "--resolution", "08-NQ/TU", "--format", "json")
    rows = {r["target_code"]: r for r in json.loads(out.stdout)["targets"]}
    assert rows["1"]["actual_value"] == 36.9 and rows["1"]["reference_period"] == "2022"
    assert rows["2"]["status"] == "not_yet_reported"


def test_rerun_of_a_period_gives_identical_tables(published):
    from chitieu.pipeline import run_period
    from chitieu.publish.candidate import candidate_dir

    workspace, first = published
    v1 = Path(first["2023-08"]["publish"]["path"])
    manifest = json.loads((v1 / "manifest.json").read_text())
    again = run_period("2023-08")["publish"]
    assert again == {**first["2023-08"]["publish"], "created": False}
    rerun_hashes = tree_hashes(candidate_dir("2023-08"))
    for table, meta in manifest["tables"].items():
        assert rerun_hashes[meta["file"]] == meta["sha256"], table
    assert [p.name for p in v1.parent.iterdir()] == ["v1"]


def test_changed_input_makes_a_new_version_and_keeps_the_old(published):
    from chitieu import lake
    from chitieu.pipeline import run_period
    from chitieu.publish.snapshot import verify

    workspace, first = published
    v1 = Path(first["2023-08"]["publish"]["path"])
    v1_hashes = tree_hashes(v1)
    v1_published_at = json.loads((v1 / "manifest.json").read_text())["published_at"]
    add_submission(
        workspace / "raw", "so-tttt", "2023-08", "so-tttt_dinh-chinh_2023-08.xlsx",
        [dict(target_code="5", value="66,7%", unit="%", numerator="8", denominator="12",
              reference_period="tháng 8/2023", as_of="25/8/2023", note="đính chính: 08/12 kết nối")],
    )  # fmt: skip
    second = run_period("2023-08")["publish"]
    assert second["version"] == 2 and second["created"]
    assert tree_hashes(v1) == v1_hashes and verify(v1) == []
    with lake.connect(read_only=True) as con:
        status, version = con.execute(
            "select status, snapshot_version from lake.published.fct_resolution_targets "
            "where assessment_month = '2023-08' and target_key = 'laichau-08-nq-tu:5@2025'"
        ).fetchone()
    assert (status, version) == ("met", 2)
    # what was published before the correction is still what the warehouse says "as known on" that moment
    then = chitieu("scorecard", "--as-of", "2023-08", "--known-on", v1_published_at, "--format", "json")
    now = chitieu("scorecard", "--as-of", "2023-08", "--format", "json")
    row = lambda out: next(  # noqa: E731
        r for r in json.loads(out.stdout)["targets"] if r["target_key"] == "laichau-08-nq-tu:5@2025"
    )
    assert (row(then)["status"], row(then)["actual_value"], row(then)["snapshot_version"]) == ("not_yet_met", 58.3, 1)
    assert (row(now)["status"], row(now)["actual_value"], row(now)["snapshot_version"]) == ("met", 66.7, 2)
    out = chitieu("snapshots", "verify")
    assert "4 snapshot(s) verified" in out.stdout


def test_tampered_snapshot_is_detected(published):
    from chitieu.publish.snapshot import latest, verify

    _, path = latest("2023-06")
    target = path / "fct_scorecard.parquet"
    target.chmod(0o644)
    original = target.read_bytes()
    try:
        target.write_bytes(original + b"x")
        assert any("does not match" in p for p in verify(path))
    finally:
        target.write_bytes(original)
        target.chmod(0o444)


def test_malformed_file_is_quarantined_and_the_rest_loads(workspace):
    from chitieu.pipeline import load_step

    raw = workspace / "raw"
    broken = raw / "so-tttt" / "2023-08" / "so-tttt_bi-hong.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    add_submission(
        raw, "so-noi-vu", "2023-08", "so-noi-vu_sai-so.xlsx",
        [dict(target_code="4", value="11.29", unit="%", reference_period="năm 2023", as_of="30/8/2023"),
         dict(target_code="99", value="5", unit="%", reference_period="năm 2023", as_of="30/8/2023")],
    )  # fmt: skip
    before = tree_hashes(raw)
    report = load_step(Period("2023-08"))
    status = {Path(f["file_path"]).name: f for f in report["files"]}
    assert status["so-tttt_bi-hong.xlsx"]["reason_code"] == "corrupt_zip"
    assert status["so-noi-vu_sai-so.xlsx"]["status"] == "quarantined"
    assert "F6" in status["so-noi-vu_sai-so.xlsx"]["reason"] and "11.29" in status["so-noi-vu_sai-so.xlsx"]["reason"]
    assert status["so-noi-vu_bao-cao-chi-tieu_2023-08.xlsx"]["status"] == "loaded"
    assert report["n_figures"] == 25  # the targets' 7 and the 18 supporting figures of van-phong-tinh-uy
    assert tree_hashes(raw) == before
    q = Path(status["so-tttt_bi-hong.xlsx"]["quarantine_path"])
    assert q.read_bytes() == broken.read_bytes()
    reason = json.loads(q.with_name(q.name + ".reason.json").read_text())
    assert reason["code"] == "corrupt_zip" and reason["sha256"]


def test_every_dbt_unit_test_ran_and_passed(published):
    """The manifest lists a passing result for each unit test the dbt project declares (read from its YAML): run
    by the month's own build the first time this dbt project builds, then taken from that passing run."""
    import yaml

    from tests.conftest import ROOT

    declared = {
        t["name"]
        for f in (ROOT / "dbt_project" / "models").rglob("*.yml")
        for t in (yaml.safe_load(f.read_text()) or {}).get("unit_tests", [])
    }
    from chitieu.config import settings
    from chitieu.transform.build import project_sha256

    _, results = published
    units = {}
    for month in ("2023-06", "2023-08"):  # the first build of this dbt project ran them; the later ones did not
        manifest = json.loads((Path(results[month]["publish"]["path"]) / "manifest.json").read_text())
        units[month] = [r for r in manifest["dbt"]["results"] if r["unique_id"].startswith("unit_test.")]
        ran = {r["unique_id"].rsplit(".", 1)[1]: r["status"] for r in units[month]}
        assert declared and ran == dict.fromkeys(declared, "pass"), month
    assert not any("tested_with_project" in r for r in units["2023-06"])
    assert {r["tested_with_project"] for r in units["2023-08"]} == {project_sha256(settings())}


def test_trace_leads_from_a_published_value_to_the_cell(published):
    out = chitieu("trace", "laichau-08-nq-tu:1@2025", "--as-of", "2023-08", "--format", "json")
    steps = {s["step"]: s for s in json.loads(out.stdout)["steps"]}
    assert all(s.get("ok", True) for s in steps.values())
    assert "so-noi-vu/2023-08/so-noi-vu_bao-cao-chi-tieu_2023-08.xlsx" in steps["input"]["what"]
    assert "cell F6: '37,36%'" in steps["cell"]["what"]


def test_trace_checks_the_archived_copy_not_the_landing_zone(published):
    """The archive keeps the bytes that were loaded: a file changed in raw/ afterwards does not break the trail,
    a changed archived copy does."""
    from chitieu.ingest.archive import archived_copy

    workspace, _ = published
    landed = workspace / "raw" / "so-noi-vu" / "2023-08" / "so-noi-vu_bao-cao-chi-tieu_2023-08.xlsx"
    kept_landed = landed.read_bytes()
    args = ("trace", "laichau-08-nq-tu:1@2025", "--as-of", "2023-08", "--format", "json")
    try:
        landed.write_bytes(b"edited after loading")
        steps = {s["step"]: s for s in json.loads(chitieu(*args).stdout)["steps"]}
        assert steps["archived file"]["ok"] and steps["cell"]["ok"]
    finally:
        landed.write_bytes(kept_landed)
    sha = hashlib.sha256(kept_landed).hexdigest()
    copy = archived_copy(sha, landed.name)
    kept = copy.read_bytes()
    copy.chmod(0o644)
    try:
        copy.write_bytes(kept + b"x")
        steps = {s["step"]: s for s in json.loads(chitieu(*args, code=1).stdout)["steps"]}
        assert steps["archived file"]["ok"] is False and steps["cell"]["ok"] is False
    finally:
        copy.write_bytes(kept)
        copy.chmod(0o444)


def test_trace_of_a_target_without_a_figure_says_so(published):
    out = chitieu("trace", "laichau-08-nq-tu:2@2025", "--as-of", "2023-06", code=1)
    assert "has no figure as of 2023-06" in out.stderr and "not_yet_reported" in out.stderr


def test_the_audit_report_of_a_correction_shows_what_changed(published):
    """Runs after the correction above: v2's audit report, inside the snapshot and listed in its manifest,
    shows target 5's figure and status before and after, every expectation with its GX severity, and the
    files; copied elsewhere, its links still hold."""
    from bs4 import BeautifulSoup

    from chitieu.publish.snapshot import latest, verify
    from tests.support.browser import browse

    _, v2 = latest("2023-08")
    assert v2.name == "v2" and verify(v2) == []
    manifest = json.loads((v2 / "manifest.json").read_text())
    assert {"audit.html", "audit.en.html"} <= set(manifest["files"])
    copy = Path(shutil.copytree(v2.parent, v2.parent.parent / "copied-elsewhere" / "2023-08"))
    soup = BeautifulSoup(browse(copy / "v2" / "audit.html", "audit-2023-08-v2.vi.png"), "html.parser")
    five = soup.select_one('#changes tr[data-target="laichau-08-nq-tu:5@2025"]').get_text(" ")
    assert "58,3%" in five and "66,7%" in five and "Chưa đạt" in five and "Đạt" in five
    severities = {tr["data-severity"] for tr in soup.select("#expectations tr[data-severity]")}
    assert severities == {"critical", "warning"}
    findings = " ".join(tr.get_text(" ") for tr in soup.select('#expectations tr[data-severity="warning"]'))
    trail = "van-phong-tinh-uy/2023-08/van-phong-tinh-uy_so-lieu-bo-tro_2023-08.xlsx!SoLieu!"
    assert f"{trail}F11" in findings and f"{trail}F13" in findings  # 115.061/15061 and 11.383/11.160
    assert (
        len(soup.select("#expectations tr[data-severity]")) == manifest["great_expectations"]["statistics"]["evaluated"]
    )
    assert soup.select('#files tr[data-status="loaded"]')
    for a in soup.select("nav a"):
        assert (copy / "v2" / a["href"]).exists(), a["href"]
