# The two commands of README.md: `make lab` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Install and start Docker's engine ourselves only when asked (or in CI).
ENGINE_FLAGS := $(if $(or $(LAB_INSTALL_ENGINE),$(filter true,$(CI))),--install,)
ROOT_FLAG    := $(if $(filter 0,$(shell id -u)),--allow-root,)
BROWSER_FLAG := $(if $(LAB_NO_BROWSER),--no-browser,)
LAB_PORT     ?= 8888

.PHONY: lab test engine images clean-clusters

lab: $(VENV)/.installed images
	$(BIN)/jupyter lab --ServerApp.root_dir=lessons --LabApp.default_url=/lab/tree/index.ipynb \
		--ip=127.0.0.1 --port=$(LAB_PORT) \
		$(BROWSER_FLAG) $(ROOT_FLAG)

test: $(VENV)/.installed images
	$(BIN)/python -m pytest

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

engine: $(VENV)/.installed
	$(BIN)/python -m labs engine $(ENGINE_FLAGS)

images: engine
	$(BIN)/python -m labs images

clean-clusters: $(VENV)/.installed
	$(BIN)/python -m labs down --all
