#!/usr/bin/env bash
# Fault injection on loopback, writing target/chaos/latest.json. Usage: scripts/chaos.sh [--quick]
#   worker kills     payment sagas with the worker role in its own process (API in another), the
#                    worker SIGKILLed at random moments and restarted
#   server restart   the Temporal dev server stopped and restarted on the same SQLite file while
#                    sagas run
#   gateway outage   the sandbox gateway answers with transient errors for a while
#   slow gateway     for 30 s the sandbox gateway answers after 1.5x the charge activity's
#                    start-to-close (beyond the gateway timeout: booked, then a read timeout)
#   lost answers     for 30 s every charge is booked by the gateway and its answer lost
#   cancel race      200 sagas (some declined first) and 20 subscriptions, with cancels, new payment
#                    methods and "cancel now" at random moments, mostly while their charges are in
#                    flight (the gateway answering after 0.75x its timeout for the first 20 s)
# and then fuzzes the same API (scripts/fuzz.sh, summary in target/chaos/fuzz.json).
# Faults are files every process looks at (SANDBOX_OUTAGE_FILE, SANDBOX_LATENCY_FILE,
# SANDBOX_LOST_ANSWER_FILE). The processes run with short gateway timeouts (2 s, margin 1 s, the
# charge and refund activities' start-to-close 4 s) so that timeouts and retries fit in a run.
# Each scenario waits until every order is final and its workflows have ended, then checks the books
# (scripts/chaos/books.py) in the database: the payments ledger and the sandbox gateway's own book
# against the orders and subscriptions (lost, double_charges, missing_charges, charged_unpaid,
# gateway_mismatches, charged_after_cancel, leaked_reservations: all must be 0), stock against paid
# quantities. Exits non-zero when a scenario or the fuzzing failed.
# Everything runs on its own ports (Temporal 27233/28233, API 28080, worker 28081; CHAOS_*_PORT)
# with its own H2 database and dev server under target/chaos/run, and is stopped on exit.
# Needs java 17, python3, curl and the Temporal CLI (TEMPORAL_CLI, PATH or .tools/bin; else
# scripts/install-tools.sh builds it). Builds the jar when it is missing.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

quick=false
[[ "${1:-}" == "--quick" ]] && quick=true
if $quick; then
  kill_orders=200; kills=2; restart_orders=100; outage_orders=100; outage_seconds=15
  slow_orders=100; lost_orders=100
else
  kill_orders=1000; kills=5; restart_orders=300; outage_orders=300; outage_seconds=60
  slow_orders=300; lost_orders=300
fi
fault_seconds=30; race_orders=200; race_subscriptions=20; race_latency_seconds=20
# Short gateway timeouts, in seconds, so that timeouts and their retries fit in a run. The gateway
# activities' start-to-close must be at least the timeout plus its margin (else the app refuses to start).
gateway_timeout=2; gateway_timeout_margin=1; gateway_start_to_close=4
drain_timeout="${CHAOS_DRAIN_TIMEOUT:-600}"
temporal_port="${CHAOS_TEMPORAL_PORT:-27233}"
temporal_ui_port="${CHAOS_TEMPORAL_UI_PORT:-28233}"
api_port="${CHAOS_API_PORT:-28080}"
worker_port="${CHAOS_WORKER_PORT:-28081}"
concurrency="${CHAOS_CONCURRENCY:-8}"

out_dir="$repo_root/target/chaos"
work="$out_dir/run"
rm -rf "$work"
mkdir -p "$work/logs"
admin_email="chaos-admin@partner-platform.test"
admin_password="chaos-admin-$RANDOM$RANDOM$RANDOM"
db_url="jdbc:h2:file:$work/db/chaos;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE"
outage_file="$work/gateway-outage"
latency_file="$work/gateway-latency"
lost_answer_file="$work/gateway-lost-answers"
started_at=$SECONDS
say() { echo "==> [$((SECONDS - started_at)) s] $*"; }

server_pid=""; api_pid=""; worker_pid=""
stop() { # stop <pid>: SIGTERM, SIGKILL after 15 s
  [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null || return 0
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 75); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.2; done
  kill -9 "$1" 2>/dev/null || true
}
cleanup() {
  rm -f "$outage_file" "$latency_file" "$lost_answer_file"
  stop "$worker_pid"; stop "$api_pid"; stop "$server_pid"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- tools and build ---------------------------------------------------------------------------------
temporal_cli="${TEMPORAL_CLI:-$(command -v temporal || true)}"
[[ -z "$temporal_cli" && -x .tools/bin/temporal ]] && temporal_cli="$repo_root/.tools/bin/temporal"
if [[ -z "$temporal_cli" ]]; then
  scripts/install-tools.sh
  temporal_cli="$repo_root/.tools/bin/temporal"
fi
jar="$(ls target/partner-platform-*.jar 2>/dev/null | grep -v original | head -n 1 || true)"
if [[ -z "$jar" || -n "$(find src/main pom.xml -newer "$jar" -type f 2>/dev/null | head -n 1)" ]]; then
  say "building the application jar"
  ./mvnw -q -DskipTests package
  jar="$(ls target/partner-platform-*.jar | grep -v original | head -n 1)"
fi
unzip -p "$jar" 'BOOT-INF/lib/h2-*.jar' > "$work/h2.jar"
# The activity timeouts (platform.temporal.activity-timeouts.<name>) behind the options of the
# activities that call the gateway, as the jar configures them: those are shortened.
gateway_timeout_names=$(unzip -p "$jar" BOOT-INF/classes/application.yml \
  | sed -n 's/^ *payment-\(charge\|refund\): *{ *timeout: *\([a-z-]*\).*/\2/p' | sort -u)
[[ -n "$gateway_timeout_names" ]] || { echo "no payment-charge/payment-refund options in application.yml" >&2; exit 1; }
timeout_args=(--platform.payment.gateway-timeout=${gateway_timeout}s
  --platform.payment.gateway-timeout-margin=${gateway_timeout_margin}s
  # Failed subscription charges are retried within the run.
  --platform.subscription.dunning-schedule=5s,10s,15s)
for name in $gateway_timeout_names; do
  timeout_args+=("--platform.temporal.activity-timeouts.$name=${gateway_start_to_close}s")
done
# slow gateway: 1.5x the charge's start-to-close; cancel race: in flight, but answered within the timeout.
slow_latency=$(python3 -c "print($gateway_start_to_close * 1.5)")
race_latency=$(python3 -c "print($gateway_timeout * 0.75)")

# --- processes ---------------------------------------------------------------------------------------
wait_http() { # wait_http <url> <seconds> <pid>
  for _ in $(seq 1 "$2"); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "process $3 died; see $work/logs" >&2; return 1; }
    sleep 1
  done
  echo "no answer from $1 within $2 s" >&2
  return 1
}
start_server() {
  "$temporal_cli" server start-dev --ip 127.0.0.1 --port "$temporal_port" --ui-port "$temporal_ui_port" \
    --headless --db-filename "$work/temporal.sqlite" --sqlite-pragma journal_mode=wal \
    --sqlite-pragma synchronous=normal --log-level warn >>"$work/logs/temporal.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 60); do (exec 3<>"/dev/tcp/127.0.0.1/$temporal_port") 2>/dev/null && return 0; sleep 1; done
  echo "the dev server did not listen" >&2; return 1
}
start_app() { # start_app <role> <port>: prints the pid
  (cd "$work" && exec env PLATFORM_ROLE="$1" PORT="$2" PLATFORM_DATA_DIR="$work/$1" LOG_DIR="$work/logs/$1" \
    TEMPORAL_MODE=external TEMPORAL_ADDRESS="127.0.0.1:$temporal_port" DATABASE_URL="$db_url" \
    DATABASE_USERNAME=sa DATABASE_PASSWORD= SMTP_EMBEDDED_PORT=0 SANDBOX_OUTAGE_FILE="$outage_file" \
    SANDBOX_LATENCY_FILE="$latency_file" SANDBOX_LOST_ANSWER_FILE="$lost_answer_file" \
    PLATFORM_JWT_SECRET="chaos-$admin_password-signing-secret-of-sufficient-length" \
    PLATFORM_ADMIN_EMAIL="$admin_email" PLATFORM_ADMIN_PASSWORD="$admin_password" \
    java -Xmx384m -XX:+UseSerialGC -jar "$repo_root/$jar" "${timeout_args[@]}" >>"$work/logs/$1.out" 2>&1) &
  echo $!
}
start_api() {
  api_pid=$(start_app api "$api_port")
  wait_http "http://127.0.0.1:$api_port/actuator/health" 180 "$api_pid"
}
start_worker() {
  worker_pid=$(start_app worker "$worker_port")
  wait_http "http://127.0.0.1:$worker_port/actuator/health" 180 "$worker_pid"
}

# --- one scenario ------------------------------------------------------------------------------------
load() { # load <sku> <orders>: runs the driver in the background, its summary in $work/<sku>.json
  python3 scripts/chaos/driver.py "http://127.0.0.1:$api_port" "$admin_email" "$admin_password" "$1" "$2" \
    $(( $2 * 3 )) "$concurrency" > "$work/$1.json" &
  load_pid=$!
}
logged() { # logged <phrase>: how often the worker logged it so far
  cat "$work"/logs/worker/*.log 2>/dev/null | grep -c "$1" || true
}
report() { # report <name> <sku> <driver summary> <initial stock> <extra json> [<plan>]: drains, then checks the books
  python3 scripts/chaos/books.py check "$work/$1.result.json" "$1" --h2 "$work/h2.jar" --url "$db_url" \
    --sku "$2" --driver "$3" --stock "$4" --drain-timeout "$drain_timeout" --temporal "$temporal_cli" \
    --address "127.0.0.1:$temporal_port" --extra "{$5}" ${6:+--plan "$6"} | sed "s/^/==> $1: /"
}

say "starting the dev server (127.0.0.1:$temporal_port), the API ($api_port) and a worker ($worker_port)"
start_server
start_api
start_worker

# 1. Worker kills.
sku="CHAOS-KILL-$RANDOM"
say "worker kills: $kill_orders sagas, $kills SIGKILLs"
load "$sku" "$kill_orders"
for k in $(seq 1 "$kills"); do
  sleep $(( 3 + RANDOM % 8 ))
  say "SIGKILL worker (pid $worker_pid), kill $k of $kills"
  kill -9 "$worker_pid" 2>/dev/null || true
  wait "$worker_pid" 2>/dev/null || true
  sleep $(( 1 + RANDOM % 3 ))
  start_worker
done
wait "$load_pid"
report worker_kills "$sku" "$work/$sku.json" $(( kill_orders * 3 )) "\"kills\": $kills"

# 2. Dev server restart.
sku="CHAOS-RESTART-$RANDOM"
say "server restart: $restart_orders sagas"
load "$sku" "$restart_orders"
sleep 5
say "stopping the dev server (pid $server_pid)"
stop "$server_pid"
sleep 5
start_server
say "dev server back (pid $server_pid)"
wait "$load_pid"
report server_restart "$sku" "$work/$sku.json" $(( restart_orders * 3 )) "\"restarts\": 1"

# 3. Gateway outage.
sku="CHAOS-OUTAGE-$RANDOM"
say "gateway outage: $outage_orders sagas, $outage_seconds s outage"
touch "$outage_file"
load "$sku" "$outage_orders"
sleep "$outage_seconds"
rm -f "$outage_file"
say "gateway back"
wait "$load_pid"
refused=$(logged "outage switched on")
report gateway_outage "$sku" "$work/$sku.json" $(( outage_orders * 3 )) \
  "\"outage_seconds\": $outage_seconds, \"transient_errors_logged\": $refused"

# 4. Slow gateway: every request booked, its answer later than the gateway timeout.
sku="CHAOS-SLOW-$RANDOM"
say "slow gateway: $slow_orders sagas, $fault_seconds s of answers after $slow_latency s"
timed_out_before=$(logged "no answer within platform.payment.gateway-timeout")
echo "$slow_latency" > "$latency_file"
load "$sku" "$slow_orders"
sleep "$fault_seconds"
rm -f "$latency_file"
say "gateway fast again"
wait "$load_pid"
report slow_gateway "$sku" "$work/$sku.json" $(( slow_orders * 3 )) "\"fault_seconds\": $fault_seconds, \
\"latency_seconds\": $slow_latency, \"gateway_timeout_seconds\": $gateway_timeout, \
\"start_to_close_seconds\": $gateway_start_to_close, \
\"timeouts_logged\": $(( $(logged "no answer within platform.payment.gateway-timeout") - timed_out_before ))"

# 5. Lost answers: every charge booked, its answer lost.
sku="CHAOS-LOST-$RANDOM"
say "lost answers: $lost_orders sagas, $fault_seconds s of lost answers"
lost_before=$(logged "answer lost (lost-answer file)")
touch "$lost_answer_file"
load "$sku" "$lost_orders"
sleep "$fault_seconds"
rm -f "$lost_answer_file"
say "answers arrive again"
wait "$load_pid"
report lost_answers "$sku" "$work/$sku.json" $(( lost_orders * 3 )) "\"fault_seconds\": $fault_seconds, \
\"answers_lost_logged\": $(( $(logged "answer lost (lost-answer file)") - lost_before ))"

# 6. Cancel race: cancels and new payment methods at random moments, charges in flight.
sku="CHAOS-RACE-$RANDOM"
plan="chaos-race-$RANDOM"
say "cancel race: $race_orders sagas, $race_subscriptions subscriptions, answers after $race_latency s for $race_latency_seconds s"
slowed_before=$(logged "latency switched on")
echo "$race_latency" > "$latency_file"
python3 scripts/chaos/races.py "http://127.0.0.1:$api_port" "$admin_email" "$admin_password" "$sku" "$plan" \
  "$race_orders" "$race_subscriptions" "$concurrency" > "$work/$sku.json" &
race_pid=$!
sleep "$race_latency_seconds"
rm -f "$latency_file"
say "gateway fast again"
wait "$race_pid"
report cancel_race "$sku" "$work/$sku.json" $(( race_orders * 3 )) "\"latency_seconds\": $race_latency, \
\"latency_for_seconds\": $race_latency_seconds, \
\"slowed_requests_logged\": $(( $(logged "latency switched on") - slowed_before ))" "$plan"

# 7. Bad input, against the same API.
say "fuzzing the API (scripts/fuzz.sh)"
rm -f "$out_dir/fuzz.json"
FUZZ_API="http://127.0.0.1:$api_port" FUZZ_ADMIN_EMAIL="$admin_email" FUZZ_ADMIN_PASSWORD="$admin_password" \
  scripts/fuzz.sh $($quick && echo --quick) || true

python3 scripts/chaos/books.py summarize "$work" "$out_dir/latest.json" "$quick" "$out_dir/fuzz.json" \
  worker_kills server_restart gateway_outage slow_gateway lost_answers cancel_race
