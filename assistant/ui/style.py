"""The app's own style sheet (static text of ours, never document or model text).

Streamlit has no setting for the language of its widgets' built-in texts. The file uploader's
English texts ("Upload", "50MB per file • TXT, …", "Drag and drop files here") and the
keyboard-only "Skip to main content" link are replaced here
by Chinese ones: the English text is given zero size and the Chinese text is drawn by a CSS
``content`` string after it. The CSS selectors are Streamlit's ``data-testid`` attributes, so a
Streamlit upgrade that renames them brings the English back (tests/test_browser_ui.py checks it).

Citation chips carry a preview of the cited clause as their link title; a CSS tooltip shows it on
hover and keyboard focus (``attr(title)`` is drawn by the browser as plain text, never as markup).
Source-card headings are sized down from Streamlit's subheader.
"""

from __future__ import annotations

UPLOAD_TYPES = ("txt", "md", "docx", "pdf")


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def upload_hint(limit_mb: int) -> str:
    return f"单个文件不超过 {limit_mb} MB · 支持 " + "、".join(t.upper() for t in UPLOAD_TYPES)


def page_css(upload_limit_mb: int) -> str:
    zone = '[data-testid="stFileUploaderDropzone"]'
    # the drag overlay: the zone's child without a test id — not the one holding the chips of the files chosen, whose
    # names must stay readable (an app trial found them drawn at size 0, under a lasting 松开鼠标即可添加文件)
    overlay = f'{zone} > div:not([data-testid]):not(:has([data-testid="stFileChips"]))'
    return f"""<style>
{zone} button [data-testid="stMarkdownContainer"] p {{ font-size: 0; }}
{zone} button [data-testid="stMarkdownContainer"] p::after {{ content: "选择文件"; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; white-space: normal; overflow: visible; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: {_css_string(upload_hint(upload_limit_mb))};
  font-size: 0.75rem; }}
{overlay} * {{ font-size: 0; }}
{overlay}::after {{ content: "松开鼠标即可添加文件"; font-size: 0.875rem; }}
[data-testid="stSkipToContent"] {{ font-size: 0; }}
[data-testid="stSkipToContent"]::after {{ content: "跳到主要内容"; font-size: 1rem; }}
[class*="st-key-conv_"] button {{ justify-content: flex-start; text-align: left; min-height: 2rem; padding: 0.2rem 0.5rem; }}
[class*="st-key-conv_"] button p {{ text-align: left; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }}
[class*="st-key-card_"] h3 {{ font-size: 1.05rem; padding-top: 0.25rem; }}
[data-testid="stMarkdownContainer"] a[href^="#src-"] {{ position: relative; text-decoration: none; }}
[data-testid="stMarkdownContainer"] a[href^="#src-"][title]:hover::after,
[data-testid="stMarkdownContainer"] a[href^="#src-"][title]:focus::after {{
  content: attr(title); position: absolute; left: 0; top: 1.6em; z-index: 1000; width: 26rem; max-width: 70vw;
  white-space: normal; background: #fffdf5; color: #222; border: 1px solid #d9c89a; border-radius: 6px;
  padding: 0.5rem 0.7rem; font-size: 0.85rem; font-weight: normal; line-height: 1.5; box-shadow: 0 2px 8px rgba(0,0,0,.15); }}
</style>"""
