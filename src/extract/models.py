"""The record: one per article, as section 1 of the annotation spec defines it.

Each field has an *attributes* class (what gold labels carry) and a mention class that adds
the `rule` that produced it (what the pipeline emits).  Gold files validate against
`gold.GoldRecord`, pipeline output against `Record`.

This module imports no pydantic: a run that loads the built pipeline from the start-up cache
needs only pydantic-core's serializer, and pydantic's import is some 40 ms of a start.  The
validators are built on first use (`record_adapter`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal

if TYPE_CHECKING:
    from pydantic import TypeAdapter

Qualifier = Literal["approx", "gt", "gte", "lt", "lte"]
Level = Literal["provinsi", "kabupaten", "kota", "kecamatan"]
Grain = Literal["day", "week", "month", "year", "quarter", "half"]
Modifier = Literal["start", "mid", "end", "approx"]
Number = int | float

FIELDS = ("regions", "dates", "officials", "counts", "percentages", "money")


# Mentions and their attributes are slotted dataclasses.  The pipeline builds them directly,
# unvalidated but for the span check of `__post_init__`: their values come from this package's
# code and from rules files validated when loaded, and validating some ten mentions an article
# with pydantic cost 4% of a run.  The tests validate every record they make, strictly, against
# `Record` (pydantic validates these dataclasses as it does models: types, `extra="forbid"`,
# `__post_init__`).  `dataclasses.asdict` gives a mention's fields.
mention_class = dataclass(slots=True, kw_only=True)
FORBID_EXTRA = {"extra": "forbid"}  # pydantic's config of these dataclasses: no key they do not name


class Check:
    """`Annotated` metadata: constraints pydantic-core checks when pydantic validates
    (`Check(ge=0)`, `Check(min_length=1)`, `Check(pattern=...)`), written without importing pydantic."""

    __slots__ = ("constraints",)

    def __init__(self, **constraints: Any):
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return {**handler(source), **self.constraints}


Offset = Annotated[int, Check(ge=0)]


@mention_class
class Span:
    """A stretch of the article's text: `text == article[start:end]`."""

    __pydantic_config__ = FORBID_EXTRA
    text: str
    start: Offset
    end: Offset

    def __post_init__(self) -> None:
        if self.end - self.start != len(self.text):
            raise ValueError(f"span {self.start}:{self.end} does not fit text {self.text!r}")


@mention_class
class RegionFacts(Span):
    code: str
    name: str
    level: Level
    alt_codes: list[str] | None = None


@mention_class
class DateFacts(Span):
    value: str
    value_end: str | None = None
    grain: Grain
    modifier: Modifier | None = None


@mention_class
class OfficialFacts(Span):
    name: str
    title: str
    organization: str | None = None
    region_code: str | None = None


@mention_class
class CountFacts(Span):
    value: int
    value_max: int | None = None
    unit: str | None = None
    qualifier: Qualifier | None = None


@mention_class
class PercentageFacts(Span):
    value: float
    value_max: float | None = None
    qualifier: Qualifier | None = None


@mention_class
class MoneyFacts(Span):
    value: Number
    value_max: Number | None = None
    currency: str = "IDR"
    per: str | None = None
    qualifier: Qualifier | None = None


# A mention: its field's facts and the `rule` that produced them.
@mention_class
class RegionMention(RegionFacts):
    rule: str


@mention_class
class DateMention(DateFacts):
    rule: str


@mention_class
class OfficialMention(OfficialFacts):
    rule: str


@mention_class
class CountMention(CountFacts):
    rule: str


@mention_class
class PercentageMention(PercentageFacts):
    rule: str


@mention_class
class MoneyMention(MoneyFacts):
    rule: str


Mention = RegionMention | DateMention | OfficialMention | CountMention | PercentageMention | MoneyMention

MENTION_CLASSES: dict[str, type] = {
    "regions": RegionMention,
    "dates": DateMention,
    "officials": OfficialMention,
    "counts": CountMention,
    "percentages": PercentageMention,
    "money": MoneyMention,
}


def build_mentions(field: str, mentions: list[dict[str, Any]]) -> list[Any]:
    """The mentions of `field` from their fields (each checks that its text fits its span)."""
    mention = MENTION_CLASSES[field]
    return [mention(**fields) for fields in mentions]


# The record is a dataclass too, built as its mentions are (a pydantic model's
# `model_construct` cost 2 us an article more).  `to_json()` gives the line `extract run`
# writes; `Record.from_json(line)` reads one back, validated by pydantic (`strict=True`: no
# conversion of types either).  Its docstring is the JSON Schema's description.
@mention_class
class Record:
    """What the pipeline emits for one article."""

    __pydantic_config__ = FORBID_EXTRA
    doc_id: str | None = None
    published: str | None = None
    regions: list[RegionMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    officials: list[OfficialMention] = field(default_factory=list)
    counts: list[CountMention] = field(default_factory=list)
    percentages: list[PercentageMention] = field(default_factory=list)
    money: list[MoneyMention] = field(default_factory=list)

    def to_json(self) -> str:
        """The record as one line of JSON (compact, UTF-8 text as it is)."""
        return record_adapter().dump_json(self).decode()

    def to_dict(self) -> dict[str, Any]:
        """The record as plain dicts and lists."""
        return record_adapter().dump_python(self)

    @classmethod
    def from_json(cls, line: str | bytes, *, strict: bool = False) -> Record:
        """A record from a line of JSON, validated (a `pydantic.ValidationError` names what is wrong)."""
        return record_adapter().validate_json(line, strict=strict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """A record from plain dicts and lists (as `to_dict` gives), validated."""
        return record_adapter().validate_python(data)


@cache
def record_adapter() -> TypeAdapter[Record]:
    """pydantic's validator and serializer of `Record` (its JSON Schema too), built on first use."""
    from pydantic import TypeAdapter

    return TypeAdapter(Record)

