"""The content model (CONTENT_MODEL.md) as pydantic models: the only place that validates."""

from __future__ import annotations

import datetime as dt
import math
import re
import typing
from typing import Annotated, Any, Literal, Optional

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .problems import did_you_mean

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COLUMN_ID = re.compile(r"^[a-z][a-z0-9_]*$")
EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[A-Za-z]{2,}$")
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
MONTH_OR_YEAR = re.compile(r"^\d{4}(?:-\d{2})?$")

AUTHORITY_TYPES = ("county", "district", "unitary", "metropolitan", "london-borough",
                   "fire-rescue", "police", "national-park", "other")
SAVING_TYPES = ("cashable", "non-cashable", "cost-avoidance", "income", "unstated")
SAVING_STATUSES = ("delivered", "forecast")
SAVING_BASES = ("one-off", "per-year", "total")
UNITS = ("GBP", "GBP thousand", "GBP million", "count", "percent", "score", "ratio", "rank", "rate")
ADDITIVE_UNITS = ("GBP", "GBP thousand", "GBP million", "count")  # a computed total means something only for these
UNIT_SCALE = {"GBP": 1, "GBP thousand": 1_000, "GBP million": 1_000_000}
REGISTERS = ("authorities", "partnerships", "themes", "programmes", "regions", "sub_regions")
REGISTER_ITEM = {"authorities": "authority", "partnerships": "partnership", "themes": "theme",
                 "programmes": "programme", "regions": "region", "sub_regions": "sub-region"}
AREA_REGISTERS = ("regions", "sub_regions")  # an `area:` names a region or a sub-region

# Bounds on values (SECURITY.md): beyond them a figure is a typing slip, and would overflow the formatting.
MONEY_CEILING = 100_000_000_000          # £100bn: the largest figure in the partnerships' reports is far below
DATASET_VALUE_CEILING = 10**12           # any dataset cell or stated total, in its column's unit
EARLIEST_PUBLISHED = dt.date(2000, 1, 1)  # the hub publishes nothing dated before its sources could exist
EARLIEST_YEAR = 1990                     # the first year a source document or a period may name
# Each folder the hub generates pages into has its own list page, `<folder>/index.md`: a slug or id `index`
# would replace it (case-studies/index.md, themes/index.md, …).
RESERVED_NAMES = frozenset({"index"})


def fail(message: str, fix: str = ""):
    """Raise a validation error whose message an editor can act on."""
    raise PydanticCustomError("hub", message, {"fix": fix})


def show_value(value, limit: int = 60) -> str:
    """A value quoted in a message, cut short: a message never echoes a whole file's contents."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**20:
        return f"a number of {len(str(abs(value)))} digits"
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def describe_bad_number(value, ceiling: int) -> tuple[str, str] | None:
    """(message, fix) for a number no source could print: not a number, infinite, or beyond `ceiling`."""
    if isinstance(value, float) and math.isnan(value):
        return "not a number (.nan)", "write the number as printed, or null if the source leaves it blank"
    if isinstance(value, float) and math.isinf(value):
        return "infinite (.inf, or too many digits to be a number)", "write the number as printed"
    if abs(value) >= ceiling:
        return f"{show_value(value)} is beyond {ceiling:,}, the largest figure the hub accepts", "check the digits"
    return None


# --- Field types ----------------------------------------------------------------------------

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


def parse_money_text(text: str) -> int | None:
    """The number of pounds an editor meant by '£1.2m', '677k' or '£2,103,290', if clear."""
    match = re.fullmatch(r"\s*£?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(bn|billion|m|million|k|thousand)?\s*",
                         text, flags=re.IGNORECASE)
    if not match:
        return None
    number = float(match.group(1).replace(",", ""))
    scale = {"bn": 10**9, "billion": 10**9, "m": 10**6, "million": 10**6, "k": 10**3, "thousand": 10**3}
    number *= scale.get((match.group(2) or "").lower(), 1)
    return round(number)


PRINTED_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(bn|billion|m|million|mn|k|thousand)?(?![a-z])", re.IGNORECASE)


def printed_amounts(text: str) -> set[int]:
    """Every amount of pounds a number printed in `text` can stand for: '£1.2m' 1,200,000; '677k' 677,000; a bare
    '120' 120, or 120,000 or 120,000,000 when it comes from a table in £000 or £m."""
    scales = {"bn": 10**9, "billion": 10**9, "m": 10**6, "million": 10**6, "mn": 10**6, "k": 10**3, "thousand": 10**3}
    amounts = set()
    for whole, fraction, suffix in PRINTED_NUMBER.findall(text):
        number = float(whole.replace(",", "") + (fraction or ""))
        for scale in ([scales[suffix.lower()]] if suffix else [1, 10**3, 10**6]):
            amounts.add(round(number * scale))
    return amounts


def quote_states_amount(quote: str, amount: int) -> bool:
    return amount in printed_amounts(quote)


def _non_negative(value: int) -> int:
    if value < 0:
        fail(f"{value} is negative", "amounts are pounds of 0 or more; record a cost under investment")
    return value


def _positive(value: int) -> int:
    if value <= 0:
        fail(f"{value} is not more than 0", "a saving is a positive number of pounds; leave out a saving of nothing")
    return value


Money = Annotated[int, BeforeValidator(_money), AfterValidator(_non_negative)]
PositiveMoney = Annotated[int, BeforeValidator(_money), AfterValidator(_positive)]


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


Date = Annotated[dt.date, BeforeValidator(_full_date)]
PastDate = Annotated[dt.date, BeforeValidator(_full_date), AfterValidator(_not_future)]


def _partial_date(pattern: re.Pattern, form: str):
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
    return BeforeValidator(check)


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


SourceDate = Annotated[str, _partial_date(PARTIAL_DATE, "YYYY, YYYY-MM or YYYY-MM-DD"),
                       _plausible_year("a source document", 0)]
PeriodDate = Annotated[str, _partial_date(MONTH_OR_YEAR, "YYYY or YYYY-MM"), _plausible_year("a period", 10)]


def _not_reserved(value: str) -> None:
    if value in RESERVED_NAMES:
        fail(f"{value!r} is reserved: the page of that name lists the others in its folder (e.g. "
             f"case-studies/{value}.md), so this one would replace it", "choose another name")


def _slug(value: str) -> str:
    if not (3 <= len(value) <= 80 and SLUG.match(value)):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        fail(f"{show_value(value)} is not a valid slug",
             f"use 3–80 lower-case letters, digits and single hyphens, e.g. '{suggestion[:80]}'")
    _not_reserved(value)
    return value


Slug = Annotated[str, AfterValidator(_slug)]


def _id(value: str) -> str:
    if not SLUG.match(value):
        fail(f"{show_value(value)} is not a valid id", "use lower-case letters, digits and single hyphens")
    _not_reserved(value)
    return value


Id = Annotated[str, AfterValidator(_id)]


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
    return Annotated[str, AfterValidator(check)]


def _plain_text(value: str) -> str:
    if re.search(r"<[a-zA-Z/!]", value) or re.search(r"\[[^\]]*\]\([^)]*\)", value):
        fail("the summary must be plain text", "remove HTML tags and Markdown links; keep them for the body")
    return " ".join(value.split())


PLACEHOLDER = re.compile(r"\b(?:REPLACE|TODO)\b")


PLACEHOLDER_FIX = "write your own text in place of each line marked REPLACE"


def describe_placeholder(line: str) -> str:
    line = line.strip()
    return f"still has the template's placeholder {line if len(line) <= 80 else line[:79] + '…'!r}"


def _filled_in(value: str) -> str:
    """Refuse the placeholders of the `pkhub new` template until an editor writes over them."""
    found = [line for line in value.splitlines() if PLACEHOLDER.search(line)]
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        fail(describe_placeholder(found[0]) + more, PLACEHOLDER_FIX)
    return value


def _email(value: str) -> str:
    if not EMAIL.match(value):
        fail(f"{show_value(value)} is not a valid email address", "write it as name@example.gov.uk, or leave email out")
    return value


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


Text = Annotated[str, Field(min_length=1), AfterValidator(_filled_in)]


# --- Registers -------------------------------------------------------------------------------

class Period(Model):
    start: PeriodDate = Field(description="when it started")
    end: Optional[PeriodDate] = Field(None, description="when it ended; not before start")

    @model_validator(mode="after")
    def end_not_before_start(self):
        if self.end and self.end < self.start[: len(self.end)]:
            fail(f"the period ends ({self.end}) before it starts ({self.start})", "swap start and end, or correct the years")
        return self

    @property
    def label(self) -> str:
        return f"{self.start} to {self.end}" if self.end else f"from {self.start}"


class Authority(Model):
    id: Id
    name: Text
    type: Literal[AUTHORITY_TYPES]
    region: Text
    sub_region: Optional[Ref("sub_regions")] = None
    aliases: list[Text] = []


class Region(Model):
    id: Id
    name: Text
    description: Optional[Text] = None


class SubRegion(Model):
    id: Id
    name: Text
    region: Text
    partnership: Optional[Ref("partnerships")] = None
    partnership_name: Optional[Text] = None
    description: Optional[Text] = None


class Partnership(Model):
    id: Id
    name: Text
    short_name: Text
    region: Text
    period: Period
    url: Optional[Text] = None
    description: Optional[Text] = None


class Theme(Model):
    id: Id
    name: Text
    description: Text


class Programme(Model):
    id: Id
    name: Text
    partnership: Ref("partnerships")
    period: Period
    description: Text


REGISTER_MODELS = {"authorities": Authority, "regions": Region, "sub_regions": SubRegion,
                   "partnerships": Partnership, "themes": Theme, "programmes": Programme}


# --- Case studies ----------------------------------------------------------------------------

class SourceRef(Model):
    document: Text = Field(description="the title of the source document, as printed")
    date: SourceDate = Field(description="when the source was published")
    section: Optional[Text] = Field(None, description="where in it: item, page, paragraph or table")
    url: Optional[Text] = Field(None, description="where readers can find the document")

    @property
    def year(self) -> int:
        return int(self.date[:4])


CASE_STUDY = "case_study"  # the context key under which a case study's savings see its authorities and area


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


SavingCouncil = Annotated[Ref("authorities"), AfterValidator(_named_by_case_study)]


class Saving(Model):
    amount: PositiveMoney = Field(description="the saving as the source states it")
    type: Literal[SAVING_TYPES] = Field(description=("`cashable`: money no longer spent, only where the source says "
                                                     "so; `non-cashable`: time or quality gained; `cost-avoidance`: "
                                                     "costs that would have come; `income`: money earned; "
                                                     "`unstated`: the source gives the amount but not its kind"))
    status: Literal[SAVING_STATUSES] = Field(description="forecasts are never counted as delivered")
    basis: Literal[SAVING_BASES] = Field(description="once, every year, or a total over a period")
    years: Optional[Annotated[int, Field(ge=1, le=50, strict=True)]] = Field(
        None, description="the years a total covers; only with basis: total")
    quote: Annotated[str, Field(min_length=5, max_length=300), AfterValidator(_filled_in)] = Field(
        description="the source's own words giving the figure, as printed, with the amount in them "
                          "(… marks words left out); shown beside the figure")
    authorities: Optional[list[SavingCouncil]] = Field(None, description=(
        "the councils this saving belongs to, as the source gives it; `[]` for a saving of the area as a whole, "
        "credited to no council (needs the case study's `area`); left out, the saving is credited to every council "
        "the case study names"))
    note: Optional[Text] = Field(None, description="what the figure covers, in the source's words")

    @field_validator("authorities")
    @classmethod
    def credit_is_given_once_and_area_wide_only_with_an_area(cls, value, info: ValidationInfo):
        if value is None:
            return value
        repeated = sorted({council for council in value if value.count(council) > 1})
        if repeated:
            fail(f"{', '.join(repeated)} listed more than once", "list each council once")
        case_study = (info.context or {}).get(CASE_STUDY) or {}
        if value == [] and "area" in case_study and not case_study["area"]:
            fail("[] credits the saving to the area as a whole, but the case study has no area",
                 "give the case study's area: (an id in data/regions.yaml or data/sub_regions.yaml) if the source "
                 "gives the figure for the whole area, or list the councils this saving belongs to")
        return value

    @model_validator(mode="after")
    def years_and_quote_fit_the_amount(self):
        if self.years is not None and self.basis != "total":
            fail(f"years is only used with basis: total, not {self.basis}",
                 "remove years, or use basis: total for an amount over several years")
        self.quote = " ".join(self.quote.split())
        if not quote_states_amount(self.quote, self.amount):
            fail(f"the quote does not give the amount {self.amount:,}",
                 "quote the source's words that print this figure (e.g. '£677k', '£1.2m' or '677,000'), or "
                 "correct the amount")
        return self


class Contact(Model):
    name: Optional[Text] = None
    role: Optional[Text] = None
    organisation: Optional[Text] = None
    email: Optional[Annotated[str, AfterValidator(_email)]] = None


class CaseStudy(Model):
    slug: Slug
    title: Annotated[str, Field(min_length=5, max_length=120, description="may change later; the address does not"),
                     AfterValidator(_filled_in)]
    summary: Annotated[str, Field(min_length=20, max_length=300, description=(
        "used in listings, search results, feeds, link previews and newsletters")),
        AfterValidator(_plain_text), AfterValidator(_filled_in)]
    partnership: Ref("partnerships") = Field(description="the partnership whose work it was")
    authorities: list[Ref("authorities")] = Field([], description=(
        "the councils the source names as taking part, by name or by a description that fixes the set; never "
        "filled in from a sub-region's membership"))
    area: Optional[Ref(*AREA_REGISTERS)] = Field(None, description=(
        "the region or sub-region, for work the source describes as area-wide without naming the councils"))
    themes: Annotated[list[Ref("themes")], Field(min_length=1, description="the kinds of work it covers")]
    published: PastDate = Field(description="the day it was added to the hub")
    source: SourceRef = Field(description="the document every fact and figure comes from")
    programme: Optional[Ref("programmes")] = Field(None, description="the partnership programme that funded it")
    period: Optional[Period] = Field(None, description="when the work ran")
    updated: Optional[PastDate] = Field(None, description="the day of the last change readers should know of; "
                                                          "not before published")
    investment: Optional[Money] = Field(None, description="the grant or funding put in")
    savings: list[Saving] = Field([], description="one entry for each saving the source states")
    outcomes: list[Text] = Field([], description="non-financial results, one line each")
    contact: Optional[Contact] = Field(None, description="someone readers may ask; only with their consent to be named")
    aliases: list[Slug] = Field([], description="former slugs of this case study: their addresses redirect here")
    draft: Annotated[bool, Field(strict=True, description="true keeps it off the site while it is still checked")] = False
    body: str = ""  # placeholders and executable HTML are refused line by line in validate.check_body

    @field_validator("savings", mode="wrap")
    @classmethod
    def savings_see_the_councils_named(cls, value, handler, info: ValidationInfo):
        """Each saving's `authorities` is checked against the case study's, at the saving's own line: the savings
        are validated with the case study's authorities and area in the context (those that validated)."""
        context = info.context
        if context is None:
            return handler(value)
        outer = context.get(CASE_STUDY)
        context[CASE_STUDY] = {name: info.data[name] for name in ("authorities", "area") if name in info.data}
        try:
            return handler(value)
        finally:
            if outer is None:
                context.pop(CASE_STUDY, None)
            else:
                context[CASE_STUDY] = outer

    @model_validator(mode="after")
    def dates_in_order(self):
        if not self.authorities and not self.area:
            fail("names neither authorities nor an area",
                 "list the councils the source names under authorities:, or give the region or sub-region of "
                 "area-wide work as area: (ids in data/regions.yaml and data/sub_regions.yaml)")
        for saving in self.savings:  # checked at each saving's line when validated with a context; here without one
            if saving.authorities and not set(saving.authorities) <= set(self.authorities):
                fail("a saving is credited to a council the case study does not name",
                     "list under a saving's authorities only councils of the case study's authorities")
            if saving.authorities == [] and not self.area:
                fail("a saving of the area as a whole (authorities: []) needs the case study's area",
                     "give area:, or list the councils the saving belongs to")
        if self.updated and self.updated < self.published:
            fail(f"updated ({self.updated}) is before published ({self.published})",
                 "updated is the day of the last change, on or after published")
        return self

    @property
    def year(self) -> int:
        return self.source.year


# --- Datasets --------------------------------------------------------------------------------

class Column(Model):
    id: Annotated[str, Field(pattern=COLUMN_ID.pattern)]
    label: Text
    unit: Optional[Literal[UNITS]] = None
    ref: Optional[Literal[REGISTERS]] = None
    no_total: Optional[Text] = Field(None, description=(
        "why the rows of a money or count column cannot be added (e.g. they mix periods or bases); shown in place "
        "of a computed total"))

    @property
    def numeric(self) -> bool:
        return self.unit is not None

    @property
    def additive(self) -> bool:
        """Whether a total computed from the rows means something."""
        return self.unit in ADDITIVE_UNITS and self.no_total is None


class Discrepancy(Model):
    column: Text
    explanation: Text


class Dataset(Model):
    id: Slug
    title: Annotated[str, Field(min_length=5, max_length=160)]
    partnership: Ref("partnerships")
    programme: Optional[Ref("programmes")] = None
    period: Period
    source: SourceRef
    description: Optional[Text] = None
    columns: Annotated[list[Column], Field(min_length=1)]
    rows: Annotated[list[dict[str, Any]], Field(min_length=1)]
    stated_totals: dict[str, Optional[int | float]] = {}
    discrepancies: list[Discrepancy] = []
    notes: Optional[Text] = None

    def column(self, column_id: str) -> Column:
        return next(column for column in self.columns if column.id == column_id)

    @property
    def numeric_columns(self) -> list[Column]:
        return [column for column in self.columns if column.numeric]


def model_fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names of the (sub)model reached by following `loc` from `model`."""
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return []
        model = _inner_model(field.annotation)
        if model is None:
            return []
    return [name for name in model.model_fields if name != "body"]


def _inner_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None
