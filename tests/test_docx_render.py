"""The .docx exports rendered by LibreOffice (headless, Debian's libreoffice-writer and
libreoffice-draw for the PNG export): the first page of a plan and of an answer saved as PNG under
test-artifacts/ (looked at when the layout changes), and the PDF's page count, page numbers and the
依据 list at its end checked.
Skipped only where `soffice` is not installed."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from assistant.config import Settings
from assistant.generate.answering import Assistant
from assistant.generate.export import answer_to_docx, to_docx
from assistant.generate.planning import make_plan
from assistant.index.ingest import open_store
from assistant.retrieve.retrieval import ClauseRetriever
from tests.conftest import REPO

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
ARTIFACTS = REPO / "test-artifacts"
REQUEST = "为北京某区检察院起草一份未成年人综合司法保护工作方案提纲，要求引用相关文件条款。"
QUESTION = "性侵害未成年被害人的一站式取证救助机制要求一次性完成哪些工作？"
pytestmark = [pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"), pytest.mark.slow]


def _convert(docx_path, fmt: str, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless", "--convert-to", fmt,
                           "--outdir", str(out), str(docx_path)], capture_output=True, text=True, timeout=300)
    result = out / (docx_path.stem + "." + fmt.split(":")[0])
    assert result.is_file(), f"soffice made no {fmt} (the PNG export needs libreoffice-draw): {proc.stdout}{proc.stderr}"
    return result


@pytest.fixture(scope="module")
def assistant(seeded_module_store):
    s = Settings(store_path=seeded_module_store)
    return Assistant(s, retriever=ClauseRetriever(open_store(s), s))


@pytest.mark.parametrize("kind", ["plan", "answer"])
def test_docx_renders_in_libreoffice_as_a4_pages_with_the_basis_list_last(assistant, kind, tmp_path):
    import pypdf
    from PIL import Image

    path = tmp_path / f"{kind}.docx"
    if kind == "plan":
        plan = make_plan(assistant, REQUEST)
        to_docx(plan, path)
        title = plan.title
    else:
        answer_to_docx(assistant.ask(QUESTION).to_json(), path)
        title = QUESTION
    png = _convert(path, "png", tmp_path)
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(png, ARTIFACTS / f"docx-{kind}-page1.png")
    with Image.open(png) as im:
        w, h = im.size
        assert abs(h / w - 297 / 210) < 0.02  # an A4 page
        lo, hi = im.convert("L").getextrema()
        assert hi - lo > 100  # not blank: dark text on a light page
    pages = pypdf.PdfReader(str(_convert(path, "pdf", tmp_path))).pages
    texts = ["".join(p.extract_text().split()) for p in pages]
    assert "".join(title.split())[:8] in texts[0]
    end = "".join(texts[-2:])  # the basis list at the end (it may start on the page before the last)
    assert "依据" in end and "[1]" in end and "—1—" in texts[0] and f"—{len(pages)}—" in texts[-1]  # page numbers
    assert len(pages) <= 4  # one list at the end, not a 依据 line after every item
