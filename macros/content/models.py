"""The content model (CONTENT_MODEL.md) as pydantic models: the only place that validates. Field types are in
`fields`, a dataset row's model in `rows`; every rule that one file can break is checked here, at the field that
breaks it."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Optional

from pydantic import (
    AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, ValidationInfo, field_validator, model_validator,
)

from .fields import (
    CASE_STUDY, Email, FilledIn, Id, Money, NoMarkup, PastDate, PeriodDate, PositiveMoney, Ref, SavingCouncil, Slug,
    SourceDate, Summary, Term, Text, WebAddress, Words, fail, fail_at, printable_number, quote_states_amount,
)
from .problems import did_you_mean
from .rows import row_model
from .settings import REGISTERS, TITLE_LENGTH

COLUMN_ID = r"^[a-z][a-z0-9_]*$"
AUTHORITY_TYPES = ("county", "district", "unitary", "metropolitan", "london-borough",
                   "fire-rescue", "police", "national-park", "other")
SAVING_TYPES = ("cashable", "non-cashable", "cost-avoidance", "income", "unstated")
SAVING_STATUSES = ("delivered", "forecast")
SAVING_BASES = ("one-off", "per-year", "total")
UNITS = ("GBP", "GBP thousand", "GBP million", "count", "percent", "score", "ratio", "rank", "rate")
ADDITIVE_UNITS = ("GBP", "GBP thousand", "GBP million", "count")  # a computed total means something only for these
UNIT_SCALE = {"GBP": 1, "GBP thousand": 1_000, "GBP million": 1_000_000}
AREA_REGISTERS = ("regions", "sub_regions")  # an `area:` names a region or a sub-region


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# --- Registers -------------------------------------------------------------------------------

class Period(Model):
    start: PeriodDate = Field(description="when it started")
    end: Optional[PeriodDate] = Field(None, description="when it ended; not before start")

    @model_validator(mode="after")
    def end_not_before_start(self):
        if self.end and self.end < self.start[: len(self.end)]:
            fail(f"the period ends ({self.end}) before it starts ({self.start})", "swap start and end, or correct the years")
        return self


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
    url: Optional[WebAddress] = None
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
    url: Optional[WebAddress] = Field(None, description="where readers can find the document")

    @property
    def year(self) -> int:
        return int(self.date[:4])


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
    quote: Annotated[str, Field(min_length=5, max_length=300), FilledIn, NoMarkup] = Field(
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
    email: Optional[Email] = None


class CaseStudy(Model):
    slug: Slug
    title: Annotated[str, Field(min_length=TITLE_LENGTH[0], max_length=TITLE_LENGTH[1],
                                description="may change later; the address does not"), FilledIn, NoMarkup]
    summary: Summary = Field(description="used in listings, search results, feeds, link previews and newsletters")
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
    body: str = ""  # placeholders and executable HTML are refused line by line in markup.check_body

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


# --- Search synonyms -------------------------------------------------------------------------

class Synonym(Model):
    """One shorthand or other name, and the words the hub's pages use for it."""

    term: Term = Field(description="what a reader types, e.g. SPD or revs and bens")
    means: Words = Field(description="the words the hub's pages use, e.g. single person discount")


# --- Datasets --------------------------------------------------------------------------------

class Column(Model):
    id: Annotated[str, Field(pattern=COLUMN_ID)]
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


FILE_NAME = "file_name"  # the context key under which a dataset sees the name of its file, which is its id


def _stated_column(key: str, info: ValidationInfo) -> str:
    numeric = [column.id for column in info.data.get("columns", []) if column.numeric]
    if "columns" in info.data and key not in numeric:
        fail(f"{key!r} is not a numeric column", did_you_mean(key, numeric, "numeric columns"))
    return key


class Dataset(Model):
    id: Slug
    title: Annotated[str, Field(min_length=5, max_length=160), NoMarkup]
    partnership: Ref("partnerships")
    programme: Optional[Ref("programmes")] = None
    period: Period
    source: SourceRef
    description: Optional[Text] = None
    columns: Annotated[list[Column], Field(min_length=1)]
    rows: Annotated[list[dict[str, Any]], Field(min_length=1)]
    stated_totals: dict[Annotated[str, AfterValidator(_stated_column)],
                        Annotated[Optional[int | float], AfterValidator(printable_number)]] = {}
    discrepancies: list[Discrepancy] = []
    notes: Optional[Text] = None

    @field_validator("id")
    @classmethod
    def id_is_the_file_name(cls, value: str, info: ValidationInfo) -> str:
        expected = (info.context or {}).get(FILE_NAME)
        if expected and value != expected:
            fail(f"id {value!r} does not match the file name",
                 f"write id: {expected}, or rename the file to {value}.yaml")
        return value

    @field_validator("columns")
    @classmethod
    def each_column_has_its_own_id(cls, columns: list[Column]) -> list[Column]:
        if len({column.id for column in columns}) != len(columns):
            fail("two columns share an id", "give each column its own id")
        return columns

    @field_validator("rows")
    @classmethod
    def rows_hold_the_columns(cls, rows: list[dict], info: ValidationInfo) -> list[dict]:
        """Each row holds exactly the declared columns: numbers in numeric columns, known ids in ref columns, text
        in the others (a number or date there is read as text)."""
        if "columns" not in info.data:
            return rows  # the columns have problems of their own
        model = row_model(tuple((column.id, column.unit, column.ref) for column in info.data["columns"]))
        return [row.model_dump() for row in TypeAdapter(list[model]).validate_python(rows, context=info.context)]

    @field_validator("discrepancies")
    @classmethod
    def discrepancies_explain_stated_totals(cls, discrepancies: list[Discrepancy], info: ValidationInfo):
        stated = list(info.data.get("stated_totals") or {})
        fail_at([((index, "column"), f"{item.column!r} has no stated total",
                  did_you_mean(item.column, stated, "stated totals"))
                 for index, item in enumerate(discrepancies) if item.column not in stated], "discrepancies")
        return discrepancies

    def column(self, column_id: str) -> Column:
        return next(column for column in self.columns if column.id == column_id)

    @property
    def numeric_columns(self) -> list[Column]:
        return [column for column in self.columns if column.numeric]
