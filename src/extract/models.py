"""The record: one per article, as section 1 of the annotation spec defines it.

Each field has an *attributes* model (what gold labels carry) and a mention model that adds
the `rule` that produced it (what the pipeline emits).  Gold files validate against
`GoldRecord`, pipeline output against `Record`.
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator

Qualifier = Literal["approx", "gt", "gte", "lt", "lte"]
Level = Literal["provinsi", "kabupaten", "kota", "kecamatan"]
Grain = Literal["day", "week", "month", "year", "quarter", "half"]
Modifier = Literal["start", "mid", "end", "approx"]
Number = int | float

FIELDS = ("regions", "dates", "officials", "counts", "percentages", "money")


class Span(BaseModel):
    """A stretch of the article's text: `text == article[start:end]`."""

    model_config = ConfigDict(extra="forbid")
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.end - self.start != len(self.text):
            raise ValueError(f"span {self.start}:{self.end} does not fit text {self.text!r}")
        return self


class RegionFacts(Span):
    code: str
    name: str
    level: Level
    alt_codes: list[str] | None = None


class DateFacts(Span):
    value: str
    value_end: str | None = None
    grain: Grain
    modifier: Modifier | None = None


class OfficialFacts(Span):
    name: str
    title: str
    organization: str | None = None
    region_code: str | None = None


class CountFacts(Span):
    value: int
    value_max: int | None = None
    unit: str | None = None
    qualifier: Qualifier | None = None


class PercentageFacts(Span):
    value: float
    value_max: float | None = None
    qualifier: Qualifier | None = None


class MoneyFacts(Span):
    value: Number
    value_max: Number | None = None
    currency: str = "IDR"
    per: str | None = None
    qualifier: Qualifier | None = None


class Ruled(BaseModel):
    rule: str


class RegionMention(Ruled, RegionFacts):
    pass


class DateMention(Ruled, DateFacts):
    pass


class OfficialMention(Ruled, OfficialFacts):
    pass


class CountMention(Ruled, CountFacts):
    pass


class PercentageMention(Ruled, PercentageFacts):
    pass


class MoneyMention(Ruled, MoneyFacts):
    pass


Mention = RegionMention | DateMention | OfficialMention | CountMention | PercentageMention | MoneyMention

MENTION_MODELS: dict[str, type[BaseModel]] = {
    "regions": RegionMention,
    "dates": DateMention,
    "officials": OfficialMention,
    "counts": CountMention,
    "percentages": PercentageMention,
    "money": MoneyMention,
}
# Validating an article's mentions in one call costs less than one model at a time.
_MENTION_LISTS = {field: TypeAdapter(list[model]) for field, model in MENTION_MODELS.items()}


def validate_mentions(field: str, mentions: list[dict[str, Any]]) -> list[Any]:
    """The mention models of `field` from their fields, validated (an article without mentions needs no call)."""
    return _MENTION_LISTS[field].validate_python(mentions) if mentions else []


class Record(BaseModel):
    """What the pipeline emits for one article."""

    model_config = ConfigDict(extra="forbid")
    doc_id: str | None = None
    published: str | None = None
    regions: list[RegionMention] = []
    dates: list[DateMention] = []
    officials: list[OfficialMention] = []
    counts: list[CountMention] = []
    percentages: list[PercentageMention] = []
    money: list[MoneyMention] = []


class GoldRecord(BaseModel):
    """A hand-labeled article: the record without `rule`, naming the text by id and sha256."""

    model_config = ConfigDict(extra="forbid")
    doc_id: str
    sha256: str
    published: str | None = None
    regions: list[RegionFacts] = []
    dates: list[DateFacts] = []
    officials: list[OfficialFacts] = []
    counts: list[CountFacts] = []
    percentages: list[PercentageFacts] = []
    money: list[MoneyFacts] = []
