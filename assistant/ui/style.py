"""The app's own style sheet (static text of ours, never document or model text).

Streamlit has no setting for the language of its widgets' built-in texts. The file uploader's
English texts ("Upload", "50MB per file • TXT, …", "Drag and drop files here") are replaced here
by Chinese ones: the English text is given zero size and the Chinese text is drawn by a CSS
``content`` string after it. The CSS selectors are Streamlit's ``data-testid`` attributes, so a
Streamlit upgrade that renames them brings the English back (tests/test_browser_ui.py checks it).
"""

from __future__ import annotations

UPLOAD_TYPES = ("txt", "md", "docx", "pdf")


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def upload_hint(limit_mb: int) -> str:
    return f"单个文件不超过 {limit_mb} MB · 支持 " + "、".join(t.upper() for t in UPLOAD_TYPES)


def page_css(upload_limit_mb: int) -> str:
    zone = '[data-testid="stFileUploaderDropzone"]'
    return f"""<style>
{zone} button [data-testid="stMarkdownContainer"] p {{ font-size: 0; }}
{zone} button [data-testid="stMarkdownContainer"] p::after {{ content: "选择文件"; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; white-space: normal; overflow: visible; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: {_css_string(upload_hint(upload_limit_mb))};
  font-size: 0.75rem; }}
{zone} > div:not([data-testid]) * {{ font-size: 0; }}
{zone} > div:not([data-testid])::after {{ content: "松开鼠标即可添加文件"; font-size: 0.875rem; }}
</style>"""
