# Two commands (see README):  make run   |   make test
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8501

.PHONY: setup run test lint clean browser

$(STAMP):
	@$(PY) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "Python 3.11+ needed"'
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

setup: $(STAMP)

# Set up, build the clause store from seeds/ if it is missing or stale, start the app on 127.0.0.1.
run: setup
	$(BIN)/assistant init
	$(BIN)/streamlit run streamlit_app.py --server.address $(HOST) --server.port $(PORT) \
		--server.headless true --browser.gatherUsageStats false

lint: setup
	$(BIN)/ruff check assistant tests scripts streamlit_app.py

# The browser test drives Debian's chromium (never a browser download); install it when missing.
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
		else echo "the browser test needs Debian's chromium: sudo apt-get install chromium fonts-wqy-microhei" >&2; exit 1; fi; fi

# Set up and run the whole test suite (what CI runs), then the evaluation gate (eval/gate.toml): the
# seed and real-law dev sets on a fresh store of seeds/ and eval/datasets/laws_dev/corpus.
test: setup lint browser
	$(BIN)/python -m pytest -q
	GATE_OUT=$$(mktemp -d) && $(BIN)/assistant eval gate --out $$GATE_OUT; status=$$?; rm -rf $$GATE_OUT; exit $$status
