# Makefile: sets up a machine, builds the WebAssembly package in pkg/, and runs every test.
# `make demo` and `make test` install what they need; `make help` lists the targets.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-print-directory

TARGET := wasm32-unknown-unknown
CRATE_WASM := target/$(TARGET)/release/voucherify_sync.wasm
OUT := pkg/wasm
PKG_WASM := $(OUT)/voucherify_sync_bg.wasm
# The Node entry loads a second build optimized for speed (opt-level 3, wasm-opt -O3): about 3×
# faster on CSV files and payloads, and size does not matter on a server. Browsers keep the
# size-optimized one.
SPEED_TARGET_DIR := target/speed
CRATE_WASM_SPEED := $(SPEED_TARGET_DIR)/$(TARGET)/release/voucherify_sync.wasm
NODE_OUT := pkg/wasm-node
NODE_WASM := $(NODE_OUT)/voucherify_sync_bg.wasm
SPEED_OPT_LEVEL := 3
SPEED_WASM_OPT_FLAGS := -O3
# The storefront entry (pkg/storefront.js) loads a third build, with the size-optimized flags of
# the browser one but without the cargo feature `data`: no CSV, CSV-records or sync-planning
# exports, so the linker drops that code. Its own target directory keeps both builds cached.
STOREFRONT_TARGET_DIR := target/storefront
CRATE_WASM_STOREFRONT := $(STOREFRONT_TARGET_DIR)/$(TARGET)/release/voucherify_sync.wasm
STOREFRONT_OUT := pkg/wasm-storefront
STOREFRONT_WASM := $(STOREFRONT_OUT)/voucherify_sync_bg.wasm
# The wasm-bindgen CLI must match the library exactly; the pin in Cargo.toml is the one source.
WASM_BINDGEN_VERSION := $(shell sed -nE 's/^wasm-bindgen *= *(\{[^}]*version *= *)?"=([0-9][^"]*)".*/\2/p' Cargo.toml)
WASM_OPT := node_modules/.bin/wasm-opt
# The browser build, optimized for size; README (Performance) lists the flags measured. -Os
# gzips a little smaller than -Oz here at the same speed. --low-memory-unused lets wasm-opt fold
# more address arithmetic: Rust places no data in the first KiB, which only the bottom of a
# nearly exhausted 1 MiB stack could reach.
WASM_OPT_FLAGS := -Os --low-memory-unused
# The producers and target_features custom sections name the toolchain and the linker's features;
# no browser reads them, and they cost about 220 bytes gzipped per download.
WASM_STRIP_FLAGS := --strip-producers --strip-target-features
# The wasm-bindgen glue of the two browser builds is rewritten by esbuild (no bundling, no
# renaming, no other transform) without its comments, the JSDoc it copies from the Rust docs of
# the exports, which the Rust sources and the glue's .d.ts already carry, and without its
# indentation (together about 1 KB gzipped per download). The @ts-self-types line, the one
# comment a tool reads, is put back.
ESBUILD := node_modules/.bin/esbuild
GLUE_FLAGS := --format=esm --legal-comments=none --minify-whitespace --log-level=warning --allow-overwrite \
	'--banner:js=/* @ts-self-types="./voucherify_sync.d.ts" */'
# The features rustc enables for wasm32 that this build uses; wasm-opt must accept them.
WASM_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
CHROMIUM := /usr/bin/chromium
# The port of `make serve` (the demo page in www/).
SERVE_PORT ?= 8080
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CARGO_TEST := $(if $(shell command -v cargo-nextest),cargo nextest run --no-fail-fast && cargo test --doc,cargo test --no-fail-fast)
NODE_TESTS := $(wildcard tests/node/*.test.mjs)
CLI_TESTS := $(wildcard tests/cli/*.test.mjs)
CONTRACT_TESTS := $(wildcard tests/contract/*.test.mjs)
BROWSER_TESTS := $(wildcard tests/browser/*.test.mjs)
BUNDLER_TESTS := $(wildcard tests/bundlers/*.test.mjs)

.PHONY: help setup setup-rust setup-wasm-bindgen setup-node setup-browser build test lint \
	test-rust test-types test-node test-cli test-contract test-browser test-bundlers demo serve size bench bench-scaling clean fuzz FORCE

help:
	@echo 'make demo    build the package and validate the examples/ payloads with it'
	@echo 'make serve   build the package and serve the demo page at http://127.0.0.1:$(SERVE_PORT)/www/'
	@echo 'make test    build, then lint and run every test (Rust, types, Node, contract, browser)'
	@echo 'make setup   install the wasm32 target, wasm-bindgen-cli $(WASM_BINDGEN_VERSION), npm packages, chromium'
	@echo 'make build   build pkg/wasm/, pkg/wasm-node/ and pkg/wasm-storefront/ from the Rust crate'
	@echo 'make size    gzipped size of the storefront and full browser bundles, against bench/budget.json'
	@echo 'make bench   benchmarks against the JS peers and ajv, native ceiling (~6 min; not in make test)'
	@echo 'make bench-scaling  time per record from 10k to 200k records, one fresh process per size'

# --- set-up: every step is skipped when already done -------------------------------------

setup: setup-rust setup-wasm-bindgen setup-node setup-browser

setup-rust:
	@rustup target list --installed | grep -qx '$(TARGET)' || rustup target add $(TARGET)
	@installed="$$(rustup component list --installed)"; \
	for c in rustfmt clippy; do grep -q "^$$c" <<<"$$installed" || rustup component add $$c; done

setup-wasm-bindgen:
	@test -n '$(WASM_BINDGEN_VERSION)' || { echo 'no exact wasm-bindgen = "=X" pin found in Cargo.toml' >&2; exit 1; }
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != 'wasm-bindgen $(WASM_BINDGEN_VERSION)' ]; then \
		echo 'installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (a few minutes)'; \
		cargo install wasm-bindgen-cli --version '$(WASM_BINDGEN_VERSION)' --force; \
	fi

setup-node: node_modules/.package-lock.json

# npm writes node_modules/.package-lock.json; older than the lock file means stale.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

setup-browser:
	@if [ ! -x '$(CHROMIUM)' ]; then \
		echo 'installing chromium with apt-get'; \
		$(SUDO) apt-get update; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends chromium; \
	fi

# --- build ----------------------------------------------------------------------------------

build: $(PKG_WASM) $(NODE_WASM) $(STOREFRONT_WASM)

# Cargo decides whether to rebuild; the file's time only changes when it did.
$(CRATE_WASM): FORCE | setup-rust
	cargo build --release --target $(TARGET)

FORCE:

$(PKG_WASM): $(CRATE_WASM) | setup-wasm-bindgen setup-node
	wasm-bindgen --target web --out-dir $(OUT) --out-name voucherify_sync $(CRATE_WASM)
	$(ESBUILD) $(OUT)/voucherify_sync.js $(GLUE_FLAGS) --outfile=$(OUT)/voucherify_sync.js
	$(WASM_OPT) $(WASM_OPT_FLAGS) $(WASM_STRIP_FLAGS) $(WASM_FEATURES) $@ -o $@

$(CRATE_WASM_SPEED): FORCE | setup-rust
	CARGO_PROFILE_RELEASE_OPT_LEVEL=$(SPEED_OPT_LEVEL) cargo build --release --target $(TARGET) --target-dir $(SPEED_TARGET_DIR)

$(NODE_WASM): $(CRATE_WASM_SPEED) | setup-wasm-bindgen setup-node
	wasm-bindgen --target web --out-dir $(NODE_OUT) --out-name voucherify_sync $(CRATE_WASM_SPEED)
	$(WASM_OPT) $(SPEED_WASM_OPT_FLAGS) $(WASM_FEATURES) $@ -o $@

$(CRATE_WASM_STOREFRONT): FORCE | setup-rust
	cargo build --release --target $(TARGET) --no-default-features --target-dir $(STOREFRONT_TARGET_DIR)

$(STOREFRONT_WASM): $(CRATE_WASM_STOREFRONT) | setup-wasm-bindgen setup-node
	wasm-bindgen --target web --out-dir $(STOREFRONT_OUT) --out-name voucherify_sync $(CRATE_WASM_STOREFRONT)
	$(ESBUILD) $(STOREFRONT_OUT)/voucherify_sync.js $(GLUE_FLAGS) --outfile=$(STOREFRONT_OUT)/voucherify_sync.js
	$(WASM_OPT) $(WASM_OPT_FLAGS) $(WASM_STRIP_FLAGS) $(WASM_FEATURES) $@ -o $@

# --- tests ----------------------------------------------------------------------------------

test: build lint test-rust test-types test-node test-cli test-contract test-browser test-bundlers

lint: | setup-rust
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --no-default-features --all-targets -- -D warnings
	cargo clippy --target $(TARGET) -- -D warnings
	cargo clippy --target $(TARGET) --no-default-features -- -D warnings

test-rust: | setup-rust
	$(CARGO_TEST)

test-types: | setup-node
	npx tsc --noEmit -p pkg

test-node: build
	node --test $(NODE_TESTS)

# The command line, run as a child process on tests/fixtures/cli/ and examples/.
test-cli: build
	node --test $(CLI_TESTS)

test-contract: build
	$(if $(CONTRACT_TESTS),node --test $(CONTRACT_TESTS),@echo 'no contract tests in tests/contract/ yet')

test-browser: build setup-browser
	node --test $(BROWSER_TESTS)

# The packed package installed into a tiny Vite, webpack, esbuild and Next.js app each, built for
# production with the README's recipe and run in headless Chromium, and the storefront entry
# under vitest; about two minutes, most of it the Next.js build. The apps are built in
# target/bundler-apps/.
test-bundlers: build setup-browser
	node --test $(BUNDLER_TESTS)

# --- fuzzing (not part of `make test`; the committed corpus is replayed by `cargo test`) -----

# `make fuzz FUZZ_SECONDS=600` runs every target in fuzz/ in turn for that long (60 s by default),
# on the stable toolchain: `--sanitizer none` needs no nightly flags (fuzz/README.md says more).
# New inputs go to fuzz/target/corpus/, so the committed corpus only changes on purpose.
fuzz: | setup-rust
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
	@cd fuzz && for target in $$(cargo fuzz list); do \
		echo "fuzzing $$target for $(or $(FUZZ_SECONDS),60) s"; \
		mkdir -p "target/corpus/$$target"; \
		cargo fuzz run --sanitizer none "$$target" "target/corpus/$$target" "corpus/$$target" -- \
			-max_total_time=$(or $(FUZZ_SECONDS),60) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1; \
	done

# --- demo and size --------------------------------------------------------------------------

demo: build
	@node scripts/demo.mjs
	@echo "demo page: make serve, then open http://127.0.0.1:$(SERVE_PORT)/www/"

serve: build
	@node scripts/serve.mjs $(SERVE_PORT)

size: build
	@node scripts/size.mjs

# One Node process per suite, peers alternating in it; writes bench/results.json and the
# README's Performance tables. Not part of `make test`: it takes about 6 minutes.
bench: build setup-node
	BENCH_BUILD='Node (measured here): opt-level $(SPEED_OPT_LEVEL), wasm-opt $(SPEED_WASM_OPT_FLAGS); browsers (sized): opt-level z, wasm-opt $(WASM_OPT_FLAGS)' \
		node bench/run.mjs

# Time per record of planSync, buildCustomer over NDJSON, validatePayloads and summarizeResult
# from 10,000 to 200,000 records, each size in a fresh process (a first call must grow the
# module's memory): flat means linear. Not part of `make test`: it takes a few minutes.
bench-scaling: $(NODE_WASM) setup-node
	node bench/scaling.mjs

clean:
	rm -rf $(OUT) $(NODE_OUT) $(STOREFRONT_OUT) tests/browser/screenshots
