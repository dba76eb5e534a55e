"""The root of chitieu's own errors, and which errors are worth a retry.

Bad data (a refused file, a failed expectation, a catalogue that does not parse) will fail again on a retry;
a lock held by another process, a busy catalog or a dropped database connection may not. The DAG retries
only the second kind (`is_transient`)."""

from __future__ import annotations

import sqlite3
from enum import StrEnum


class ChitieuError(Exception):
    """The root: every error chitieu raises on purpose, with a message a person can act on. The CLI catches it
    once (`chitieu.cli.main`) and prints the message, exiting with the class's `exit_code`."""

    exit_code = 2


class BadText(ChitieuError):
    """Text that is not what it should be: a period, a date, a number, a catalogue entry."""


class SetupError(ChitieuError):
    """The installation or the deployment is not as it must be (an extension, a catalog, Airflow's database)."""


class NotFound(ChitieuError):
    """Nothing (yet) for what was asked: no published month, no figure for a target."""

    exit_code = 1


class PipelineFailed(ChitieuError):
    """A step of the pipeline did not complete (dbt build, validation, publish); nothing was published."""


_TRANSIENT_WORDS = ("could not set lock", "conflicting lock", "database is locked", "busy", "transaction conflict",
                    "could not connect", "connection refused", "server closed the connection", "timeout")  # fmt: skip


def is_transient(exc: BaseException) -> bool:
    """A lock, a busy catalog or a lost connection: retrying later can succeed."""
    import duckdb
    import psycopg2

    chain = [exc, *(e for e in (exc.__cause__, exc.__context__) if e is not None)]
    for e in chain:
        if isinstance(e, psycopg2.OperationalError):
            return True
        if isinstance(e, duckdb.Error | sqlite3.OperationalError) and any(
            w in str(e).lower() for w in _TRANSIENT_WORDS
        ):
            return True
    return False


class TransientError(ChitieuError):
    """A step failed for a reason that may pass (a lock, a busy catalog): the DAG retries it."""

    exit_code = 3


class RejectCode(StrEnum):
    """Why a received file was quarantined: the machine-readable `code` of its `.reason.json` and of
    `files_received.reason_code`. The one list of them: raising with a code not here is an error."""

    # the file as bytes (checked before any parser sees it)
    SYMLINK = "symlink"  # a symbolic link, never followed
    UNSUPPORTED_TYPE = "unsupported_type"  # an extension chitieu does not read
    EMPTY_FILE = "empty_file"
    TOO_LARGE = "too_large"
    LEGACY_OR_ENCRYPTED = "legacy_or_encrypted"  # an .xls (OLE) file or a password-protected workbook
    NOT_A_ZIP = "not_a_zip"  # named .xlsx but not a zip archive
    CORRUPT_ZIP = "corrupt_zip"
    NOT_XLSX = "not_xlsx"  # a zip without a workbook
    ZIP_BOMB = "zip_bomb"
    # the file as a workbook or a table (a parser refused it)
    UNREADABLE_FILE = "unreadable_file"
    UNREADABLE_WORKBOOK = "unreadable_workbook"
    CORRUPT_WORKBOOK = "corrupt_workbook"
    MISSING_PART = "missing_part"
    MALFORMED_XML = "malformed_xml"
    XML_ENTITY_REJECTED = "xml_entity_rejected"
    MALFORMED_CSV = "malformed_csv"
    UNKNOWN_ENCODING = "unknown_encoding"
    # the layout
    MISSING_SHEET = "missing_sheet"
    NO_HEADER = "no_header"
    ONLY_TITLES = "only_titles"
    MISSING_COLUMN = "missing_column"
    DUPLICATE_COLUMN = "duplicate_column"
    EMPTY_COLUMN = "empty_column"
    NO_FIGURES = "no_figures"
    FUTURE_PERIOD = "future_period"  # filed under a month that has not begun
    # a cell
    BAD_CELL = "bad_cell"
    REQUIRED = "required"
    WRONG_TYPE = "wrong_type"
    NOT_A_NUMBER = "not_a_number"
    AMBIGUOUS_NUMBER = "ambiguous_number"  # "1.921" in a percent column, "99.5": never guessed
    REPEATED_SYMBOL = "repeated_symbol"  # "37,36%%"
    SCIENTIFIC_NOTATION = "scientific_notation"  # Excel's display of a narrow cell
    NOT_A_WHOLE_NUMBER = "not_a_whole_number"
    NUMBER_OUT_OF_RANGE = "number_out_of_range"
    NEGATIVE_VALUE = "negative_value"
    NEGATIVE_COUNT = "negative_count"
    FORMULA_ERROR = "formula_error"  # #DIV/0!, #REF!
    FORMULA_WITHOUT_RESULT = "formula_without_result"  # a formula saved without its cached value
    FORMULA_INJECTION = "formula_injection"  # a cell a spreadsheet would run as a formula
    CONTROL_CHARACTER = "control_character"
    BAD_DATE = "bad_date"
    IMPLAUSIBLE_DATE = "implausible_date"
    BAD_REFERENCE_PERIOD = "bad_reference_period"
    REFERENCE_AFTER_PERIOD = "reference_after_period"
    AS_OF_AFTER_PERIOD = "as_of_after_period"
    BAD_VALUE = "bad_value"
    UNKNOWN_UNIT = "unknown_unit"
    UNKNOWN_TARGET = "unknown_target"
    UNKNOWN_RESOLUTION = "unknown_resolution"
    UNKNOWN_ADMIN_UNIT = "unknown_admin_unit"
    # portal exports
    DUPLICATE_ROW = "duplicate_row"
    DUPLICATE_DOSSIER = "duplicate_dossier"
