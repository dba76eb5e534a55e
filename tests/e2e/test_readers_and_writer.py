"""Readers and the writer never block each other: an analyst holding the published layer open for the whole
of a monthly run, and `chitieu scorecard` during a run, both answer; the run succeeds; and no answer ever
shows half a month."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

READER = r"""
import json, sys, time
from pathlib import Path
from chitieu import lake

out, stop = Path(sys.argv[1]), Path(sys.argv[2])
with lake.connect(read_only=True) as con, out.open("w") as fh:   # one connection, held for the whole run
    while not stop.exists():
        try:
            con.execute("begin transaction")  # the queries of one answer read one snapshot
            snaps = con.execute("select period, version from lake.published.snapshots").fetchall()
            facts = con.execute(
                "select assessment_month, snapshot_version, count(*) from lake.published.fct_resolution_targets "
                "group by all").fetchall()
            cards = con.execute(
                "select assessment_month, snapshot_version, count(*) from lake.published.fct_scorecard "
                "group by all").fetchall()
            con.execute("commit")
            fh.write(json.dumps({"snapshots": snaps, "facts": facts, "scorecards": cards}) + "\n")
        except Exception as exc:
            fh.write(json.dumps({"error": f"{type(exc).__name__}: {exc}"}) + "\n")
        fh.flush()
        time.sleep(1)
"""


def _exe(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def test_a_reader_held_open_for_a_whole_run_never_blocks_it_nor_sees_half_a_month(workspace, tmp_path):
    from chitieu.pipeline import run_period

    run_period("2023-07")  # something published already
    answers, stop = tmp_path / "answers.jsonl", tmp_path / "stop"
    env = os.environ.copy()
    reader = subprocess.Popen([sys.executable, "-c", READER, str(answers), str(stop)], env=env)
    try:
        time.sleep(3)  # the reader is connected before the run starts
        run = subprocess.Popen(
            [_exe("chitieu"), "run", "--period", "2023-08"], env=env, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        during = []
        while run.poll() is None:  # `chitieu scorecard` while the run builds: it answers
            during.append(
                subprocess.run(
                    [_exe("chitieu"), "scorecard", "--as-of", "2023-07", "--format", "json"],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=False,
                )  # fmt: skip
            )
        output = run.communicate()[0]
        time.sleep(2.5)  # the reader's next answers see the new month
    finally:
        stop.touch()
        reader.wait(timeout=30)

    assert run.returncode == 0, output[-3000:]
    assert during, "the run ended before any scorecard was asked"
    for proc in during:
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert json.loads(proc.stdout)["counts"], "the scorecard answered with nothing"

    got = [json.loads(line) for line in answers.read_text().splitlines()]
    assert len(got) >= 5 and not [a for a in got if "error" in a]
    snap_root = workspace / "warehouse" / "snapshots"
    for answer in got:
        shown = dict(answer["snapshots"])
        for table, key in (("fct_resolution_targets", "facts"), ("fct_scorecard", "scorecards")):
            per_month = {m: (v, n) for m, v, n in answer[key]}
            assert set(per_month) == set(shown), answer  # no month without its snapshot row, nor the reverse
            for month, (version, n_rows) in per_month.items():
                manifest = json.loads((snap_root / month / f"v{version}" / "manifest.json").read_text())
                assert version == shown[month] and n_rows == manifest["tables"][table]["rows"], (month, table)
    assert set(dict(got[0]["snapshots"])) == {"2023-07"} and set(dict(got[-1]["snapshots"])) == {"2023-07", "2023-08"}


def test_the_published_layer_refuses_a_write_through_the_analysts_access(workspace):
    import duckdb
    import pytest

    from chitieu import lake
    from chitieu.pipeline import run_period

    run_period("2023-08")
    with lake.connect(read_only=True) as con:
        n = con.execute("select count(*) from lake.published.fct_scorecard").fetchone()[0]
        with pytest.raises(duckdb.Error, match="read-only"):
            con.execute("delete from lake.published.fct_scorecard")
    # the SQL an analyst pastes into the DuckDB CLI or DBeaver attaches read-only too
    con = duckdb.connect()
    try:
        for statement in lake.analyst_init_sql().strip().split(";\n"):
            con.execute(statement.rstrip(";"))
        assert con.execute("select count(*) from fct_scorecard").fetchone()[0] == n
        with pytest.raises(duckdb.Error, match="read-only"):
            con.execute("insert into fct_scorecard select * from fct_scorecard")
    finally:
        con.close()


def test_two_runs_meeting_the_second_is_told_and_changes_nothing(workspace):
    import duckdb

    from chitieu.config import settings

    work = settings().work_db
    work.parent.mkdir(parents=True, exist_ok=True)
    holder = duckdb.connect(str(work))  # another run, busy with the pipeline's working database
    try:
        proc = subprocess.run(
            [_exe("chitieu"), "run", "--period", "2023-08"], env=os.environ.copy(), capture_output=True, text=True,
            check=False,
        )  # fmt: skip
    finally:
        holder.close()
    assert proc.returncode == 3, proc.stderr[-2000:]
    assert "another run holds" in proc.stderr and "Traceback" not in proc.stderr
    assert not (settings().snapshots_dir / "2023-08").exists()
