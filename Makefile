# Ward — build, demo and test entry points. `make test` is what CI runs.
GO       ?= go
BIN      ?= bin/ward
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -s -w -X github.com/wardsec/ward/internal/version.Version=$(VERSION)
FUZZTIME ?= 20s

.PHONY: build demo test vet fuzz bench-iac oracle clean

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/ward

# The main job on the bundled examples; exits 0 even though it finds problems.
demo: build
	./$(BIN) config examples/

# The whole suite: unit, fuzz seed corpora, and integration-tagged tests
# (the end-to-end CLI, the corpora of ../shared, the outside oracles).
test: vet
	$(GO) test -tags integration -count=1 -timeout 20m ./...

vet:
	$(GO) vet -tags integration ./...

# Run every fuzz target for FUZZTIME each.
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

bench-iac: build
	bench/iac.sh

oracle:
	bench/oracle.sh

clean:
	rm -rf bin
