"""Follow-up questions in a chat: 「その地域の事務局は？」 after an answer about 日高 asks
about 日高. Only the regions of the previous answer carry over, and only when the new
question names none and points back (その地域, そこ, そのうち …) or is a bare 「人口は？」 or 「成果は？」. The other
way round, 「じゃあ根室は？」 after 「日高の人口は？」 asks the same of 根室: a question that
names regions and asks nothing (how to ask, 「どう」, aside) takes what the last one asked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from index.tokenize import lemmas

if TYPE_CHECKING:
    from assistant.rules.followup import PendingCase

# (「その中」 but not 「その中心市」: 中 as a word of its own, not the head of a compound)
_POINTING_BACK = re.compile(
    r"その(?:連携)?地域|その圏域|同地域|この地域|そこ|そちら|それらの地域|(?:その|この|それらの)(?:うち|中(?![一-龥]))"
)
_BARE_ATTRIBUTE = re.compile(
    r"^(?:では|じゃあ|それで|また)?、?(?:事務局|中心市|人口|面積|構成市町村|協定|ビジョン|交付額|連携事項|事業|取組)"
)


# how a follow-up asks (「根室はどう？」), not what
_HOW = frozenset({"どう", "如何"})


@dataclass
class Conversation:
    regions: list[str] = field(default_factory=list)
    pending_case: PendingCase | None = None  # while the checker awaits a fact
    asked: str = ""  # what the last question asked of the one region it named (「人口は？」)

    def resolve(self, question: str, named_regions: tuple[str, ...], asked: str = "", only_a_field: bool = False) -> str:
        """The question with 「その地域」 replaced by the regions it refers to, or — when it names
        regions and `asked` (the question without their names) asks nothing — the last
        question asked of them. `only_a_field`: the question asks a project field and names
        nothing else (「成果は？」「苦労した点は」), so it is asked of the last regions."""
        if named_regions and self.asked and not (set(lemmas(asked)) - _HOW):
            return "、".join(named_regions) + "の" + self.asked
        if named_regions or not self.regions:
            return question
        names = "、".join(self.regions)
        if found := _POINTING_BACK.search(question):
            among = "のうち" if found.group(0).endswith(("中", "うち")) else ""  # 「そのうち一番…」: among them
            return question[: found.start()] + names + among + question[found.end() :]
        if (_BARE_ATTRIBUTE.search(question.strip()) or only_a_field) and len(question) <= 20:
            return f"{names}の{question.strip()}"
        return question

    def remember(self, regions: list[str], asked: str = "") -> None:
        """The regions of an answer, and what its question asked of one region named (its
        name removed), for a follow-up that names another."""
        if regions:
            self.regions = list(regions)
        self.asked = asked.strip().removeprefix("の").strip() if len(regions) == 1 and set(lemmas(asked)) - _HOW else ""
