#!/usr/bin/env bash
# Benchmarks the platform on this machine (see "Performance" in README.md):
#   scripts/bench.sh [--quick]
# Provides PostgreSQL (started if it is not running; a database of its own, emptied first), builds the
# application jar once, starts the application in dev-server mode with the sandbox gateway - with a
# Temporal dev server of its own on other ports than the usual 7233 - and drives the public HTTP API
# with the load generator scripts/bench/Bench.java. Then measures start-up (in-memory and dev-server
# modes). Prints a table and writes target/bench/latest.json (every figure: median, min, max of >= 3
# repetitions). Loopback only; everything it starts is stopped on exit.
# Optional overrides: PLATFORM_BENCH_DATABASE (default partner_platform_bench), PLATFORM_BENCH_PORT
# (application HTTP port, default 18080; the start-up runs use the next one), PLATFORM_BENCH_TEMPORAL_PORT
# (default 17233; the start-up runs use the next one), TEMPORAL_CLI (default .tools/bin/temporal),
# BENCH_JAVA (the java that runs the application, default java on the PATH), BENCH_JAVA_OPTS (its
# JVM options), BENCH_SKIP_BUILD=1 (reuse target/partner-platform-*.jar).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

quick=false
case "${1:-}" in
  --quick) quick=true ;;
  "") ;;
  *) echo "usage: scripts/bench.sh [--quick]" >&2; exit 2 ;;
esac

db_name="${PLATFORM_BENCH_DATABASE:-partner_platform_bench}"
db_user=partner_platform
db_password=partner_platform
app_port="${PLATFORM_BENCH_PORT:-18080}"
temporal_port="${PLATFORM_BENCH_TEMPORAL_PORT:-17233}"
temporal_cli="${TEMPORAL_CLI:-$repo_root/.tools/bin/temporal}"
app_java="${BENCH_JAVA:-java}"
# The same heap for every run, so that heap figures compare across machines with more memory.
app_java_opts="${BENCH_JAVA_OPTS:--Xmx1g}"
admin_email=bench-admin@partner-platform.test
admin_password=bench-admin-password-0123456789

bench_dir="$repo_root/target/bench"
mkdir -p "$bench_dir"
started_at=$SECONDS
step() { echo; echo "==> [$((SECONDS - started_at)) s] $*"; }

app_pid=""
load_pid=""
# stop_app: stops the application this script started (its dev server stops with it), forcibly after
# 30 s; then any dev server it reported starting that is still alive.
stop_app() {
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    for _ in $(seq 1 150); do
      kill -0 "$app_pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -9 "$app_pid" 2>/dev/null || true
  fi
  if [[ -n "${app_log:-}" && -f "$app_log" ]]; then
    local server_pid
    server_pid="$(grep -o 'Started the Temporal dev server (pid [0-9]*' "$app_log" | grep -o '[0-9]*$' | tail -n 1 || true)"
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
      kill "$server_pid" 2>/dev/null || true
    fi
  fi
  app_pid=""
}
# Bash runs traps only between foreground commands, so the Java programs run in the background.
cleanup() {
  if [[ -n "$load_pid" ]]; then
    kill "$load_pid" 2>/dev/null || true
  fi
  stop_app
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- PostgreSQL (as .ci/run does) -------------------------------------------------------------------
step "PostgreSQL"
if pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "PostgreSQL already accepts connections on 127.0.0.1:5432"
else
  if [[ -z "$(pg_lsclusters --no-header 2>/dev/null)" ]]; then
    echo "No PostgreSQL cluster: install Debian's postgresql package (see .ci/run)" >&2
    exit 1
  fi
  pg_lsclusters --no-header | while read -r version cluster port status _; do
    if [[ "$status" != online* ]]; then
      echo "Starting PostgreSQL cluster $version/$cluster (port $port)"
      pg_ctlcluster "$version" "$cluster" start </dev/null
    fi
  done
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 1
  done
  pg_isready -h 127.0.0.1 -p 5432
fi
as_owner() { PGPASSWORD="$db_password" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U "$db_user" -d "$db_name" "$@" </dev/null; }
if ! as_owner -c "SELECT 1" >/dev/null 2>&1; then
  as_postgres() { (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 "$@" </dev/null); }
  as_postgres -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$db_user') THEN
        CREATE ROLE $db_user LOGIN PASSWORD '$db_password';
      END IF;
    END \$\$;"
  as_postgres -c "CREATE DATABASE $db_name OWNER $db_user"
fi
# Every run starts from an empty schema: earlier runs' rows would change what is measured.
as_owner -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;"
echo "Database $db_name emptied"

# --- Build ------------------------------------------------------------------------------------------
step "Build"
if [[ ! -x "$temporal_cli" ]]; then
  scripts/install-tools.sh
fi
if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  ./mvnw -q -Dmaven.test.skip=true package
fi
jar="$(ls target/partner-platform-*.jar | grep -v -- '-plain\|sources' | head -n 1)"
echo "Application: $jar; Temporal CLI: $temporal_cli"

# start_app <mode> <http port> <temporal port> <data dir> [java argument...]: starts the application in
# the background and sets app_pid and app_log; the java arguments default to "-jar <the jar>".
start_app() {
  local mode="$1" port="$2" tport="$3" data="$4"
  shift 4
  local launch=("$@")
  [[ ${#launch[@]} -gt 0 ]] || launch=(-jar "$jar")
  for p in "$port" "$tport" "$((tport + 1000))" "$((port + 3000))"; do
    if port_open "$p"; then
      echo "Port $p is taken; set PLATFORM_BENCH_PORT / PLATFORM_BENCH_TEMPORAL_PORT" >&2
      exit 1
    fi
  done
  rm -rf "$data"
  mkdir -p "$data"
  app_log="$data/app.log"
  # shellcheck disable=SC2086 # word splitting of the JVM options is wanted
  env PORT="$port" PLATFORM_DATA_DIR="$data" LOG_DIR="$data/logs" \
    DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$db_name" \
    DATABASE_USERNAME="$db_user" DATABASE_PASSWORD="$db_password" \
    TEMPORAL_MODE="$mode" TEMPORAL_ADDRESS="127.0.0.1:$tport" TEMPORAL_UI_PORT="$((tport + 1000))" \
    TEMPORAL_CLI="$temporal_cli" PAYMENT_GATEWAY=sandbox SMTP_EMBEDDED_PORT="$((port + 3000))" \
    PUBLIC_BASE_URL="http://127.0.0.1:$port" PLATFORM_JWT_SECRET=bench-jwt-secret-0123456789abcdef0123456789 \
    PLATFORM_ADMIN_EMAIL="$admin_email" PLATFORM_ADMIN_PASSWORD="$admin_password" \
    "$app_java" $app_java_opts "${launch[@]}" </dev/null >"$app_log" 2>&1 &
  app_pid=$!
}

# await_ready <start nanos> <http port>: waits (at most 180 s) until the readiness probe answers UP; prints the seconds
# since start_app.
await_ready() {
  local port="$2"
  for _ in $(seq 1 1800); do
    if curl -fs "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
      awk -v now="$(date +%s%N)" -v begun="$1" 'BEGIN { printf "%.2f\n", (now - begun) / 1e9 }'
      return
    fi
    if ! kill -0 "$app_pid" 2>/dev/null; then
      echo "The application exited; see $app_log" >&2
      tail -n 40 "$app_log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "The application was not ready within 180 s; see $app_log" >&2
  exit 1
}

# --- Load scenarios ---------------------------------------------------------------------------------
step "Application in dev-server mode (HTTP $app_port, Temporal $temporal_port)"
begun="$(date +%s%N)"
start_app dev-server "$app_port" "$temporal_port" "$bench_dir/run"
seconds="$(await_ready "$begun" "$app_port")"
echo "Ready after $seconds s (pid $app_pid, log $app_log)"

step "Load scenarios"
load_args=(--base "http://127.0.0.1:$app_port" --pid "$app_pid" --admin-email "$admin_email"
  --admin-password "$admin_password" --temporal-cli "$temporal_cli" --temporal-address "127.0.0.1:$temporal_port"
  --out "$bench_dir/load.json")
$quick && load_args+=(--quick)
[[ -n "${BENCH_SCENARIOS:-}" ]] && load_args+=(--scenarios "$BENCH_SCENARIOS")
[[ -n "${BENCH_OPEN_WORKFLOWS:-}" ]] && load_args+=(--open-workflows "$BENCH_OPEN_WORKFLOWS")
java scripts/bench/Bench.java load "${load_args[@]}" &
load_pid=$!
wait "$load_pid"
load_pid=""
stop_app
if [[ -n "${BENCH_SCENARIOS:-}" ]]; then
  echo "Trial of $BENCH_SCENARIOS only: figures in $bench_dir/load.json, no report"
  exit 0
fi

# --- Start-up ---------------------------------------------------------------------------------------
# Measured as README "Faster start-up" deploys: the jar extracted, with a class-data-sharing archive
# from a training run; in the full run the plain `java -jar` too, for comparison.
step "Start-up: process start to readiness UP, 3 times per mode"
startup_port=$((app_port + 1))
startup_temporal_port=$((temporal_port + 1))
app_dir="$bench_dir/app"
rm -rf "$app_dir"
"$app_java" -Djarmode=tools -jar "$jar" extract --destination "$app_dir"
extracted="$app_dir/$(basename "$jar")"
start_app in-memory "$startup_port" "$startup_temporal_port" "$bench_dir/startup" \
  -XX:ArchiveClassesAtExit="$app_dir/application.jsa" -Dspring.context.exit=onRefresh -jar "$extracted"
wait "$app_pid" || { echo "The training run failed; see $app_log" >&2; tail -n 40 "$app_log" >&2; exit 1; }
app_pid=""
echo "Class-data-sharing archive: $(du -h "$app_dir/application.jsa" | cut -f1)"
cds_launch=(-XX:SharedArchiveFile="$app_dir/application.jsa" -jar "$extracted")
declare -A startup=()
startup_modes=(in-memory dev-server)
$quick || startup_modes+=(in-memory-plain-jar)
for rep in 1 2 3; do
  for mode in "${startup_modes[@]}"; do
    begun="$(date +%s%N)"
    if [[ "$mode" == in-memory-plain-jar ]]; then
      start_app in-memory "$startup_port" "$startup_temporal_port" "$bench_dir/startup"
    else
      start_app "$mode" "$startup_port" "$startup_temporal_port" "$bench_dir/startup" "${cds_launch[@]}"
    fi
    seconds="$(await_ready "$begun" "$startup_port")"
    echo "  $mode, repetition $rep: $seconds s"
    startup[$mode]="${startup[$mode]:+${startup[$mode]},}$seconds"
    stop_app
  done
done

# --- Report -----------------------------------------------------------------------------------------
step "Report"
java scripts/bench/Bench.java report --load "$bench_dir/load.json" --out "$bench_dir/latest.json" \
  --startup-in-memory "${startup[in-memory]}" --startup-dev-server "${startup[dev-server]}" \
  ${startup[in-memory-plain-jar]:+--startup-in-memory-plain-jar "${startup[in-memory-plain-jar]}"} \
  --machine "$(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB RAM, $(uname -sr), app on $("$app_java" -version 2>&1 | head -n 1)" \
  --mode "$($quick && echo quick || echo full)${BENCH_OPEN_WORKFLOWS:+, $BENCH_OPEN_WORKFLOWS approvals opened}"
echo "Wrote $bench_dir/latest.json in $((SECONDS - started_at)) s"
