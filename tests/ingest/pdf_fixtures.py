"""PDFs made in the test from Japanese text (reportlab's built-in CID font, no font files)."""

from __future__ import annotations

from pathlib import Path


def write_pdf(path: Path, pages: list[list[str]], encrypt_with: str | None = None) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    pdf = canvas.Canvas(str(path))
    for number, lines in enumerate(pages, start=1):
        pdf.setFont("HeiseiKakuGo-W5", 10)
        for row, line in enumerate(lines):
            pdf.drawString(40, 800 - 14 * row, line)
        pdf.drawString(290, 30, f"- {number} -")  # the booklet's page footer
        pdf.showPage()
    pdf.save()
    if encrypt_with:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(str(path)))
        writer.encrypt(user_password=encrypt_with, owner_password=encrypt_with)
        with open(path, "wb") as handle:
            writer.write(handle)
    return path


def write_image_only_pdf(path: Path) -> Path:
    """A 'scanned' page: drawings, no text layer."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.rect(50, 50, 400, 600, fill=1)
    pdf.showPage()
    pdf.save()
    return path
