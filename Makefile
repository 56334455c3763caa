# Two commands are the contract: `make demo` (the main job, on the embedded emulator) and `make test`.
# Every target installs what it needs: npm dependencies (with Node 22 from npm), the Pulumi engine, the build.
SHELL := /bin/bash
export PATH := $(CURDIR)/.tools/pulumi/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export PULUMI_SKIP_UPDATE_CHECK := true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION := true

.PHONY: deps engine build test unit e2e demo demo-down bench bench-peers soak clean

node_modules/.deps-stamp: package.json package-lock.json
	@# npm ci rejects this lock file (npm 11 bug with platform-specific optional dependencies); install keeps the locked versions.
	npm install --no-audit --no-fund
	@touch $@

deps: node_modules/.deps-stamp

engine: deps
	bash scripts/install-pulumi

build: deps
	tsc -p tsconfig.json

test: engine build
	jest

unit: deps
	jest tests/unit tests/contract tests/emulator

e2e: engine build
	jest tests/e2e

demo: engine build
	bash scripts/demo.sh

demo-down:
	bash scripts/demo.sh down

clean:
	rm -rf dist .demo coverage
