"""Every error a user can meet, in one place (the spaCy habit).

Each class carries a plain English message for the CLI and a Japanese one for the UI,
so callers never compose user-facing text themselves.
"""

from __future__ import annotations


class CasebookError(Exception):
    """Base of the errors the CLI turns into one clear line and a non-zero exit."""

    def __init__(self, message: str, ja: str | None = None):
        super().__init__(message)
        self.message = message
        self.ja = ja or message


class InputFileError(CasebookError):
    """A source file cannot be ingested (missing, empty, undecodable, unsupported)."""

    def __init__(self, path: object, cause: str, ja_cause: str | None = None):
        super().__init__(f"{path}: {cause}", f"{path}: {ja_cause or cause}")
        self.path = str(path)
        self.cause = cause


class EmptyQueryError(CasebookError):
    def __init__(self) -> None:
        super().__init__("the query is empty", "質問を入力してください。")


class QuestionRejectedError(CasebookError):
    """A question the assistant will not take (too long, binary, not Japanese)."""


MAX_QUESTION_CHARS = 500


class InvalidSettingError(CasebookError):
    """A setting was given a value it cannot take; says what was given."""

    def __init__(self, name: str, given: object, expected: str):
        super().__init__(
            f"invalid {name}: {given!r} (expected {expected})",
            f"設定 {name} の値 {given!r} は使えません（{expected}）。",
        )


class IndexMissingError(CasebookError):
    def __init__(self, where: str):
        super().__init__(
            f"no index at {where}; build it with: casebook ingest",
            f"索引が見つかりません（{where}）。`casebook ingest` で作成してください。",
        )


class IndexCorruptError(CasebookError):
    def __init__(self, where: str, cause: str):
        super().__init__(
            f"the index at {where} is damaged ({cause}); rebuild it with: casebook ingest --rebuild",
            f"索引が壊れています（{cause}）。`casebook ingest --rebuild` で作り直してください。",
        )


class IndexBusyError(CasebookError):
    def __init__(self, where: str, holder: str = "another process"):
        super().__init__(
            f"the index at {where} is in use by {holder}; wait for it to finish or stop it, then retry",
            "索引は別の処理が使用中です。終わってからもう一度お試しください。",
        )


class EmbedderMismatchError(CasebookError):
    def __init__(self, indexed: str, configured: str):
        super().__init__(
            f"the index was built with embedder {indexed!r} but {configured!r} is configured; "
            f"rebuild with: casebook ingest --rebuild (or set CASEBOOK_EMBEDDER={indexed})",
            f"索引の埋め込みモデル（{indexed}）と設定（{configured}）が違います。`casebook ingest --rebuild` で作り直してください。",
        )


class EmbedderUnavailableError(CasebookError):
    def __init__(self, name: str, cause: str):
        super().__init__(
            f"embedder {name!r} cannot be loaded: {cause}",
            f"埋め込みモデル {name} を読み込めません：{cause}",
        )
