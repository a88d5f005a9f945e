"""What a question must be before it is answered: 1–500 characters of text, in Japanese."""

from __future__ import annotations

import re
import unicodedata

from core.errors import MAX_QUESTION_CHARS, EmptyQueryError, QuestionRejectedError

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")


def check_question(question: object) -> str:
    """The question, stripped; or a documented error with a Japanese message."""
    if not isinstance(question, str):
        raise QuestionRejectedError("the question must be text", "質問は文字で入力してください。")
    text = question.strip()
    if not text:
        raise EmptyQueryError()
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionRejectedError(
            f"the question is {len(text)} characters long; the limit is {MAX_QUESTION_CHARS}",
            f"質問が長すぎます（{len(text)}文字）。{MAX_QUESTION_CHARS}文字以内にしてください。",
        )
    controls = [c for c in text if unicodedata.category(c) in ("Cc", "Cs", "Co") and c not in "\n\t\r"]
    if controls or "\ufffd" in text:
        raise QuestionRejectedError("the question holds binary data", "質問に読み取れない文字（バイナリデータ）が含まれています。")
    if not _JAPANESE.search(text):
        raise QuestionRejectedError(
            "the question has no Japanese; the casebook is in Japanese, so ask in Japanese",
            "日本語で質問してください（事例集は日本語の資料です）。",
        )
    return text
