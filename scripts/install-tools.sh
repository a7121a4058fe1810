#!/usr/bin/env bash
# Builds the command-line tools the platform runs against into .tools/bin (git-ignored):
#   temporal     Temporal CLI, whose `server start-dev` is the local and CI Temporal server
#   stripe-mock  Stripe's API mock, for the Stripe gateway adapter's tests
#   jaeger       Jaeger all-in-one (OTLP receiver, in-memory store, query API and UI), the traces' receiver
#                of the tracing IT and of local runs
#   promtool     Prometheus's rule checker, which unit-tests deploy/prometheus/alerts.yml
# All are built from source through the Go module proxy. A binary that is already there with the
# expected module version is kept, so running this again costs nothing. TOOLS_BIN overrides the
# target directory.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin_dir="${TOOLS_BIN:-$repo_root/.tools/bin}"

TEMPORAL_CLI_VERSION=v1.5.1
STRIPE_MOCK_VERSION=v0.197.0
JAEGER_VERSION=v1.75.0
PROMETHEUS_VERSION=v0.316.0 # the Go module's version of Prometheus 3.x

if ! command -v go >/dev/null 2>&1; then
  echo "install-tools: Go is required to build the tools (https://go.dev/doc/install)" >&2
  exit 1
fi
mkdir -p "$bin_dir"

# The module version a Go binary was built from, as recorded in its build info (empty if unknown).
built_version() {
  { go version -m "$1" 2>/dev/null || true; } | awk -v mod="$2" '$1 == "mod" && $2 == mod { print $3; exit }'
}

# install_tool <binary> <module> <package> <version> [<replace>...]
# A module whose go.mod has replace directives cannot be built by `go install pkg@version`: it is built
# as a tool of a throwaway module that repeats those replaces (each old=new, as go mod edit takes them).
install_tool() {
  local binary="$1" module="$2" package="$3" version="$4"
  local replaces=("${@:5}")
  local target="$bin_dir/$binary"
  if [[ -x "$target" ]]; then
    local found
    found="$(built_version "$target" "$module")"
    if [[ "$found" == "$version" ]]; then
      echo "install-tools: $binary $version already in $bin_dir, skipping"
      return
    fi
    echo "install-tools: $target is ${found:-of unknown version}, want $version: rebuilding"
    rm -f "$target" # go install refuses to overwrite a file that is not a Go binary
  fi
  echo "install-tools: building $binary $version (without a Go build cache this takes minutes) ..."
  local started=$SECONDS
  # Pure-Go build: the dev server's SQLite driver needs no C toolchain.
  if [[ ${#replaces[@]} == 0 ]]; then
    GOBIN="$bin_dir" CGO_ENABLED=0 go install "$package@$version"
  else
    local module_dir
    module_dir="$(mktemp -d -t "install-tools-$binary.XXXXXX")"
    (
      cd "$module_dir"
      go mod init "install-tools/$binary" >/dev/null 2>&1
      for replace in "${replaces[@]}"; do go mod edit -replace "$replace"; done
      go get -tool "$package@$version"
      CGO_ENABLED=0 go build -o "$target" "$package"
    )
    rm -rf "$module_dir"
  fi
  echo "install-tools: built $target in $((SECONDS - started)) s"
}

# The dev server's SQLite driver as the CLI pins it (modernc.org/sqlite v1.34.1) can leave its one
# connection answering "interrupted (9)" to every statement after a cancelled request, which takes
# the whole server down mid-run; v1.44.3, the version the Temporal server itself moved to, does not.
install_tool temporal github.com/temporalio/cli github.com/temporalio/cli/cmd/temporal "$TEMPORAL_CLI_VERSION" \
  modernc.org/sqlite=modernc.org/sqlite@v1.44.3
install_tool stripe-mock github.com/stripe/stripe-mock github.com/stripe/stripe-mock "$STRIPE_MOCK_VERSION"
# Jaeger's go.mod pins sarama (its Kafka client) with a replace.
install_tool jaeger github.com/jaegertracing/jaeger github.com/jaegertracing/jaeger/cmd/jaeger "$JAEGER_VERSION" \
  github.com/Shopify/sarama=github.com/Shopify/sarama@v1.33.0
install_tool promtool github.com/prometheus/prometheus github.com/prometheus/prometheus/cmd/promtool \
  "$PROMETHEUS_VERSION"
