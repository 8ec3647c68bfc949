# campus-gateway: `make demo` runs the bundled demo site, `make test` runs every test,
# `make install` installs the daemon for systemd. `demo` and `test` install the Debian
# packages they need when missing (apt-get; needs root or sudo).

SWIFT        ?= swift
PREFIX       ?= /usr/local
# chromium checks the status page in the tests; the font gives the screenshot its Chinese.
APT_PACKAGES := pkg-config libmodbus-dev libmosquitto-dev libsqlite3-dev mosquitto mosquitto-clients socat openssl chromium fonts-wqy-microhei
BIN          := .build/debug/campus-gateway
RELEASE_BIN  := .build/release/campus-gateway
# Every release build links the Swift runtime and Foundation statically: the daemon then maps
# only the pages it uses instead of whole shared libraries (docs/benchmarks.md, "Making the
# process lean"). All release targets share these flags: changing them rebuilds everything.
RELEASE_FLAGS := -c release --static-swift-stdlib
DESTDIR      ?=
SYSCONFDIR   ?= /etc
# Keep the whole suite bounded: a hung test must fail CI, not eat its time limit.
TEST_TIMEOUT ?= 1200

.PHONY: all deps build test demo validate-demo clean release install install-files install-user uninstall screenshot

all: build

deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	  elif command -v sudo >/dev/null; then SUDO="sudo"; \
	  else echo "error: missing packages:$$missing; run 'make deps' as root" >&2; exit 1; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null || exit 1; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "error: no Swift toolchain on PATH (need Swift 6.2 or newer)" >&2; exit 1; }

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) build --build-tests
	timeout --foreground $(TEST_TIMEOUT) $(SWIFT) test --skip-build

demo: build
	$(BIN) demo --config examples/demo-site.yaml

validate-demo: build
	$(BIN) validate --config examples/demo-site.yaml

clean:
	rm -rf .build

release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product campus-gateway

# Binary, unit, sysusers entry, serial driver list (modules-load.d), profiles, docs and an
# example site under the usual paths.
# An existing /etc/campus-gateway/site.yaml is never overwritten; the example is always
# refreshed beside it as site.example.yaml. As root it also creates the campus-gateway user
# (install-user). Then: systemctl daemon-reload && systemctl enable --now campus-gateway
install: release
	$(MAKE) install-files BIN=$(RELEASE_BIN)
	$(MAKE) install-user

# The campus-gateway user, and the site file readable by it and root only (it holds the
# platforms' passwords). Needs root and systemd-sysusers; otherwise says what to do.
install-user:
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && command -v systemd-sysusers >/dev/null; then \
	  systemd-sysusers $(PREFIX)/lib/sysusers.d/campus-gateway.conf && \
	  chgrp campus-gateway $(SYSCONFDIR)/campus-gateway $(SYSCONFDIR)/campus-gateway/site.yaml && \
	  chmod 0750 $(SYSCONFDIR)/campus-gateway && chmod 0640 $(SYSCONFDIR)/campus-gateway/site.yaml; \
	else \
	  echo "as root, run: systemd-sysusers && chgrp -R campus-gateway $(SYSCONFDIR)/campus-gateway"; \
	fi

# The same from an already built binary (BIN=…); the tests use it with DESTDIR.
install-files:
	@test -x "$(BIN)" || { echo "error: no binary at $(BIN); run 'make install'" >&2; exit 1; }
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/systemd/system $(DESTDIR)$(PREFIX)/lib/sysusers.d \
	  $(DESTDIR)$(PREFIX)/lib/modules-load.d \
	  $(DESTDIR)$(PREFIX)/share/campus-gateway/profiles $(DESTDIR)$(PREFIX)/share/doc/campus-gateway \
	  $(DESTDIR)$(SYSCONFDIR)/campus-gateway
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/campus-gateway
	sed -e 's|/usr/local|$(PREFIX)|g' -e 's|/etc/campus-gateway|$(SYSCONFDIR)/campus-gateway|g' systemd/campus-gateway.service \
	  > $(DESTDIR)$(PREFIX)/lib/systemd/system/campus-gateway.service
	install -m 0644 systemd/campus-gateway.sysusers.conf $(DESTDIR)$(PREFIX)/lib/sysusers.d/campus-gateway.conf
	install -m 0644 systemd/campus-gateway.modules-load.conf $(DESTDIR)$(PREFIX)/lib/modules-load.d/campus-gateway.conf
	install -m 0644 DeviceProfiles/*.yaml $(DESTDIR)$(PREFIX)/share/campus-gateway/profiles/
	install -m 0644 docs/technician-guide.md docs/configuration.md docs/mqtt-api.md docs/status-page.png \
	  $(DESTDIR)$(PREFIX)/share/doc/campus-gateway/
	install -d $(DESTDIR)$(PREFIX)/share/campus-gateway/examples/tls
	install -m 0644 examples/site.yaml examples/demo-site.yaml $(DESTDIR)$(PREFIX)/share/campus-gateway/examples/
	install -m 0600 examples/fire.secrets $(DESTDIR)$(PREFIX)/share/campus-gateway/examples/
	install -m 0644 examples/tls/* $(DESTDIR)$(PREFIX)/share/campus-gateway/examples/tls/
	sed -e 's|^  - \.\./DeviceProfiles$$|  - $(PREFIX)/share/campus-gateway/profiles|' \
	  -e 's|_file: fire.secrets$$|_file: $(PREFIX)/share/campus-gateway/examples/fire.secrets|' \
	  -e 's|_file: tls/|_file: $(PREFIX)/share/campus-gateway/examples/tls/|' \
	  examples/site.yaml > $(DESTDIR)$(SYSCONFDIR)/campus-gateway/site.example.yaml
	test -e $(DESTDIR)$(SYSCONFDIR)/campus-gateway/site.yaml || \
	  install -m 0640 $(DESTDIR)$(SYSCONFDIR)/campus-gateway/site.example.yaml $(DESTDIR)$(SYSCONFDIR)/campus-gateway/site.yaml
	@echo "installed under $(DESTDIR)$(PREFIX); edit $(SYSCONFDIR)/campus-gateway/site.yaml, then:"
	@echo "  systemctl daemon-reload && systemctl enable --now campus-gateway"

# Leaves the site file and the state folder alone.
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/campus-gateway $(DESTDIR)$(PREFIX)/lib/systemd/system/campus-gateway.service \
	  $(DESTDIR)$(PREFIX)/lib/sysusers.d/campus-gateway.conf $(DESTDIR)$(PREFIX)/lib/modules-load.d/campus-gateway.conf \
	  $(DESTDIR)$(SYSCONFDIR)/campus-gateway/site.example.yaml
	rm -rf $(DESTDIR)$(PREFIX)/share/campus-gateway $(DESTDIR)$(PREFIX)/share/doc/campus-gateway

# docs/status-page.png, from the headless Chromium test.
screenshot: deps
	$(SWIFT) build --build-tests
	STATUS_PAGE_SCREENSHOT=$(CURDIR)/docs/status-page.png $(SWIFT) test --skip-build --filter StatusPageBrowserTests

# The end-to-end benchmark (docs/benchmarks.md), on a release build. Flags go in
# BENCH_ARGS: make bench BENCH_ARGS="--devices 500 --seconds 60 --json"
BENCH_ARGS ?=
.PHONY: bench
bench: deps
	CAMPUS_GATEWAY_BENCHMARKS=1 $(SWIFT) build $(RELEASE_FLAGS) --product campus-gateway
	CAMPUS_GATEWAY_BENCHMARKS=1 $(SWIFT) build $(RELEASE_FLAGS) --product GatewayBench
	CAMPUS_GATEWAY_BENCHMARKS=1 $(SWIFT) run $(RELEASE_FLAGS) --skip-build GatewayBench $(BENCH_ARGS)

# The router micro-benchmark (docs/benchmarks.md, "The event router"), on a release
# build: throughput, heap allocations per event, latency under load, lane order.
# Flags go in ROUTER_BENCH_ARGS: make bench-router ROUTER_BENCH_ARGS="--events 2000000 --seconds 2"
ROUTER_BENCH_ARGS ?=
.PHONY: bench-router
bench-router:
	CAMPUS_GATEWAY_BENCHMARKS=1 $(SWIFT) build $(RELEASE_FLAGS) --product RouterBench
	CAMPUS_GATEWAY_BENCHMARKS=1 $(SWIFT) run $(RELEASE_FLAGS) --skip-build RouterBench $(ROUTER_BENCH_ARGS)

# The replay benchmark (docs/benchmarks.md, "Replay (ReplayBench)"), on a release build:
# 100 000 events journaled while the broker is down, then the drain when it returns.
# Flags go in REPLAY_BENCH_ARGS: make bench-replay REPLAY_BENCH_ARGS="--events 300000 --json"
REPLAY_BENCH_ARGS ?=
.PHONY: bench-replay
bench-replay: deps
	CAMPUS_GATEWAY_BENCHMARKS=1 $(SWIFT) build $(RELEASE_FLAGS) --product ReplayBench
	CAMPUS_GATEWAY_BENCHMARKS=1 $(SWIFT) run $(RELEASE_FLAGS) --skip-build ReplayBench $(REPLAY_BENCH_ARGS)

# libFuzzer (docs/fuzzing.md): an optimized build with -sanitize=fuzzer,address in its own build
# folder, then each fuzzer for FUZZ_SECONDS at the lowest CPU priority. New inputs go to
# .build/fuzz/corpus/TARGET, crashes to .build/fuzz/artifacts/TARGET; the committed seeds
# in Tests/Fuzz/Corpus/TARGET are only read. `make fuzz-merge` minimizes what was found
# into the committed corpus. make fuzz FUZZ_TARGET=PointDecoderFuzzer FUZZ_SECONDS=600
FUZZ_TARGETS ?= SiteConfigFuzzer PlatformCommandFuzzer PointDecoderFuzzer
FUZZ_TARGET  ?= $(FUZZ_TARGETS)
FUZZ_SECONDS ?= 60
# An input that takes longer than this, or a process above this size, counts as a crash.
FUZZ_ARGS    ?= -timeout=10 -rss_limit_mb=2048
FUZZ_BUILD   := CAMPUS_GATEWAY_FUZZ=1 $(SWIFT) build -c release --scratch-path .build/fuzz -Xswiftc -sanitize=fuzzer,address
.PHONY: fuzz fuzz-build fuzz-merge
fuzz-build: deps
	for t in $(FUZZ_TARGET); do $(FUZZ_BUILD) --product $$t || exit 1; done
fuzz: fuzz-build
	for t in $(FUZZ_TARGET); do \
	  mkdir -p .build/fuzz/corpus/$$t .build/fuzz/artifacts/$$t && \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Fuzz/lsan.supp nice -n 19 .build/fuzz/release/$$t $(FUZZ_ARGS) \
	    $$(test -f Tests/Fuzz/Dictionaries/$$t.dict && echo -dict=Tests/Fuzz/Dictionaries/$$t.dict) \
	    -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=.build/fuzz/artifacts/$$t/ .build/fuzz/corpus/$$t Tests/Fuzz/Corpus/$$t || exit 1; \
	done
fuzz-merge: fuzz-build
	for t in $(FUZZ_TARGET); do \
	  rm -rf .build/fuzz/merged/$$t && mkdir -p .build/fuzz/merged/$$t && \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Fuzz/lsan.supp nice -n 19 .build/fuzz/release/$$t $(FUZZ_ARGS) -merge=1 .build/fuzz/merged/$$t Tests/Fuzz/Corpus/$$t .build/fuzz/corpus/$$t && \
	  rm -f Tests/Fuzz/Corpus/$$t/* && cp .build/fuzz/merged/$$t/* Tests/Fuzz/Corpus/$$t/ || exit 1; \
	done

# NeuronEX scenarios, commands under load and the soak (docs/benchmarks.md), on a release
# build. Flags go in SCALE_BENCH_ARGS: make bench-scale SCALE_BENCH_ARGS="--only 10x1x1000@100ms --json";
# `make soak` runs the one-hour soak (SOAK_MINUTES=… to change it).
SCALE_BENCH_ARGS ?=
SOAK_MINUTES     ?= 60
SOAK_ARGS        ?=
.PHONY: bench-scale soak
bench-scale: deps
	CAMPUS_GATEWAY_BENCHMARKS=1 $(SWIFT) build $(RELEASE_FLAGS) --product campus-gateway
	CAMPUS_GATEWAY_BENCHMARKS=1 $(SWIFT) build $(RELEASE_FLAGS) --product ScaleBench
	CAMPUS_GATEWAY_BENCHMARKS=1 $(SWIFT) run $(RELEASE_FLAGS) --skip-build ScaleBench scenarios $(SCALE_BENCH_ARGS)
	CAMPUS_GATEWAY_BENCHMARKS=1 $(SWIFT) run $(RELEASE_FLAGS) --skip-build ScaleBench commands

soak: deps
	CAMPUS_GATEWAY_BENCHMARKS=1 $(SWIFT) build $(RELEASE_FLAGS) --product campus-gateway
	CAMPUS_GATEWAY_BENCHMARKS=1 $(SWIFT) build $(RELEASE_FLAGS) --product ScaleBench
	CAMPUS_GATEWAY_BENCHMARKS=1 $(SWIFT) run $(RELEASE_FLAGS) --skip-build ScaleBench soak --minutes $(SOAK_MINUTES) $(SOAK_ARGS)
