"""Languages, numbers, dates and labels for what a person reads. Vietnamese by default, English available.

Numbers and dates go through Babel (37,36%; 10.741.056.503; 18/08/2023 in Vietnamese). Labels are gettext
messages: the English text is the msgid, `locale/vi.po` holds the Vietnamese; a missing translation shows the
English rather than nothing (and a test checks there is none missing)."""

from __future__ import annotations

import datetime as dt
import functools
import io
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).with_name("locale")


class Lang(StrEnum):
    vi = "vi"
    en = "en"


@functools.cache
def translations(lang: Lang) -> NullTranslations:
    po = LOCALE_DIR / f"{lang}.po"
    if not po.exists():  # English: the msgids themselves
        return NullTranslations()
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=str(lang))
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(buf)


class Say:
    """Everything language-dependent for one language: `say("Met")`, `say.number(37.36)`, `say.date(d)`."""

    def __init__(self, lang: Lang | str = Lang.vi):
        self.lang = Lang(lang)
        self._t = translations(self.lang)

    def __call__(self, message: str, **values: object) -> str:
        text = self._t.gettext(message)
        return text.format(**values) if values else text

    def number(self, value: float | Decimal | None, digits: int | None = None) -> str:
        """37,36 / 10.741.056.503 in Vietnamese; `digits`: at most that many decimals (None: as the value has)."""
        if value is None:
            return ""
        pattern = None if digits is None else "#,##0" + ("." + "#" * digits if digits else "")
        return format_decimal(value, format=pattern, locale=str(self.lang))

    def percent(self, value: float | Decimal | None, digits: int = 2) -> str:
        """A value already in percent (37.36) as 37,36%."""
        return "" if value is None else f"{self.number(value, digits)}%"

    def date(self, value: dt.date | str | None) -> str:
        """18/08/2023 (Vietnamese) or 18 Aug 2023 (English)."""
        if value in (None, ""):
            return ""
        if isinstance(value, str):
            value = dt.date.fromisoformat(value[:10])
        pattern = "dd/MM/yyyy" if self.lang == Lang.vi else "d MMM yyyy"
        return format_date(value, pattern, locale=str(self.lang))
