"""Where things live and how the services are set: the one place the CLI, the DAG, the Makefile (through
`chitieu config`), the tests and docker-compose read. Every value can be moved with an environment variable;
the defaults are the embedded ones (files inside the checkout, no server)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from chitieu.period import Period

TIMEZONE = "Asia/Ho_Chi_Minh"  # a period is a calendar month in Vietnam's time
WRITER_POOL = "duckdb_writer"  # the pipeline's working DuckDB file allows one writer at a time
DAG_ID = "chitieu_monthly"
PUBLISHED_ASSET = "chitieu://published"  # emitted when a period is published; downstream DAGs schedule on it
# Airflow's accounts (simple auth manager) and their roles: the data team administers, auditors only read
AIRFLOW_USERS = {"admin": "admin", "auditor": "viewer"}

# Settings field -> the environment variable that moves it (the one list compose and the tests are checked against)
ENV_VARS = {
    "root": "CHITIEU_ROOT",
    "raw_dir": "CHITIEU_RAW_DIR",
    "warehouse_dir": "CHITIEU_WAREHOUSE_DIR",
    "dbt_project_dir": "CHITIEU_DBT_PROJECT_DIR",
    "expectations_dir": "CHITIEU_EXPECTATIONS_DIR",
    "gx_root": "CHITIEU_GX_ROOT",
    "airflow_home": "AIRFLOW_HOME",
    "lake_catalog": "CHITIEU_LAKE_CATALOG",
    "lake_data_path": "CHITIEU_LAKE_DATA_PATH",
    "lake_reader_catalog": "CHITIEU_LAKE_READER_CATALOG",
    "notify_email": "CHITIEU_NOTIFY_EMAIL",
    "first_period": "CHITIEU_FIRST_PERIOD",
    "last_period": "CHITIEU_LAST_PERIOD",
}


def password_var(user: str) -> str:
    """The environment variable that sets an Airflow account's password (else Airflow generates one)."""
    return f"CHITIEU_{user.upper()}_PASSWORD"


def airflow_passwords() -> dict[str, str]:
    """The accounts whose password the environment sets (compose takes them from .env)."""
    return {u: os.environ[password_var(u)] for u in AIRFLOW_USERS if os.environ.get(password_var(u))}


# Secrets a deployment must set (.env); `chitieu config check-secrets` refuses them empty or left as placeholders
SECRET_VARS = ("POSTGRES_PASSWORD", "AIRFLOW_FERNET_KEY", "AIRFLOW_JWT_SECRET", "CHITIEU_LAKE_READER_PASSWORD",
               *(password_var(u) for u in AIRFLOW_USERS))  # fmt: skip
PLACEHOLDER = "change-me"  # what .env.example holds in place of every secret


def unset_secrets() -> list[str]:
    """The secret variables that are missing, empty, or still the placeholder of .env.example."""
    return [v for v in SECRET_VARS if not os.environ.get(v) or PLACEHOLDER in os.environ[v].lower()]


def _env(field: str) -> str | None:
    return os.environ.get(ENV_VARS[field]) or None


def _root() -> Path:
    env = _env("root")
    if env:
        return Path(env).resolve()
    # src/chitieu/config.py -> checkout root (editable install)
    return Path(__file__).resolve().parents[2]


def _path(field: str, default: Path) -> Path:
    return Path(_env(field) or default).resolve()


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
    first_period: Period  # the DAG's first month (catchup starts there)
    last_period: Period | None  # the DAG's last month, if the schedule is to stop

    @property
    def work_db(self) -> Path:
        """The pipeline's private working database (raw tables and dbt models); readers never open it."""
        return self.warehouse_dir / "work" / "pipeline.duckdb"

    @property
    def passwords_file(self) -> Path:
        """Airflow's accounts and passwords (simple auth manager); a folder of its own, shared in compose."""
        return self.airflow_home / "auth" / "passwords.json"

    @property
    def snapshots_dir(self) -> Path:
        return self.warehouse_dir / "snapshots"

    @property
    def reports_dir(self) -> Path:
        """The period reports (HTML, XLSX, CSV) and their landing page, index.html."""
        return self.warehouse_dir / "reports"

    @property
    def quarantine_dir(self) -> Path:
        return self.warehouse_dir / "quarantine"

    @property
    def catalogue_dir(self) -> Path:
        return self.raw_dir / "catalogue"


def settings() -> Settings:
    root = _root()
    warehouse = _path("warehouse_dir", root / "warehouse")
    expectations = _path("expectations_dir", root / "expectations")
    return Settings(
        root=root,
        raw_dir=_path("raw_dir", root / "raw"),
        warehouse_dir=warehouse,
        dbt_project_dir=_path("dbt_project_dir", root / "dbt_project"),
        expectations_dir=expectations,
        gx_root=_path("gx_root", expectations),
        airflow_home=_path("airflow_home", root / ".airflow"),
        lake_catalog=_env("lake_catalog") or f"sqlite:{warehouse / 'lake' / 'catalog.sqlite'}",
        lake_data_path=_path("lake_data_path", warehouse / "lake" / "data"),
        lake_reader_catalog=_env("lake_reader_catalog"),
        notify_email=_env("notify_email"),
        first_period=Period(_env("first_period") or "2023-06"),
        last_period=Period(last) if (last := _env("last_period")) else None,
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
        ("core", "simple_auth_manager_users"): ",".join(f"{u}:{r}" for u, r in AIRFLOW_USERS.items()),
        ("core", "simple_auth_manager_passwords_file"): str(s.passwords_file),
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
