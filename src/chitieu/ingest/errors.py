"""Errors a person can act on: what was wrong, where, and what was expected."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class CellError:
    sheet: str
    cell: str
    column: str
    found: str
    expected: str
    code: str = "bad_cell"  # not_a_number, ambiguous_number, required, unknown_unit, ...

    def __str__(self) -> str:
        return f"sheet '{self.sheet}' cell {self.cell} ({self.column}): found {self.found!r}, expected {self.expected}"


class RejectedFile(Exception):
    """A received file that cannot be loaded as it is. `code` is machine-readable; the message is for people."""

    def __init__(self, code: str, message: str, cells: list[CellError] | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.cells = cells or []

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "message": self.message,
            "cells": [c.__dict__ for c in self.cells],
        }
