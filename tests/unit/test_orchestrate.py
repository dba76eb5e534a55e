"""What the DAG's tasks decide: the month a run is for, what is retried, what a deployment must set."""

import datetime as dt
import json
import sqlite3

import duckdb
import pytest

from chitieu.errors import BadText, ChitieuError, TransientError, is_transient
from chitieu.orchestrate.tasks import period_of, run_step
from chitieu.pipeline import Step


def test_the_period_param_wins_over_the_data_interval():
    start = dt.datetime(2023, 7, 31, 17, tzinfo=dt.UTC)  # 1/8/2023 00:00 in Hà Nội
    assert period_of({"period": "2023-03"}, start) == "2023-03"
    assert period_of({"period": None}, start) == "2023-08"  # the month in Vietnam's time, not UTC's July


def test_a_run_without_interval_nor_period_says_how_to_trigger_it():
    with pytest.raises(ChitieuError, match='"period": "2023-08"'):
        period_of({}, None)
    with pytest.raises(BadText):
        period_of({"period": "2023-13"}, None)


@pytest.mark.parametrize(
    ("exc", "transient"),
    [
        (duckdb.IOException('Could not set lock on file "x.duckdb": Conflicting lock is held'), True),
        (sqlite3.OperationalError("database is locked"), True),
        (duckdb.TransactionException("Transaction conflict: cannot update a table that has been altered"), True),
        (ValueError("percentages lie within 0-100"), False),
        (duckdb.ConversionException("Could not convert string 'abc' to INT32"), False),
    ],
)
def test_only_locks_busy_catalogs_and_lost_connections_are_transient(exc, transient):
    assert is_transient(exc) is transient


def test_run_step_turns_a_lock_into_a_retryable_error_and_leaves_bad_data_alone():
    ctx = {"params": {"period": "2023-08"}, "data_interval_start": None}

    def locked(period):
        raise duckdb.IOException("Could not set lock on file: Conflicting lock is held")

    def bad(period):
        raise ValueError(f"{period}: a numerator exceeds its denominator")

    with pytest.raises(TransientError, match="2023-08"):
        run_step(Step("locked", locked, "failing"), ctx)
    with pytest.raises(ValueError, match="numerator"):
        run_step(Step("bad", bad, "failing"), ctx)


def test_the_retry_policy_retries_transient_errors_and_fails_the_rest():
    from airflow.sdk.definitions.retry_policy import RetryAction

    from chitieu.orchestrate.tasks import retry_policy

    policy = retry_policy()
    assert policy.evaluate(TransientError("lock"), try_number=1, max_tries=4).action == RetryAction.RETRY
    assert policy.evaluate(ValueError("bad data"), try_number=1, max_tries=4).action == RetryAction.FAIL


def test_secrets_left_as_placeholders_are_refused(monkeypatch):
    from chitieu.config import PLACEHOLDER, SECRET_VARS, unset_secrets

    for var in SECRET_VARS:
        monkeypatch.setenv(var, "a real value")
    assert unset_secrets() == []
    monkeypatch.setenv("POSTGRES_PASSWORD", PLACEHOLDER)
    monkeypatch.delenv("AIRFLOW_JWT_SECRET")
    assert unset_secrets() == ["POSTGRES_PASSWORD", "AIRFLOW_JWT_SECRET"]


def test_passwords_from_the_environment_are_written_and_others_kept(tmp_path, monkeypatch):
    from chitieu.config import password_var, settings
    from chitieu.orchestrate.service import write_passwords

    monkeypatch.setenv("AIRFLOW_HOME", str(tmp_path))
    s = settings()
    s.passwords_file.parent.mkdir(parents=True)
    s.passwords_file.write_text(json.dumps({"admin": "generated"}))
    monkeypatch.setenv(password_var("auditor"), "from .env")
    write_passwords(s)
    assert json.loads(s.passwords_file.read_text()) == {"admin": "generated", "auditor": "from .env"}


def test_a_catalog_password_is_never_printed():
    from chitieu.lake import redacted

    assert (
        redacted("postgres:dbname=l host=pg user=a password=s3cret") == "postgres:dbname=l host=pg user=a password=***"
    )
