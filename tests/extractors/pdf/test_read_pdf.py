"""read_pdf: words with upright boxes in reading order, and stable codes for bad input."""
import io

import pytest
from fpdf import FPDF

from extractors import errors
from extractors.errors import DocumentError
from extractors.pdf.read import read_pdf
from tests.pdfs import many_pages, simple_po


def one_page_pdf(lines: list[tuple[float, float, str]], rotate: int = 0) -> bytes:
    """Text at (x, y) from the top-left; with `rotate`, drawn turned so it reads upright
    once the viewer applies the page's /Rotate (a landscape page stored portrait)."""
    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for x, y, text in lines:
        if rotate:
            with pdf.rotation(rotate if rotate == 90 else -90, x, y):
                pdf.text(x, y, text)
        else:
            pdf.text(x, y, text)
    data = bytes(pdf.output())
    if rotate:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(data)
        doc[0].set_rotation(rotate)
        buf = io.BytesIO()
        doc.save(buf)
        data = buf.getvalue()
    return data


def test_words_come_in_reading_order_with_boxes_from_the_top_left():
    data = one_page_pdf([(300, 100, "Order Date: 2024-03-05"), (72, 100, "PO Number: 4711"), (72, 200, "Total 12.00")])
    page = read_pdf(data, max_pages=10)[0]
    assert [w.text for w in page.words] == ["PO", "Number:", "4711", "Order", "Date:", "2024-03-05", "Total", "12.00"]
    po = page.words[2]
    assert 90 < po.top < 100 < po.bottom < 105
    assert po.x0 > 100 and po.page == 1 and po.source == "pdf"


@pytest.mark.parametrize("rotate, first_x, second_x, y", [
    pytest.param(90, 100, 300, 700, id="rotate-90"),
    pytest.param(270, 500, 300, 100, id="rotate-270"),
])
def test_a_rotated_page_gives_upright_coordinates(rotate, first_x, second_x, y):
    # stored portrait, shown landscape: the text runs along the stored page's height
    data = one_page_pdf([(first_x, y, "FIRST line"), (second_x, y, "SECOND line")], rotate=rotate)
    page = read_pdf(data, max_pages=10)[0]
    assert (page.width, page.height) == (792, 612)
    assert [w.text for w in page.words] == ["FIRST", "line", "SECOND", "line"]
    first, line, second = page.words[0], page.words[1], page.words[2]
    assert first.top < second.top  # FIRST is above SECOND once upright
    assert first.x1 < line.x0  # words run left to right
    assert first.x1 - first.x0 > first.bottom - first.top  # a word is wider than high


def test_a_page_without_text_has_no_words():
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 50, 50)
    page = read_pdf(bytes(pdf.output()), max_pages=10)[0]
    assert page.words == [] and page.note == "no_text"


def test_letter_spaced_punctuation_stays_in_its_word():
    pdf = FPDF(unit="pt")
    pdf.add_page()
    pdf.set_font("Courier", size=10)
    pdf.text(72, 100, "162.00   9,720.00 USD")
    words = [w.text for w in read_pdf(bytes(pdf.output()), max_pages=10)[0].words]
    assert words == ["162.00", "9,720.00", "USD"]


def _encrypted() -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption("pw", ownerPassword="owner"))
    c.drawString(72, 720, "PURCHASE ORDER 123")
    c.save()
    return buf.getvalue()



@pytest.mark.parametrize("make, code", [
    pytest.param(lambda: b"", errors.EMPTY_FILE, id="empty-bytes"),
    pytest.param(lambda: b"   \n", errors.EMPTY_FILE, id="only-whitespace"),
    pytest.param(lambda: b"PO 4711\nplease ship 40 x HB-1240\n", errors.CORRUPT_PDF, id="text-file-renamed-pdf"),
    pytest.param(lambda: one_page_pdf([(72, 72, "PO 1")])[:300], errors.CORRUPT_PDF, id="truncated-pdf"),
    pytest.param(lambda: b"%PDF-1.7\n" + b"\x00garbage" * 50, errors.CORRUPT_PDF, id="header-then-garbage"),
    pytest.param(_encrypted, errors.ENCRYPTED_PDF, id="password-protected"),
])
def test_bad_input_raises_its_code(make, code):
    with pytest.raises(DocumentError) as info:
        read_pdf(make(), max_pages=200)
    assert info.value.code == code


def test_a_2000_page_pdf_is_refused_before_its_pages_are_read():
    data = many_pages(2000)
    with pytest.raises(DocumentError) as info:
        read_pdf(data, max_pages=200)
    assert info.value.code == errors.TOO_MANY_PAGES
    assert "2000" in info.value.message


def test_a_pdf_at_the_page_limit_is_read():
    assert len(read_pdf(many_pages(3), max_pages=3)) == 3


def test_a4_page_with_size_inherited_from_the_page_tree_has_boxes_where_pdfplumber_puts_them():
    # fpdf2 writes /MediaBox on the page tree, not on the page: the box must not fall
    # back to Letter (that put every highlight ~50 pt too high on A4)
    import pdfplumber

    data = simple_po()
    page = read_pdf(data, max_pages=5)[0]
    assert round(page.height) == 842
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        theirs = pdf.pages[0].extract_words()
    counts = {}
    for w in theirs:
        counts[w["text"]] = counts.get(w["text"], 0) + 1
    by_text = {w["text"]: w for w in theirs if counts[w["text"]] == 1}
    checked = 0
    for w in page.words:
        other = by_text.get(w.text)
        if other is None:
            continue
        assert abs(w.top - other["top"]) < 4, (w.text, w.top, other["top"])
        assert abs(w.x0 - other["x0"]) < 1, w.text
        checked += 1
    assert checked >= 10
