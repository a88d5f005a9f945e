"""Structured records of the casebook: regions and projects, each value with its source.

Every value that an answer may state carries a `Span` into the normalised text of its
document, so the answer can quote it. Unknown is None (「未定」 is not 0).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    doc_id: str
    start: int
    end: int

    def covers(self, doc_id: str, offset: int) -> bool:
        """Whether the character at `offset` of document `doc_id` lies in this span."""
        return doc_id == self.doc_id and self.start <= offset < self.end


@dataclass(frozen=True)
class Sourced:
    """A value as the booklet prints it, with where it is printed."""

    value: Any
    span: Span | None = None


@dataclass(frozen=True)
class Member:
    name: str
    span: Span | None = None
    joined: str | None = None  # ISO date the municipality joined, when the booklet says so
    printed_as: str | None = None  # the spelling in the member list when it was a typo
    population: Sourced | None = None  # where the report prints each member's figures (北見)


@dataclass(frozen=True)
class FieldMark:
    """One 連携する具体的事項 marked ○ (「その他」 keeps its text)."""

    field: str
    span: Span | None = None
    detail: str | None = None


@dataclass(frozen=True)
class Grant:
    """Grant amount of one fiscal year in 千円; None when the booklet says 未定."""

    year: str  # "R5"
    thousand_yen: int | None
    printed: str
    estimate: bool  # 交付金活用見込額 (planned) rather than 交付額
    span: Span | None = None


@dataclass(frozen=True)
class Activity:
    year: str  # "R5"
    items: tuple[str, ...]
    status: str | None  # "実施" when items are listed; else 「－」, 検討中, 未定, …
    span: Span | None = None


@dataclass(frozen=True)
class LookbackNote:
    """One note of the look-back pages: what was hard (困難と感じた点) or what helped
    (工夫した点), in forming the region (project None) or in one project."""

    kind: str  # hardships | devices
    project: str | None
    text: str
    span: Span | None = None


@dataclass(frozen=True)
class Project:
    name: str
    region: str
    span: Span | None = None
    bodies: tuple[str, ...] = ()
    bodies_span: Span | None = None
    purpose: Sourced | None = None
    activities: tuple[Activity, ...] = ()
    roles: Sourced | None = None
    outcomes: Sourced | None = None
    outcome_figures: tuple[Sourced, ...] = ()
    lecturers: tuple[Sourced, ...] = ()

    def after_its_fields(self) -> Span | None:
        """What the page prints after its last field: photos' captions (「研修会の様子」) and
        the next page's header — never a statement of the project."""
        fields = [f.span for f in (self.purpose, self.roles, self.outcomes, *self.activities) if f is not None and f.span]
        if self.span is None or not fields:
            return None
        last = max(span.end for span in fields)
        return Span(self.span.doc_id, last, self.span.end) if last < self.span.end else None


@dataclass(frozen=True)
class Region:
    name: str
    doc_id: str
    kind: str  # grant | national | other
    kind_label: str  # the booklet's words, e.g. 地域づくり総合交付金活用地域
    span: Span | None = None
    members: tuple[Member, ...] = ()
    member_count: Sourced | None = None
    population: Sourced | None = None
    population_source: str | None = None
    area_km2: Sourced | None = None
    secretariat: Sourced | None = None  # tuple of municipality names
    secretariat_label: str | None = None  # 事務局担当市町村 or 中心市
    secretariat_year: str | None = None  # "R5" when the booklet names the year's secretariat only
    agreement_date: Sourced | None = None  # ISO date
    agreement_amended: tuple[Sourced, ...] = ()
    vision_date: Sourced | None = None
    vision_amended: tuple[Sourced, ...] = ()
    fields: tuple[FieldMark, ...] = ()
    grants: tuple[Grant, ...] = ()
    formation: Sourced | None = None
    projects: tuple[Project, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = ()  # e.g. corrected spellings
    lookback: tuple[LookbackNote, ...] = ()  # the 振り返り pages' notes

    def is_of_kind(self, kind: str | None, negated: bool = False) -> bool:
        """Whether the region is of the kind a question names (grant / national), or of the
        others when the kind is negated; any region when none is named."""
        return kind is None or (self.kind == kind) != negated

    @property
    def secretariat_text(self) -> str | None:
        """「共和町(R5)」 as the booklet prints it: the names, and the year when one is named."""
        if self.secretariat is None:
            return None
        return "、".join(self.secretariat.value) + (f"({self.secretariat_year})" if self.secretariat_year else "")

    @property
    def listed_at(self) -> Span | None:
        """Where the booklet lists the region among its kind (its member-count row), else its page:
        what a citation of the region's kind or place in a list points at."""
        return self.member_count.span if self.member_count else self.span

    @property
    def field_names(self) -> list[str]:
        return [mark.field for mark in self.fields]

    def grant_for(self, year: str) -> Grant | None:
        return next((grant for grant in self.grants if grant.year == year), None)

    @property
    def estimated_years(self) -> frozenset[str]:
        """The years whose grant is an estimate (交付金活用見込額), said 「（見込）」."""
        return frozenset(grant.year for grant in self.grants if grant.estimate)


def _build(kind, data):
    """Rebuild a (possibly nested) record from the JSON that `asdict` produced."""
    import dataclasses
    import types
    import typing

    if data is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return _build(inner[0], data)
    if origin is tuple:
        (item, *_rest) = typing.get_args(kind)
        return tuple(_build(item, value) for value in data)
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(**{f.name: _build(hints[f.name], data.get(f.name)) for f in dataclasses.fields(kind) if f.name in data})
    if kind is typing.Any and isinstance(data, list):
        return tuple(data)
    return data


def region_from_dict(data: dict) -> Region:
    return _build(Region, data)


def after_the_fields(regions: list[Region]) -> list[Span]:
    """Every project page's captions and headers after its last field (see
    Project.after_its_fields): the passages never quote them, the topical lists never list by them."""
    return [span for region in regions for project in region.projects if (span := project.after_its_fields()) is not None]
