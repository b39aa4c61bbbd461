"""App overhead per interaction (issue 16: ≤ 300 ms at the 70k-clause library), measured with
Streamlit's AppTest on the store named by LVJU_STORE_PATH (build it first, e.g. with
`assistant ingest ../shared/laws`):

    LVJU_STORE_PATH=/tmp/big/store LVJU_DATA_DIR=/tmp/big/data python scripts/bench_app.py [--repeat 7]

Each figure is the median wall time of one script run of the chat page (what the server does for
one interaction), after a first run that opens the store. Asking a question is measured as the
whole run (retrieval and the offline answer included) for reference: the first question of the
process also loads the lexical index.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from streamlit.testing.v1 import AppTest

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()

    def timed(action) -> float:
        t = time.perf_counter()
        action()
        return 1000 * (time.perf_counter() - t)

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=900)
    first = timed(at.run)
    assert not at.exception, at.exception
    docs = len(at.sidebar.multiselect(key="doc_filter").options)
    out = {"documents": docs, "first_run_ms": round(first)}

    def median(action, n=args.repeat) -> float:
        return round(statistics.median(timed(action) for _ in range(n)), 1)

    out["rerun_welcome_ms"] = median(at.run)
    modes = iter(["工作方案", "问答"] * args.repeat)
    out["switch_mode_ms"] = median(lambda: at.sidebar.radio(key="mode").set_value(next(modes)).run())
    option = at.sidebar.multiselect(key="doc_filter").options[0]
    filters = iter([[option], []] * args.repeat)
    out["set_filter_ms"] = median(lambda: at.sidebar.multiselect(key="doc_filter").set_value(next(filters)).run())
    out["first_question_ms"] = round(timed(lambda: at.chat_input(key="chat_input").set_value("审查逮捕的期限是多少？").run()))
    out["next_question_ms"] = round(timed(lambda: at.chat_input(key="chat_input").set_value("取保候审的条件有哪些？").run()))
    out["rerun_with_one_answer_ms"] = median(at.run)
    words = iter(["逮捕", ""] * args.repeat)
    out["search_conversations_ms"] = median(lambda: at.sidebar.text_input(key="conversation_search").set_value(next(words)).run())
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
