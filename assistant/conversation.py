"""Follow-up questions in a chat: 「その地域の事務局は？」 after an answer about 日高 asks
about 日高. Only the regions of the previous answer carry over, and only when the new
question names none and points back (その地域, そこ …) or is a bare 「人口は？」."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.rules.followup import PendingCase

_POINTING_BACK = re.compile(r"その(?:連携)?地域|その圏域|同地域|この地域|そこ|そちら|それらの地域|その中")
_BARE_ATTRIBUTE = re.compile(
    r"^(?:では|じゃあ|それで|また)?、?(?:事務局|中心市|人口|面積|構成市町村|協定|ビジョン|交付額|連携事項|事業|取組)"
)


@dataclass
class Conversation:
    regions: list[str] = field(default_factory=list)
    pending_case: PendingCase | None = None  # while the checker awaits a fact

    def resolve(self, question: str, named_regions: tuple[str, ...]) -> str:
        """The question with 「その地域」 replaced by the regions it refers to."""
        if named_regions or not self.regions:
            return question
        names = "、".join(self.regions)
        if _POINTING_BACK.search(question):
            return _POINTING_BACK.sub(names, question, count=1)
        if _BARE_ATTRIBUTE.search(question.strip()) and len(question) <= 20:
            return f"{names}の{question.strip()}"
        return question

    def remember(self, regions: list[str]) -> None:
        if regions:
            self.regions = list(regions)
