"""Reading user files: detected encodings, docx/pdf text, and a specific error for each bad input."""

from __future__ import annotations

import io

import pytest

from assistant.errors import InputError
from assistant.parse.loaders import decode_bytes, read_bytes, read_file

ARTICLE_TEXT = "第一条 人民检察院应当加强协作。\n第二条 公安机关应当积极配合。\n"


def _docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _pdf_bytes(lines: list[str]) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("STSong-Light", 12)
    for k, line in enumerate(lines):
        c.drawString(50, 800 - 20 * k, line)
    c.save()
    return buf.getvalue()


def _pdf_without_text() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(10, 10, 100, 100)  # a drawing, like a scan: no text layer
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize(
    "data,encoding",
    [
        (ARTICLE_TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ARTICLE_TEXT.encode("utf-8"), "utf-8-sig"),
        (ARTICLE_TEXT.encode("gb18030"), "gb18030"),
        (ARTICLE_TEXT.encode("gbk"), "gb18030"),
        (ARTICLE_TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_text_encodings_are_detected(data, encoding):
    text, enc = decode_bytes(data, "a.txt")
    assert enc == encoding
    assert text == ARTICLE_TEXT


def test_docx_and_pdf_text():
    src = read_bytes(_docx_bytes(["第一条 人民检察院应当加强协作。", "第二条 公安机关应当积极配合。"]), "规定.docx")
    assert src.encoding == "docx" and src.text.splitlines() == ARTICLE_TEXT.splitlines()
    pdf = read_bytes(_pdf_bytes(ARTICLE_TEXT.splitlines()), "规定.pdf")
    assert pdf.encoding == "pdf" and "第二条 公安机关应当积极配合。" in pdf.text


@pytest.mark.parametrize(
    "name,data,problem",
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.md", b"  \n\n ", "file is empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("sheet.xlsx", b"PK\x03\x04 data", "unsupported file type .xlsx"),
        ("noext", b"hello", "unsupported file type (none)"),
        ("latin.txt", "Ça coûte très cher à Zürich, élève.".encode("latin-1") * 5, "cannot determine the text encoding"),
        ("bad.docx", b"PK\x03\x04 not really a zip", "not a valid .docx"),
        ("fake.pdf", b"this is not a pdf at all", "not a PDF"),
    ],
)
def test_bad_input_names_file_and_problem(name, data, problem):
    with pytest.raises(InputError) as exc:
        read_bytes(data, name)
    assert str(exc.value).startswith(name + ":")
    assert problem in str(exc.value)


def test_pdf_without_text_layer():
    with pytest.raises(InputError, match="scan.pdf: PDF has no text layer"):
        read_bytes(_pdf_without_text(), "scan.pdf")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_file(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_file(tmp_path)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(encoding):
    from assistant.parse.loaders import read_bytes

    text = "某市协作办法\n\n第一条 人民检察院应当加强协作。\n"
    src = read_bytes(text.encode(encoding), "x.txt")
    assert src.text == text and src.encoding == encoding


def test_binary_with_nul_bytes_is_still_refused():
    from assistant.errors import InputError
    from assistant.parse.loaders import read_bytes

    with pytest.raises(InputError, match="binary"):
        read_bytes(bytes(range(256)) * 8, "x.txt")


def test_a_docx_that_expands_far_beyond_a_document_is_refused():
    import io
    import zipfile

    from assistant.errors import InputError
    from assistant.parse import loaders

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:p>" * (loaders.MAX_EXPANDED_BYTES // 5 + 10))
    assert len(buf.getvalue()) < 2 * 1024 * 1024  # small on disk
    with pytest.raises(InputError, match="expands to .* MB when unpacked"):
        loaders.read_bytes(buf.getvalue(), "bomb.docx")


def test_limits_on_characters_and_clauses_per_file(monkeypatch):
    from assistant.errors import InputError
    from assistant.parse import corpus, loaders

    monkeypatch.setattr(loaders, "MAX_CHARS", 1000)
    with pytest.raises(InputError, match="characters of text"):
        loaders.read_bytes(("第一条 规定。\n" * 200).encode(), "big.txt")
    monkeypatch.setattr(loaders, "MAX_CHARS", 5_000_000)
    monkeypatch.setattr(corpus, "MAX_CLAUSES", 50)
    text = "某市协作办法\n\n" + "".join(f"第{n}条 第{n}项规定。\n\n" for n in "一二三四五六七八九十" * 1) * 6
    with pytest.raises(InputError, match="clauses; the limit"):
        corpus.parse_upload(text.encode(), "many.txt")


def _encrypted(pdf: bytes, user: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user, owner_password="owner-secret")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_a_pdf_that_only_restricts_editing_is_read_and_one_needing_a_password_is_refused():
    pdf = _pdf_bytes(ARTICLE_TEXT.splitlines())
    assert "第二条 公安机关应当积极配合。" in read_bytes(_encrypted(pdf, ""), "限制编辑.pdf").text
    with pytest.raises(InputError, match="加密.pdf: is an encrypted PDF"):
        read_bytes(_encrypted(pdf, "open-me"), "加密.pdf")


def test_a_docx_table_stays_where_the_document_has_it():
    import docx

    d = docx.Document()
    d.add_paragraph("第一条 办案期限如下表。")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "审查逮捕", "七日"
    d.add_paragraph("第二条 本规定自印发之日起施行。")
    buf = io.BytesIO()
    d.save(buf)
    text = read_bytes(buf.getvalue(), "期限.docx").text
    assert text.index("第一条") < text.index("审查逮捕 七日") < text.index("第二条")
