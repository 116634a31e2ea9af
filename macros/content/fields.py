"""The field types of the content model: what each kind of value accepts, the message an editor gets when it does not,
and how it reads in the field reference (each rule beside its check, in the models' JSON schema)."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from . import markup
from .problems import did_you_mean
from .settings import (
    CASE_STUDY_SITE_FOLDER, DATASET_VALUE_CEILING, EARLIEST_PUBLISHED, EARLIEST_YEAR, MONEY_CEILING, PERIOD_YEARS_AHEAD,
    RESERVED_NAMES, SLUG_LENGTH,
)
from .slugs import SLUG_PATTERN, SLUG_RULE, slugify

EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[A-Za-z]{2,}$")
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
MONTH_OR_YEAR = re.compile(r"^\d{4}(?:-\d{2})?$")
REGISTER_ITEM = {"authorities": "authority", "partnerships": "partnership", "themes": "theme",
                 "programmes": "programme", "regions": "region", "sub_regions": "sub-region"}
CASE_STUDY = "case_study"  # the context key under which a case study's savings see its authorities and area


def fail(message: str, fix: str = ""):
    """Raise a validation error whose message an editor can act on."""
    raise PydanticCustomError("hub", message, {"fix": fix})


def fail_at(problems: list[tuple[tuple, str, str]], title: str) -> None:
    """Raise one error for each (place inside the field, message, fix), so a rule over a whole list reports every
    item that breaks it at the item's own line."""
    if problems:
        raise ValidationError.from_exception_data(title, [
            InitErrorDetails(type=PydanticCustomError("hub", message, {"fix": fix}), loc=loc, input=None)
            for loc, message, fix in problems])


@dataclass(frozen=True)
class Rule:
    """How a check reads in the field reference: the rule it enforces and, for the first check of a type, what
    editors call that type ('money', 'date'). Put beside the check in a type's `Annotated`; it adds both to the
    JSON schema (`x-kind`, `x-rules`), which `site/field_reference.py` reads."""

    rule: str = ""
    kind: str = ""

    def __get_pydantic_json_schema__(self, core_schema, handler):
        schema = handler(core_schema)
        if self.kind:
            schema["x-kind"] = self.kind
        if self.rule:
            schema["x-rules"] = [*schema.get("x-rules", []), self.rule]
        return schema


def show_value(value, limit: int = 60) -> str:
    """A value quoted in a message, cut short: a message never echoes a whole file's contents."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**20:
        return f"a number of {len(str(abs(value)))} digits"
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def describe_kind(value) -> str:
    """What an editor wrote, in words: 'a list', 'a group of fields', 'nothing', or the value itself."""
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{value!r}".lower()
    return show_value(value)


def describe_bad_number(value, ceiling: int) -> tuple[str, str] | None:
    """(message, fix) for a number no source could print: not a number, infinite, or beyond `ceiling`."""
    if isinstance(value, float) and math.isnan(value):
        return "not a number (.nan)", "write the number as printed, or null if the source leaves it blank"
    if isinstance(value, float) and math.isinf(value):
        return "infinite (.inf, or too many digits to be a number)", "write the number as printed"
    if abs(value) >= ceiling:
        return f"{show_value(value)} is beyond {ceiling:,}, the largest figure the hub accepts", "check the digits"
    return None


def printable_number(value):
    """A dataset cell or stated total a source could print: a number, finite, under the ceiling; or null."""
    if value is not None and (found := describe_bad_number(value, DATASET_VALUE_CEILING)):
        fail(*found)
    return value


# --- Text ---------------------------------------------------------------------------------------------------

def _filled_in(value: str) -> str:
    """Refuse the placeholders of the `pkhub new` template until an editor writes over them."""
    found = [line for line in value.splitlines() if markup.PLACEHOLDER.search(line)]
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        fail(markup.describe_placeholder(found[0]) + more, markup.PLACEHOLDER_FIX)
    return value


def refuse_markup(value: str | None) -> str | None:
    """Fields become page titles, descriptions and attributes, some outside any escaping: plain text only."""
    if value is not None and (problem := markup.describe_field_markup(value)):
        fail(*problem)
    return value


def _web_address(value: str) -> str:
    if problem := markup.describe_field_address(value):
        fail(*problem)
    return value


def _plain_text(value: str) -> str:
    if re.search(r"<[a-zA-Z/!]", value) or re.search(r"\[[^\]]*\]\([^)]*\)", value):
        fail("the summary must be plain text", "remove HTML tags and Markdown links; keep them for the body")
    return " ".join(value.split())


FilledIn = AfterValidator(_filled_in)
NoMarkup = AfterValidator(refuse_markup)
Text = Annotated[str, Field(min_length=1), FilledIn, NoMarkup]
WebAddress = Annotated[str, Field(min_length=1), FilledIn, NoMarkup, AfterValidator(_web_address)]
Summary = Annotated[str, Field(min_length=20, max_length=300), AfterValidator(_plain_text),
                    Rule("plain text: no HTML or Markdown links"), FilledIn]


def _email(value: str) -> str:
    if not EMAIL.match(value):
        fail(f"{show_value(value)} is not a valid email address", "write it as name@example.gov.uk, or leave email out")
    return value


Email = Annotated[str, AfterValidator(_email), Rule("a valid address, e.g. `name@example.gov.uk`", "email address")]


# --- Words (the search synonyms) ---------------------------------------------------------------------------

# Words as a reader types them: letters and digits, with spaces and - ' & . / between.
PLAIN_WORDS = re.compile(r"^[^\W_](?:[^\W_]|[ '’&./-])*$")


def _plain_words(text: str) -> str:
    if not PLAIN_WORDS.fullmatch(text):
        fail(f"{text[:40]!r} holds characters other than letters, digits, spaces and - ' & . /",
             "write the words as a reader would type them, without markup or punctuation")
    return " ".join(text.split())


Words = Annotated[str, Field(min_length=2, max_length=80), AfterValidator(_plain_words)]


Words = Annotated[str, Field(min_length=2, max_length=80), AfterValidator(_plain_words)]
Term = Annotated[str, Field(min_length=2, max_length=40), AfterValidator(_plain_words)]


# --- Money --------------------------------------------------------------------------------------------------

def parse_money_text(text: str) -> int | None:
    """The number of pounds an editor meant by '£1.2m', '677k' or '£2,103,290', if clear."""
    match = re.fullmatch(r"\s*£?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(bn|billion|m|million|k|thousand)?\s*",
                         text, flags=re.IGNORECASE)
    if not match:
        return None
    number = float(match.group(1).replace(",", ""))
    number *= SCALES.get((match.group(2) or "").lower(), 1)
    return round(number)


SCALES = {"bn": 10**9, "billion": 10**9, "m": 10**6, "million": 10**6, "mn": 10**6, "k": 10**3, "thousand": 10**3}
PRINTED_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(bn|billion|m|million|mn|k|thousand)?(?![a-z])", re.IGNORECASE)


def printed_amounts(text: str) -> set[int]:
    """Every amount of pounds a number printed in `text` can stand for: '£1.2m' 1,200,000; '677k' 677,000; a bare
    '120' 120, or 120,000 or 120,000,000 when it comes from a table in £000 or £m."""
    amounts = set()
    for whole, fraction, suffix in PRINTED_NUMBER.findall(text):
        number = float(whole.replace(",", "") + (fraction or ""))
        for scale in ([SCALES[suffix.lower()]] if suffix else [1, 10**3, 10**6]):
            amounts.add(round(number * scale))
    return amounts


def quote_states_amount(quote: str, amount: int) -> bool:
    return amount in printed_amounts(quote)


def _money(value: Any) -> int:
    if isinstance(value, bool):
        fail("expected an amount in whole pounds, got true/false", "write the number of pounds, e.g. 677000")
    if isinstance(value, float) and not math.isfinite(value):
        fail("not a number" if math.isnan(value) else "infinite (.inf, or too many digits to be an amount)",
             "write a plain number of pounds, e.g. 677000")
    if isinstance(value, (int, float)) and value >= MONEY_CEILING:
        fail(f"{show_value(value)} is more than £{MONEY_CEILING:,}, the largest amount the hub accepts",
             "check the digits: write the amount in whole pounds")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        fail(f"{value} is not a whole number of pounds", f"write {round(value)}")
    if isinstance(value, str):
        number = parse_money_text(value)
        if number is not None and number < MONEY_CEILING:
            fail(f"money written as text ({show_value(value)})", f"write the plain number of pounds: {number}")
        fail(f"money written as text ({show_value(value)})", "write the plain number of pounds, e.g. 677000")
    fail(f"expected an amount in whole pounds, got {type(value).__name__}", "write the number of pounds, e.g. 677000")


def _non_negative(value: int) -> int:
    if value < 0:
        fail(f"{value} is negative", "amounts are pounds of 0 or more; record a cost under investment")
    return value


def _positive(value: int) -> int:
    if value <= 0:
        fail(f"{value} is not more than 0", "a saving is a positive number of pounds; leave out a saving of nothing")
    return value


_WholePounds = (BeforeValidator(_money), Rule("whole pounds as a plain number: `677000`, not `£677k`", "money"))
Money = Annotated[int, *_WholePounds, AfterValidator(_non_negative), Rule("0 or more")]
PositiveMoney = Annotated[int, *_WholePounds, AfterValidator(_positive), Rule("more than 0")]


# --- Dates --------------------------------------------------------------------------------------------------

def _full_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and FULL_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            fail(f"{show_value(value)} is not a real date", "write an existing day as YYYY-MM-DD")
    fail(f"{show_value(value)} is not a date", "write it as YYYY-MM-DD, e.g. 2026-03-31")


def _not_future(value: dt.date, info: ValidationInfo) -> dt.date:
    today = (info.context or {}).get("today") or dt.date.today()
    if value > today:
        fail(f"{value.isoformat()} is in the future", f"use the day it was added, on or before {today.isoformat()}")
    if value < EARLIEST_PUBLISHED:
        fail(f"{value.isoformat()} is before {EARLIEST_PUBLISHED.year}", "use the day it was added to the hub")
    return value


_Day = (BeforeValidator(_full_date), Rule("`YYYY-MM-DD`", "date"))
Date = Annotated[dt.date, *_Day]
PastDate = Annotated[dt.date, *_Day, AfterValidator(_not_future), Rule("not in the future")]


def _partial_date(pattern: re.Pattern, forms: tuple[str, ...]):
    """A date of one of `forms` ('YYYY', 'YYYY-MM', …), checked as a calendar date as far as it goes."""
    form = ", ".join(forms[:-1]) + " or " + forms[-1]

    def check(value: Any) -> str:
        if isinstance(value, bool):
            fail(f"{show_value(value)} is not a date", f"write it as {form}")
        if isinstance(value, dt.date):
            value = value.isoformat()
        text = str(value).strip()
        if not pattern.match(text):
            fail(f"{show_value(value)} is not a date of the form {form}", f"write it as {form}, e.g. 2009 or 2009-04")
        month = text[5:7]
        if month and not 1 <= int(month) <= 12:
            fail(f"{show_value(value)} has no month {month}", "months run from 01 to 12")
        if len(text) == 10:
            _full_date(text)
        return text
    return BeforeValidator(check), Rule(", ".join(f"`{f}`" for f in forms[:-1]) + f" or `{forms[-1]}`", "date")


def _plausible_year(what: str, years_ahead: int):
    """A year from EARLIEST_YEAR to `years_ahead` after this one: '0000' and '9999' are typing slips."""
    def check(value: str, info: ValidationInfo) -> str:
        today = (info.context or {}).get("today") or dt.date.today()
        latest = today.year + years_ahead
        if not EARLIEST_YEAR <= int(value[:4]) <= latest:
            fail(f"the year {value[:4]} is not plausible for {what}", f"write a year from {EARLIEST_YEAR} to {latest}")
        if years_ahead == 0 and len(value) == 10 and value > today.isoformat():
            fail(f"{value} is in the future", "a source is published on or before today")
        return value
    return AfterValidator(check)


SourceDate = Annotated[str, *_partial_date(PARTIAL_DATE, ("YYYY", "YYYY-MM", "YYYY-MM-DD")),
                       _plausible_year("a source document", 0)]
PeriodDate = Annotated[str, *_partial_date(MONTH_OR_YEAR, ("YYYY", "YYYY-MM")),
                       _plausible_year("a period", PERIOD_YEARS_AHEAD)]


# --- Slugs and ids ------------------------------------------------------------------------------------------

def _not_reserved(value: str) -> None:
    if value in RESERVED_NAMES:
        fail(f"{value!r} is reserved: in every folder of the site the page of that name lists the others there (as "
             f"{CASE_STUDY_SITE_FOLDER}/{value}.md does), so this one would replace one", "choose another name")


def _slug(value: str) -> str:
    if not (SLUG_LENGTH[0] <= len(value) <= SLUG_LENGTH[1] and SLUG_PATTERN.match(value)):
        length = "" if SLUG_LENGTH[0] <= len(value) <= SLUG_LENGTH[1] else f": it has {len(value):,} characters"
        suggestion = slugify(value, SLUG_LENGTH[1])
        example = f", e.g. '{suggestion}'" if SLUG_LENGTH[0] <= len(suggestion) and suggestion != value else ""
        fail(f"{show_value(value)} is not a valid slug{length}", f"use {SLUG_RULE}{example}")
    _not_reserved(value)
    return value


Slug = Annotated[str, AfterValidator(_slug), Rule(SLUG_RULE, "slug")]


def _id(value: str) -> str:
    if not SLUG_PATTERN.match(value):
        fail(f"{show_value(value)} is not a valid id", "use lower-case letters, digits and single hyphens")
    _not_reserved(value)
    return value


Id = Annotated[str, AfterValidator(_id), Rule("lower-case letters, digits and single hyphens", "id")]


def Ref(*registers: str):
    """An id that must exist in one of the registers; unknown ids are refused with the closest suggested."""
    def check(value: str, info: ValidationInfo) -> str:
        ids = (info.context or {}).get("ids") or {}
        if not all(register in ids for register in registers):
            return value
        known = [known_id for register in registers for known_id in ids[register]]
        if value not in known:
            item = " or ".join(REGISTER_ITEM[register] for register in registers)
            files = " and ".join(f"data/{register}.yaml" for register in registers)
            fail(f"unknown {item} {show_value(value)}", f"{did_you_mean(value, known, f'ids in {files}')} (ids are listed in {files})")
        return value
    where = " or ".join(f"`data/{register}.yaml`" for register in registers)
    return Annotated[str, AfterValidator(check), Rule(f"an `id` in {where}", "id")]


def _named_by_case_study(value: str, info: ValidationInfo) -> str:
    """A saving's council must be one its case study names: a saving is credited only to councils taking part."""
    case_study = (info.context or {}).get(CASE_STUDY) or {}
    named = case_study.get("authorities")
    if named is not None and value not in named:
        listed = ", ".join(named) if named else "none"
        fail(f"{show_value(value)} is not among the case study's authorities ({listed})",
             "credit a saving only to councils listed under the case study's authorities: add it there if the source "
             "names it as taking part, else leave it out" + ("" if named else "; for a saving of the area as a whole "
                                                            "write authorities: []"))
    return value


SavingCouncil = Annotated[Ref("authorities"), AfterValidator(_named_by_case_study),
                          Rule("one of the case study's `authorities`")]
