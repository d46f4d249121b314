VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test test-fast test-wheel bench setup clean locale

demo: $(VENV)/.installed
	$(BIN)/govfmt convert samples/ -o out/ --to docx --to pdf --force

test: $(VENV)/.installed
	$(BIN)/python -m pytest -m "slow or not slow"

test-fast: $(VENV)/.installed
	$(BIN)/python -m pytest

# The built wheel installed into a fresh virtual environment outside the checkout, used from there.
test-wheel: $(VENV)/.installed
	bash scripts/check_wheel.sh

bench: $(VENV)/.installed
	for script in benchmarks/*.py; do $(BIN)/python $$script || exit 1; done

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml scripts/setup.sh
	bash scripts/setup.sh

# The compiled catalogs are committed (and shipped in the wheel); rebuild them after editing a .po.
locale:
	for po in src/govfmt/locale/*/LC_MESSAGES/govfmt.po; do msgfmt --check-format -o $${po%.po}.mo $$po || exit 1; done

clean:
	rm -rf $(VENV) out .pytest_cache
