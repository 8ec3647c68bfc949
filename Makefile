# campus-gateway: `make demo` runs the bundled demo site, `make test` runs every test.
# Both install the Debian packages they need when missing (apt-get; needs root or sudo).

SWIFT        ?= swift
PREFIX       ?= /usr/local
APT_PACKAGES := pkg-config libmodbus-dev libmosquitto-dev libsqlite3-dev mosquitto mosquitto-clients socat openssl
BIN          := .build/debug/campus-gateway
# Keep the whole suite bounded: a hung test must fail CI, not eat its time limit.
TEST_TIMEOUT ?= 1200

.PHONY: all deps build test demo validate-demo clean

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

# The end-to-end benchmark (docs/benchmarks.md), on a release build. Flags go in
# BENCH_ARGS: make bench BENCH_ARGS="--devices 500 --seconds 60 --json"
BENCH_ARGS ?=
.PHONY: bench
bench: deps
	CAMPUS_GATEWAY_BENCHMARKS=1 $(SWIFT) build -c release --product campus-gateway
	CAMPUS_GATEWAY_BENCHMARKS=1 $(SWIFT) build -c release --product GatewayBench
	CAMPUS_GATEWAY_BENCHMARKS=1 $(SWIFT) run -c release --skip-build GatewayBench $(BENCH_ARGS)

# The router micro-benchmark (docs/benchmarks.md, "The event router"), on a release
# build: throughput, heap allocations per event, latency under load, lane order.
# Flags go in ROUTER_BENCH_ARGS: make bench-router ROUTER_BENCH_ARGS="--events 2000000 --seconds 2"
ROUTER_BENCH_ARGS ?=
.PHONY: bench-router
bench-router:
	CAMPUS_GATEWAY_BENCHMARKS=1 $(SWIFT) build -c release --product RouterBench
	CAMPUS_GATEWAY_BENCHMARKS=1 $(SWIFT) run -c release --skip-build RouterBench $(ROUTER_BENCH_ARGS)
