import pytest

from core.errors import InputFileError
from ingest.loaders import load_document
from tests.ingest.pdf_fixtures import write_image_only_pdf, write_pdf


def test_text_file_is_read_as_one_page_without_number(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("南空知圏域\n本文", encoding="utf-8")
    loaded = load_document(path)
    assert loaded.doc_id == "a"
    assert [page.number for page in loaded.pages] == [None]
    assert len(loaded.sha256) == 64


def test_pdf_keeps_page_numbers_and_japanese_text(tmp_path):
    pdf = write_pdf(tmp_path / "b.pdf", [["令和5年度の交付額は1,000万円。"], ["二ページ目"]])
    loaded = load_document(pdf)
    assert [page.number for page in loaded.pages] == [1, 2]
    assert "交付額" in loaded.pages[0].text
    assert "二ページ目" in loaded.pages[1].text


@pytest.mark.parametrize(
    "make, cause",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: _write(d / "empty.txt", b""), "empty"),
        (lambda d: _write(d / "blank.txt", b"  \n\n "), "empty"),
        (lambda d: _write(d / "sjis.txt", "南空知圏域".encode("shift_jis")), "not UTF-8"),
        (lambda d: _write(d / "binary.txt", b"abc\x00def"), "binary"),
        (lambda d: _write(d / "table.docx", b"PK\x03\x04"), "unsupported file type .docx"),
        (lambda d: _write(d / "broken.pdf", b"%PDF-1.7\n garbage"), "corrupt or unreadable PDF"),
        (lambda d: write_pdf(d / "secret.pdf", [["秘密"]], encrypt_with="pw"), "encrypted"),
        (lambda d: write_image_only_pdf(d / "scan.pdf"), "no text layer"),
        (lambda d: d, "not a file"),
    ],
)
def test_bad_input_is_one_clear_error_naming_file_and_cause(tmp_path, make, cause):
    path = make(tmp_path)
    with pytest.raises(InputFileError, match=cause) as raised:
        load_document(path)
    assert str(path) in raised.value.message
    assert "\n" not in raised.value.message


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_a_file_over_the_size_limit_says_its_size_and_the_limit_in_the_same_unit(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 60 MB on paper, nothing written
        handle.truncate(60 * 2**20)
    with pytest.raises(InputFileError, match=r"file too large \(60\.0 MB; the limit is 50 MB\)") as raised:
        load_document(path)
    assert "上限 50 MB" in raised.value.ja


def test_a_document_with_more_text_than_an_edition_could_hold_is_refused_before_chunking(tmp_path):
    from ingest.pipeline import MAX_DOCUMENT_CHARS, ingest_file

    path = tmp_path / "dump.txt"
    path.write_text("南空知圏域の取組。\n" * (MAX_DOCUMENT_CHARS // 10 + 1), encoding="utf-8")
    with pytest.raises(InputFileError, match="split it into several files") as raised:
        ingest_file(path)
    assert "複数のファイルに分けてください" in raised.value.ja
