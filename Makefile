# Two commands are the contract: `make demo` (the main job, on the embedded emulator) and `make test`.
# Every target installs what it needs: npm dependencies (with Node 22 from npm), the Pulumi engine and ld-relay
# (built from Go modules into .tools/), the build.
SHELL := /bin/bash
export PATH := $(CURDIR)/.tools/pulumi/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export PULUMI_SKIP_UPDATE_CHECK := true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION := true

.PHONY: deps engine build lint test unit e2e demo demo-down bench bench-peers soak clean

node_modules/.deps-stamp: package.json package-lock.json
	@# npm ci rejects this lock file (npm 11 bug with platform-specific optional dependencies); install keeps the locked versions.
	npm install --no-audit --no-fund
	@touch $@

deps: node_modules/.deps-stamp

# The real tools every engine and relay test needs: the Pulumi engine and LaunchDarkly's Relay Proxy (ld-relay).
engine: deps
	bash scripts/install-pulumi
	bash scripts/install-ld-relay

build: deps
	tsc -p tsconfig.json

# Lint runs before the tests (eslint.config.mjs).
lint: deps
	eslint --max-warnings 0 .

test: engine build lint
	jest --coverage

unit: build
	jest tests/unit tests/contract tests/emulator tests/provider

e2e: engine build
	jest tests/e2e

demo: engine build
	bash scripts/demo.sh

# Benchmarks through the real engine against the emulator (bench/README.md). Configurable: BENCH_N="10 100",
# BENCH_LATENCY_MS=50, BENCH_RATE_LIMIT=50 (0 = skip), BENCH_RATE_N=100, BENCH_PARALLEL="4 16", BENCH_LOADTEST=0.
bench: engine build
	node dist/bench/run.js

# Side by side with LaunchDarkly's Terraform provider (OpenTofu, its provider from a plugin mirror) on one TLS
# emulator (bench/README.md). peers.js builds OpenTofu with scripts/install-tofu (skipped when present) when a
# mirror is found (TF_PLUGIN_MIRROR, default ../shared/peers/mirror); without one it skips the Terraform columns.
# Configurable: BENCH_PEER_N="10 100 500", BENCH_LATENCY_MS=50, BENCH_PEER_GRACE_S=20, BENCH_PEER_RELAY=0.
bench-peers: engine build
	node dist/bench/peers.js

# Soak: engine cycles against the emulator with faults on ~20% of requests (scripts/soak/runner.ts). SOAK_SECONDS=180.
soak: engine build
	SOAK_SECONDS=$${SOAK_SECONDS:-180} node dist/scripts/soak.js

demo-down:
	bash scripts/demo.sh down

clean:
	rm -rf dist .demo coverage
