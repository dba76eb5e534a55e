"""The synthetic national month (chitieu.synth) at scale 0.01 goes through the real loader whole: no file
quarantined, every figure on a catalogue target or indicator, the dossier rows the Summary says; and the same
call writes the same bytes."""

from __future__ import annotations

from chitieu.period import Period

PERIOD = Period("2025-08")


def test_a_small_national_month_loads_whole(tmp_path, monkeypatch):
    from chitieu.ingest.load import load_period
    from chitieu.synth.national import generate_month
    from chitieu.warehouse import connect
    from tests.conftest import tree_hashes

    summary = generate_month(tmp_path / "a", PERIOD, scale=0.01)
    again = generate_month(tmp_path / "b", PERIOD, scale=0.01)
    assert tree_hashes(tmp_path / "a") == tree_hashes(tmp_path / "b")
    assert (summary.provinces, summary.dossier_rows) == (3, 20_000)
    assert summary.resolutions >= 6 and summary.targets >= 40 * 3
    assert 8 * 3 <= summary.submissions <= 15 * 3 and again.submissions == summary.submissions

    monkeypatch.setenv("CHITIEU_RAW_DIR", str(tmp_path / "a" / "raw"))
    monkeypatch.setenv("CHITIEU_WAREHOUSE_DIR", str(tmp_path / "wh"))
    report = load_period(PERIOD)
    assert [(f.file_path, f.reason) for f in report.files if f.status != "loaded"] == []
    assert len(report.files) == summary.submissions + summary.portal_files
    with connect(read_only=True) as con:
        figures, unmatched, not_synthetic = con.execute(
            "select count(*), count(*) filter (where resolution_id is null), "
            "count(*) filter (where note not like 'synthetic%') from raw.figures"
        ).fetchall()[0]
        orphans = con.execute(
            "select count(*) from raw.figures f where not exists (select 1 from raw.targets t where "
            "t.resolution_id = f.resolution_id and t.target_code = f.target_code and not t.is_multi_part) "
            "and not exists (select 1 from raw.indicators i where i.resolution_id = f.resolution_id "
            "and i.indicator_code = f.target_code)"
        ).fetchall()[0][0]
        dossiers, ids, synthetic_ids = con.execute(
            "select count(*), count(distinct dossier_id), count(*) filter (where dossier_id like 'SYNTHETIC-%') "
            "from raw.portal_dossiers"
        ).fetchall()[0]
        resolutions = con.execute("select count(*) from raw.resolutions").fetchall()[0][0]
    assert figures == report.n_figures > summary.targets and unmatched == orphans == not_synthetic == 0
    assert dossiers == ids == synthetic_ids == summary.dossier_rows
    assert resolutions == summary.resolutions


def test_the_command_prints_the_summary(tmp_path):
    import json

    from typer.testing import CliRunner

    from chitieu.cli import app

    out = CliRunner().invoke(app, ["synth", "--period", "2023-08", "--out", str(tmp_path), "--scale", "0.01",
                                   "--format", "json"])  # fmt: skip
    assert out.exit_code == 0, out.output
    summary = json.loads(out.output)
    # before 1/7/2025: the 63 provinces, 3 of them at this scale
    assert (summary["provinces"], summary["dossier_rows"]) == (3, 20_000)
    assert len(list((tmp_path / "raw" / "catalogue").glob("synthetic_*.yaml"))) == summary["resolutions"]
