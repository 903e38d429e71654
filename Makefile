# The two commands of README.md: `make lab` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Install the system packages the lab needs (Docker Engine, Graphviz, debootstrap)
# and start the engine ourselves only when asked (or in CI); otherwise stop with
# the one line to run.
ENGINE_FLAGS := $(if $(or $(LAB_INSTALL_ENGINE),$(filter true,$(CI))),--install,)
ROOT_FLAG    := $(if $(filter 0,$(shell id -u)),--allow-root,)
BROWSER_FLAG := $(if $(LAB_NO_BROWSER),--no-browser,)
LAB_PORT     ?= 8888
# The student's own copy of the lessons (git-ignored); `git pull` never touches it.
LAB_WORKSPACE ?= workspace
WORKSPACE_DIR := $(abspath $(patsubst ~%,$(HOME)%,$(LAB_WORKSPACE)))

.PHONY: lab test engine images clean-clusters

# Kernels whose tab is gone (the browser was closed) stop after an idle hour;
# closing a notebook's tab stops its kernel (the workspace's JupyterLab settings).
lab: $(VENV)/.installed images
	$(BIN)/python -m labs workspace prepare --path "$(WORKSPACE_DIR)"
	$(BIN)/jupyter lab --ServerApp.root_dir="$(WORKSPACE_DIR)" \
		--LabApp.default_url=/lab/tree/index.md \
		--LabApp.user_settings_dir="$(WORKSPACE_DIR)/.jupyterlab/settings" \
		--MappingKernelManager.cull_idle_timeout=3600 --MappingKernelManager.cull_interval=300 \
		--ip=127.0.0.1 --port=$(LAB_PORT) \
		$(BROWSER_FLAG) $(ROOT_FLAG)

# Tests run in parallel: pytest-xdist, one worker per core (fewer when memory is short),
# each lesson's heavy tests in groups spread over the workers, heaviest first
# (tests/conftest.py). The browser test runs alone afterwards: Chromium and JupyterLab
# beside a lesson's cluster on a 2-core machine would risk their timeouts. So do the VM
# engine's tests: software emulation keeps both cores busy.
TEST_WORKERS ?= auto
test: $(VENV)/.installed images
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder -m "not browser and not vm"
	$(BIN)/python -m pytest -m browser
	$(BIN)/python -m pytest -m vm

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

engine: $(VENV)/.installed
	$(BIN)/python -m labs system $(ENGINE_FLAGS)

images: engine
	$(BIN)/python -m labs images

clean-clusters: $(VENV)/.installed
	$(BIN)/python -m labs down --all
