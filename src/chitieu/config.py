"""Where things live and how the services are set: the one place the CLI, the DAG, the Makefile (through
`chitieu config`), the tests and docker-compose read. Every value can be moved with an environment variable;
the defaults are the embedded ones (files inside the checkout, no server)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TIMEZONE = "Asia/Ho_Chi_Minh"  # a period is a calendar month in Vietnam's time
WRITER_POOL = "duckdb_writer"  # the pipeline's working DuckDB file allows one writer at a time
DAG_ID = "chitieu_monthly"
PUBLISHED_ASSET = "chitieu://published"  # emitted when a period is published; downstream DAGs schedule on it


def _root() -> Path:
    env = os.environ.get("CHITIEU_ROOT")
    if env:
        return Path(env).resolve()
    # src/chitieu/config.py -> checkout root (editable install)
    return Path(__file__).resolve().parents[2]


def _path(var: str, default: Path) -> Path:
    return Path(os.environ.get(var, default)).resolve()


@dataclass(frozen=True)
class Settings:
    root: Path
    raw_dir: Path
    warehouse_dir: Path
    dbt_project_dir: Path
    expectations_dir: Path
    gx_root: Path  # the GX file context (its run output is git-ignored under gx/uncommitted)
    airflow_home: Path
    # DuckLake catalog: "sqlite:<file>" (embedded default) or "postgres:<libpq dsn>" (a team)
    lake_catalog: str
    lake_data_path: Path
    # who reads: the analysts' read-only catalog DSN for a PostgreSQL catalog (none for SQLite: read-only attach)
    lake_reader_catalog: str | None
    notify_email: str | None  # where failure notifications go (SMTP settings are Airflow's)
    first_period: str  # the DAG's first month (catchup starts there)
    last_period: str | None  # the DAG's last month, if the schedule is to stop

    @property
    def work_db(self) -> Path:
        """The pipeline's private working database (raw tables and dbt models); readers never open it."""
        return self.warehouse_dir / "work" / "pipeline.duckdb"

    @property
    def snapshots_dir(self) -> Path:
        return self.warehouse_dir / "snapshots"

    @property
    def quarantine_dir(self) -> Path:
        return self.warehouse_dir / "quarantine"

    @property
    def catalogue_dir(self) -> Path:
        return self.raw_dir / "catalogue"

    @property
    def data_docs_index(self) -> Path:
        return self.gx_root / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"


def settings() -> Settings:
    root = _root()
    warehouse = _path("CHITIEU_WAREHOUSE_DIR", root / "warehouse")
    expectations = _path("CHITIEU_EXPECTATIONS_DIR", root / "expectations")
    return Settings(
        root=root,
        raw_dir=_path("CHITIEU_RAW_DIR", root / "raw"),
        warehouse_dir=warehouse,
        dbt_project_dir=_path("CHITIEU_DBT_PROJECT_DIR", root / "dbt_project"),
        expectations_dir=expectations,
        gx_root=_path("CHITIEU_GX_ROOT", expectations),
        airflow_home=_path("AIRFLOW_HOME", root / ".airflow"),
        lake_catalog=os.environ.get("CHITIEU_LAKE_CATALOG") or f"sqlite:{warehouse / 'lake' / 'catalog.sqlite'}",
        lake_data_path=_path("CHITIEU_LAKE_DATA_PATH", warehouse / "lake" / "data"),
        lake_reader_catalog=os.environ.get("CHITIEU_LAKE_READER_CATALOG") or None,
        notify_email=os.environ.get("CHITIEU_NOTIFY_EMAIL") or None,
        first_period=os.environ.get("CHITIEU_FIRST_PERIOD", "2023-06"),
        last_period=os.environ.get("CHITIEU_LAST_PERIOD") or None,
    )


# Offline switches every process of chitieu runs with (dbt, GX, Airflow).
OFFLINE_ENV = {
    "DO_NOT_TRACK": "1",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    "GX_ANALYTICS_ENABLED": "False",
}


def airflow_config(s: Settings | None = None, executor: str = "LocalExecutor") -> dict[tuple[str, str], str]:
    """Airflow's settings for chitieu, as (section, key) -> value. Written to airflow.cfg by `make` (so a
    command copied from the README works in a plain shell), passed as AIRFLOW__SECTION__KEY to the processes
    the tests start, and checked against docker-compose.yml. The metadata database and the SMTP server
    are left to the environment (SQLite in AIRFLOW_HOME by default)."""
    s = s or settings()
    return {
        ("core", "dags_folder"): str(s.root / "dags"),
        ("core", "load_examples"): "False",
        ("core", "executor"): executor,
        ("core", "parallelism"): "4",
        ("core", "default_timezone"): "utc",  # Airflow's clock; periods are cut in TIMEZONE by the timetable
        ("core", "simple_auth_manager_users"): "admin:admin,auditor:viewer",
        ("core", "simple_auth_manager_passwords_file"): str(s.airflow_home / "passwords.json"),
        ("dag_processor", "refresh_interval"): "5",
        ("scheduler", "min_file_process_interval"): "5",
        ("logging", "logging_level"): "WARNING",
        ("usage_data_collection", "enabled"): "False",
        ("api", "expose_config"): "False",
    }


def airflow_env(s: Settings | None = None, executor: str = "LocalExecutor") -> dict[str, str]:
    """The same settings as environment variables (what compose and the service tests pass)."""
    env = {f"AIRFLOW__{sec.upper()}__{key.upper()}": v for (sec, key), v in airflow_config(s, executor).items()}
    return env | OFFLINE_ENV


def write_airflow_cfg(s: Settings | None = None) -> Path:
    """AIRFLOW_HOME/airflow.cfg with chitieu's settings (Airflow fills in the rest of its defaults)."""
    import configparser
    import secrets

    s = s or settings()
    path = s.airflow_home / "airflow.cfg"
    old = configparser.ConfigParser(interpolation=None)
    old.read(path)
    # the processes of one installation sign and check each other's tokens with one secret: made here once,
    # kept in AIRFLOW_HOME (never in git); compose takes it from .env instead
    jwt_secret = old.get("api_auth", "jwt_secret", fallback=None) or secrets.token_urlsafe(64)
    cfg = configparser.ConfigParser(interpolation=None)
    for (section, key), value in (airflow_config(s) | {("api_auth", "jwt_secret"): jwt_secret}).items():
        if not cfg.has_section(section):
            cfg.add_section(section)
        cfg.set(section, key, value)
    s.airflow_home.mkdir(parents=True, exist_ok=True)
    with path.open("w") as fh:
        fh.write("# written by `chitieu config airflow` from chitieu.config; edit that, not this file\n")
        cfg.write(fh)
    return path
