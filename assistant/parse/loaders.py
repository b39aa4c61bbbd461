"""Read a user's file into decoded text, with a specific error for every kind of bad input.

Supported: ``.txt``/``.md`` (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030/GBK — the
encoding is detected and reported, never guessed silently), ``.docx`` (paragraph text) and
``.pdf`` with a text layer.  For docx and pdf the "decoded source" that clause offsets refer
to is the extracted text, which the store keeps beside the clauses.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import InputError
from assistant.text.textnorm import cjk_count

SUPPORTED = (".txt", ".md", ".docx", ".pdf")
MAX_BYTES = 50 * 1024 * 1024  # a file as uploaded
# What a file may expand to (far above any real legal instrument: the 民法典 is ~0.1 M characters,
# ~1,300 articles): a small file that unpacks into millions of clauses is refused, not parsed.
MAX_EXPANDED_BYTES = 200 * 1024 * 1024  # a .docx unpacked
MAX_DOCX_PARTS = 2000
MAX_CHARS = 5_000_000  # decoded text of one file
MAX_CLAUSES = 20_000  # clauses of one file


@dataclass
class SourceText:
    name: str  # file name, used as the clause ``source``
    text: str
    encoding: str  # utf-8, gb18030, docx, pdf …
    sha256: str  # of the file bytes


def _fail(name: str, problem: str) -> InputError:
    return InputError(f"{name}: {problem}")


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode plain-text bytes; return (text, encoding)."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _fail(name, f"starts with a UTF-8 mark but is not valid UTF-8 (byte {exc.start})") from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _fail(name, "starts with a UTF-16 mark but cannot be decoded as UTF-16") from exc
    if b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise _fail(name, "looks like a binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise _fail(name, "cannot determine the text encoding (neither UTF-8 nor GB18030/GBK); save it as UTF-8") from exc
    # GB18030 decodes almost any byte soup; accept it only when the result reads as Chinese text.
    letters = sum(1 for ch in text if not ch.isspace())
    cjk = cjk_count(text)
    odd = len(re.findall(r"[\u0080-\u00ff\u3400-\u4dbf\ue000-\uf8ff\U00020000-\U0003ffff]", text))
    if letters == 0 or cjk / letters < 0.3 or odd / max(1, letters) > 0.02:
        raise _fail(name, "cannot determine the text encoding (not UTF-8; as GB18030 it is not readable Chinese)")
    return text, "gb18030"


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark (some Windows tools): NUL bytes come from the
    ASCII characters (line breaks, digits). Accepted only when one byte order reads as text."""
    if len(data) % 2:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        letters = [ch for ch in text if not ch.isspace()]
        if not letters:
            continue
        readable = sum(1 for ch in letters if ch.isprintable() and not ("\ue000" <= ch <= "\uf8ff"))
        if readable / len(letters) > 0.98 and (cjk_count(text) / len(letters) > 0.3 or text.isascii()):
            return text, enc
    return None


def _check_docx_package(data: bytes, name: str) -> None:
    """A .docx is a zip: refuse one that expands far beyond any real document (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except zipfile.BadZipFile as exc:
        raise _fail(name, "is not a valid .docx file (damaged or another format renamed .docx)") from exc
    if len(infos) > MAX_DOCX_PARTS:
        raise _fail(name, f"has {len(infos)} parts inside; a .docx document has far fewer (limit {MAX_DOCX_PARTS})")
    expanded = sum(i.file_size for i in infos)
    if expanded > MAX_EXPANDED_BYTES:
        raise _fail(name, f"expands to {expanded // (1024 * 1024)} MB when unpacked (limit {MAX_EXPANDED_BYTES // (1024 * 1024)} MB)")


def _docx_text(data: bytes, name: str) -> str:
    _check_docx_package(data, name)
    try:
        import docx  # python-docx

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _fail(name, "is not a valid .docx file (damaged or another format renamed .docx)") from exc
    except Exception as exc:  # python-docx raises several private types for broken packages
        raise _fail(name, f"cannot be read as .docx ({type(exc).__name__})") from exc
    # paragraphs and tables in the order of the body: a table stays where the document has it (not after the
    # closing 本意见自印发之日起施行。)
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                lines.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _pdf_text(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        # a PDF that only restricts editing or printing (an owner password, common on government sites) opens with
        # the empty user password; one that needs a password to open is refused
        if reader.is_encrypted and not reader.decrypt(""):
            raise _fail(name, "is an encrypted PDF; remove the password first")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise _fail(name, f"is not a readable PDF ({exc.__class__.__name__})") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise _fail(name, "PDF has no text layer (a scan?); run OCR first, nothing was ingested")
    return text


def read_bytes(data: bytes, name: str) -> SourceText:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED:
        raise _fail(name, f"unsupported file type {suffix or '(none)'}; supported: {', '.join(SUPPORTED)}")
    if not data or not data.strip():
        raise _fail(name, "file is empty")
    if len(data) > MAX_BYTES:
        raise _fail(name, f"file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    if suffix == ".docx":
        text, enc = _docx_text(data, name), "docx"
    elif suffix == ".pdf":
        if not data.startswith(b"%PDF"):
            raise _fail(name, "is not a PDF (no %PDF header)")
        text, enc = _pdf_text(data, name), "pdf"
    else:
        text, enc = decode_bytes(data, name)
    if len(text) > MAX_CHARS:
        raise _fail(name, f"holds {len(text):,} characters of text; the limit for one file is {MAX_CHARS:,} (split it)")
    if not text.strip():
        raise _fail(name, "contains no text")
    if cjk_count(text) == 0 and len(text.strip()) < 20:
        raise _fail(name, "contains no usable text")
    return SourceText(name=name, text=text, encoding=enc, sha256=hashlib.sha256(data).hexdigest())


def read_file(path: Path) -> SourceText:
    path = Path(path)
    if not path.exists():
        raise _fail(str(path), "file not found")
    if path.is_dir():
        raise _fail(str(path), "is a folder, not a file")
    return read_bytes(path.read_bytes(), path.name)
