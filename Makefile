# Midad's everyday commands. `make test` is what CI runs.

GO ?= go
# The Go release the project is built and tested with (1.26.8 has reachable
# standard-library vulnerabilities); the go command fetches it when needed.
export GOTOOLCHAIN := go1.27.3

.PHONY: run test check unit e2e bench build demo-data

## run: start Midad on http://127.0.0.1:8080 with the demo newspaper
run:
	$(GO) run ./cmd/midad serve --demo

## build: build the midad binary into bin/
build:
	$(GO) build -o bin/midad ./cmd/midad

## test: formatting, vet, and every test (unit, HTTP, storage, browser) with the race detector
test: check
	$(GO) test -race -count=1 -timeout 30m ./...

check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

## unit: the tests without the browser
unit:
	$(GO) test -race -count=1 $$($(GO) list ./... | grep -v /e2e)

## e2e: the browser tests only (needs chromium)
e2e:
	$(GO) test -count=1 -v ./e2e/

## bench: the Go benchmarks
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## demo-data: regenerate the ANT sample from ../shared/data
demo-data:
	$(GO) run ./internal/demo/gen -in ../shared/data/ant-v1.1/articles.jsonl.gz -out internal/demo/data/ant.jsonl.gz

.PHONY: bench-search

## bench-search: search speed (the ANT corpus ten times over, ~100k articles) and relevance (MRR@10, recall@10 against plain FTS5); needs ../shared/data/ant-v1.1 or MIDAD_ANT; takes several minutes
bench-search:
	@start=$$(date +%s); \
	MIDAD_BENCH_SEARCH=1 $(GO) test -run '^$$' -bench . -benchtime 1x -count 1 -timeout 60m ./internal/search/bench/ || exit $$?; \
	echo "bench-search: $$(( $$(date +%s) - start )) s in all"

.PHONY: editor
## editor: rebuild the newsroom's editor bundle (Node 20 + npm; the bundle is committed, so running Midad needs neither)
editor:
	cd web/editor && npm ci --ignore-scripts && npm run build

.PHONY: bench-http

## bench-http: reader pages under load on loopback against a bare net/http server writing the same bytes, in one run (BASELINE=<git ref> measures that ref too; BENCH_HTTP_FLAGS="-c 32 -d 3s -rounds 2 -accept-encoding br")
bench-http:
	$(GO) run ./internal/httpbench $(if $(BASELINE),-baseline $(BASELINE)) $(BENCH_HTTP_FLAGS)
