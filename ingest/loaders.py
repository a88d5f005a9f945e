"""Loaders: a path in, a `LoadedDocument` out, or one `InputFileError` naming the cause."""

from __future__ import annotations

import hashlib
from pathlib import Path

from core.errors import InputFileError
from ingest.models import LoadedDocument, SourcePage

SUPPORTED_SUFFIXES = (".txt", ".pdf")
MAX_FILE_BYTES = 50 * 2**20  # 50 MB: a booklet PDF is a few MB; anything bigger is a mistake


def load_document(path: Path) -> LoadedDocument:
    """Read a UTF-8 text file or a PDF (keeping its page numbers)."""
    path = Path(path)
    if not path.exists():
        raise InputFileError(path, "no such file", "ファイルがありません")
    if not path.is_file():
        raise InputFileError(path, "not a file", "ファイルではありません")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputFileError(
            path,
            f"unsupported file type {suffix or '(none)'}; use .txt (UTF-8) or .pdf",
            f"対応していない形式です（{suffix or '拡張子なし'}）。.txt か .pdf を使ってください",
        )
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        shown, limit = f"{size / 2**20:.1f}", f"{MAX_FILE_BYTES // 2**20}"
        raise InputFileError(
            path, f"file too large ({shown} MB; the limit is {limit} MB)", f"ファイルが大きすぎます（{shown} MB、上限 {limit} MB）"
        )
    raw = path.read_bytes()
    if not raw.strip():
        raise InputFileError(path, "the file is empty", "ファイルが空です")
    pages = _read_pdf(path, raw) if suffix == ".pdf" else _read_text(path, raw)
    if not any(page.text.strip() for page in pages):
        raise InputFileError(path, "the file holds no text", "テキストが含まれていません")
    return LoadedDocument(doc_id=path.stem, path=path, sha256=hashlib.sha256(raw).hexdigest(), pages=tuple(pages))


def _read_text(path: Path, raw: bytes) -> list[SourcePage]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputFileError(
            path,
            f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start}); save it as UTF-8",
            "UTF-8 のテキストではありません。UTF-8 で保存し直してください",
        ) from None
    if "\x00" in text:
        raise InputFileError(path, "binary content in a .txt file", "バイナリデータが含まれています")
    return [SourcePage(number=None, text=text)]


def _read_pdf(path: Path, raw: bytes) -> list[SourcePage]:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            # An owner-password-only PDF opens with the empty password; anything else cannot.
            try:
                opened = bool(reader.decrypt(""))
            except Exception:  # pypdf raises several types for unsupported ciphers
                opened = False
            if not opened:
                raise InputFileError(path, "the PDF is encrypted with a password", "PDF がパスワードで保護されています")
        pages = [SourcePage(number=number, text=page.extract_text() or "") for number, page in enumerate(reader.pages, start=1)]
    except InputFileError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise InputFileError(
            path, f"corrupt or unreadable PDF ({error.__class__.__name__}: {error})", "PDF を読み取れません（破損）"
        ) from None
    if not pages:
        raise InputFileError(path, "the PDF has no pages", "PDF にページがありません")
    if not any(page.text.strip() for page in pages):
        raise InputFileError(
            path,
            "the PDF has no text layer (scanned?); run OCR first",
            "PDF に文字情報がありません（スキャン画像？）。OCR 処理をしてください",
        )
    return pages
