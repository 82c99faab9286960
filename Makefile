# The two commands of the README: `make run` and `make test`.
VENV := .venv
PYTHON := $(VENV)/bin/python

.PHONY: run test

# Reinstall whenever requirements.txt changes.
$(VENV)/installed: requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

# The WSO2 stand-in, the middle tier and the sample store page; Ctrl-C stops all.
run: $(VENV)/installed
	$(PYTHON) -m sandbox.quickstart

test: $(VENV)/installed
	$(VENV)/bin/pytest
