"""What is sent back to a department when its file is quarantined: a letter in Vietnamese (or English) saying
which file, why, and which cells to correct. Written beside the quarantined copy as `<copy>.tra-lai.txt`
(vi) and `<copy>.returned.txt` (en)."""

from __future__ import annotations

from pathlib import Path

from chitieu.errors import RejectCode as C
from chitieu.ingest.errors import RejectedFile
from chitieu.period import Period
from chitieu.present.lang import Lang, Say
from chitieu.present.tables import month_text

# one sentence per reason code, in English (the gettext msgid); locale/vi.po holds the Vietnamese
EXPLAIN: dict[C, str] = {
    C.SYMLINK: "The file is a link to another file; send the file itself.",
    C.UNSUPPORTED_TYPE: "This kind of file is not read; send the .xlsx template (portal exports: .csv or .xlsx).",
    C.EMPTY_FILE: "The file is empty.",
    C.TOO_LARGE: "The file is larger than accepted.",
    C.LEGACY_OR_ENCRYPTED: "An old .xls file or a password-protected workbook; save it as a plain .xlsx.",
    C.NOT_A_ZIP: "The file is named .xlsx but is not an Excel workbook.",
    C.CORRUPT_ZIP: "The workbook is damaged or cut short; send it again.",
    C.NOT_XLSX: "The archive holds no Excel workbook.",
    C.ZIP_BOMB: "The file would expand to a size that is not accepted; it was not opened.",
    C.UNREADABLE_FILE: "The file could not be read.",
    C.UNREADABLE_WORKBOOK: "The workbook could not be read; save it again from Excel as .xlsx.",
    C.CORRUPT_WORKBOOK: "A part of the workbook is damaged; save it again from Excel.",
    C.MISSING_PART: "The workbook lacks a part it lists (a sheet); save it again from Excel.",
    C.MALFORMED_XML: "The workbook's content is malformed; save it again from Excel.",
    C.XML_ENTITY_REJECTED: "The workbook contains content that is refused for safety; save it again from Excel.",
    C.MALFORMED_CSV: "The export cannot be read as a table; export it again.",
    C.UNKNOWN_ENCODING: "The text is not in UTF-8; export the file again as CSV UTF-8.",
    C.MISSING_SHEET: "No sheet with the template's table (sheet SoLieu).",
    C.NO_HEADER: "No header row of the template (with the target code and value columns).",
    C.ONLY_TITLES: "The sheet has only titles and no table of figures.",
    C.MISSING_COLUMN: "A required column is missing.",
    C.DUPLICATE_COLUMN: "A column appears twice; keep one.",
    C.EMPTY_COLUMN: "A required column is empty in every row.",
    C.NO_FIGURES: "The table has a header but no figures.",
    C.FUTURE_PERIOD: "The file is filed under a month that has not begun.",
    C.BAD_CELL: "A cell could not be read.",
    C.REQUIRED: "A required cell is empty.",
    C.WRONG_TYPE: "A cell holds the wrong kind of value.",
    C.NOT_A_NUMBER: "A cell that should hold a number does not.",
    C.AMBIGUOUS_NUMBER: "A number whose dot could mean thousands or decimals; write decimals with a comma (37,36).",
    C.REPEATED_SYMBOL: "A number with a symbol written twice (37,36%%).",
    C.SCIENTIFIC_NOTATION: "A number shown in scientific notation (1E+05); widen the column or type the number.",
    C.NOT_A_WHOLE_NUMBER: "A count or a rank with decimals.",
    C.NUMBER_OUT_OF_RANGE: "A number too large to be a figure.",
    C.NEGATIVE_VALUE: "A negative value where none can be.",
    C.NEGATIVE_COUNT: "A negative numerator or denominator.",
    C.FORMULA_ERROR: "A cell shows an Excel error (#REF!, #DIV/0!); type the value or fix the formula.",
    C.FORMULA_WITHOUT_RESULT: "A formula saved without its result; type the value or open and save it in Excel.",
    C.FORMULA_INJECTION: "A cell starts like a formula (=, +, -, @); remove that sign.",
    C.CONTROL_CHARACTER: "A cell holds an invisible control character; type the text again.",
    C.BAD_DATE: "A date that cannot be read; write dd/mm/yyyy (18/8/2023).",
    C.IMPLAUSIBLE_DATE: "A date years away from the reporting period (a typo in the year?).",
    C.BAD_REFERENCE_PERIOD: "A reference period that cannot be read; write năm 2023, quý 2/2023 or tháng 6/2023.",
    C.REFERENCE_AFTER_PERIOD: "A reference period that begins after the reporting month.",
    C.AS_OF_AFTER_PERIOD: "A figure dated after the end of the reporting month.",
    C.BAD_VALUE: "A value that is not one of those allowed.",
    C.UNKNOWN_UNIT: "A unit that is not one of the template's.",
    C.UNKNOWN_TARGET: "A target code that is not in the resolution's catalogue.",
    C.UNKNOWN_RESOLUTION: "A resolution code that is not in the catalogue for this province.",
    C.UNKNOWN_ADMIN_UNIT: "An administrative unit that cannot be matched to a province in force on the figure's date.",
    C.DUPLICATE_ROW: "The same figure is given twice.",
    C.DUPLICATE_DOSSIER: "A dossier already sent in another export of the month.",
}  # fmt: skip

LETTER = {Lang.vi: "tra-lai.txt", Lang.en: "returned.txt"}


def letter(err: RejectedFile, file_name: str, period: Period, lang: Lang) -> str:
    say = Say(lang)
    lines = [
        say("File {file}, sent for {month}, was not loaded.", file=file_name, month=month_text(period, say)),
        say("Reason: {reason}", reason=say(EXPLAIN[err.code])),
    ]
    if err.cells:
        lines.append(say("Cells to correct:"))
        for c in err.cells[:50]:
            lines.append(
                "  - " + say("sheet '{sheet}', cell {cell} ({column}): written {found!r}. {why}",
                             sheet=c.sheet, cell=c.cell, column=c.column, found=c.found, why=say(EXPLAIN[c.code]))
            )  # fmt: skip
    lines.append(say("Please correct the file and send it again as a new file; the original is kept as it was."))
    return "\n".join(lines) + "\n"


def write_letters(copy: Path, err: RejectedFile, file_name: str, period: Period) -> None:
    for lang, suffix in LETTER.items():
        copy.with_name(f"{copy.name}.{suffix}").write_text(letter(err, file_name, period, lang), encoding="utf-8")
