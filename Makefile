# Midad's everyday commands. `make test` is what CI runs.

GO ?= go
# The Go release the project is built and tested with (1.26.8 has reachable
# standard-library vulnerabilities); the go command fetches it when needed.
export GOTOOLCHAIN := go1.27.3

.PHONY: run test check unit e2e bench build demo-data vulncheck release

## run: start Midad on http://127.0.0.1:8080 with the demo newspaper
run:
	$(GO) run ./cmd/midad serve --demo

## build: build the midad binary into bin/
build:
	$(GO) build -o bin/midad ./cmd/midad

## test: formatting, vet, known vulnerabilities, and every test (unit, HTTP, storage, browser) with the race detector
test: check vulncheck
	$(GO) test -race -count=1 -timeout 30m ./...

check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# govulncheck and its database, both pinned, built with the project's Go and
# kept outside the repository: the first run takes a few minutes, later ones
# only the analysis. The database is the golang.org/x/vulndb module's OSV
# files indexed by its own indexdb, so the check needs no vuln.go.dev.
VULN_VERSION := v1.9.0
VULNDB_VERSION := v0.0.0-20261105234957-e22db6528018
VULN_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/midad-vulncheck
VULN_BIN := $(VULN_CACHE)/govulncheck-$(VULN_VERSION)-$(GOTOOLCHAIN)
VULN_DB := $(VULN_CACHE)/vulndb-$(VULNDB_VERSION)

## vulncheck: fail on a known vulnerability reachable from Midad's code, in its dependencies or in Go itself
vulncheck: $(VULN_BIN) $(VULN_DB)/index/db.json
	$(VULN_BIN) -db file://$(VULN_DB) ./...

$(VULN_BIN):
	@mkdir -p $(VULN_CACHE)/tmp
	GOBIN=$(VULN_CACHE)/tmp $(GO) install golang.org/x/vuln/cmd/govulncheck@$(VULN_VERSION)
	mv $(VULN_CACHE)/tmp/govulncheck $@

# Built aside and renamed, so that an interrupted run leaves no half database.
$(VULN_DB)/index/db.json:
	@rm -rf $(VULN_DB).tmp
	osv=$$($(GO) mod download -json golang.org/x/vulndb@$(VULNDB_VERSION) | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$$/\1/p') && \
	test -d "$$osv/data/osv" && \
	$(GO) run golang.org/x/vulndb/cmd/indexdb@$(VULNDB_VERSION) -vulns "$$osv/data/osv" -out $(VULN_DB).tmp
	rm -rf $(VULN_DB) && mv $(VULN_DB).tmp $(VULN_DB)

# The version stamped into release binaries: the tag, or the commit.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
DIST ?= dist
RELEASE_ARCHS ?= amd64 arm64
RELEASE_LDFLAGS := -s -w -X github.com/midad/midad/internal/cli.Version=$(VERSION)

## release: static binaries for linux/amd64 and linux/arm64 into dist/, with the version stamped and their SHA-256 sums
release:
	@mkdir -p $(DIST)
	for arch in $(RELEASE_ARCHS); do \
		CGO_ENABLED=0 GOOS=linux GOARCH=$$arch $(GO) build -trimpath -ldflags '$(RELEASE_LDFLAGS)' \
			-o $(DIST)/midad-$(VERSION)-linux-$$arch ./cmd/midad || exit 1; \
	done
	cd $(DIST) && sha256sum $(foreach a,$(RELEASE_ARCHS),midad-$(VERSION)-linux-$(a)) > midad-$(VERSION).sha256

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
