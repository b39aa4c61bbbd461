"""律据助手 — Streamlit entry point. A thin shell: everything lives in assistant.ui."""

from assistant.ui.app import main

main()
