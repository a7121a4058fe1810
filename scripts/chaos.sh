#!/usr/bin/env bash
# Fault injection on loopback, writing target/chaos/latest.json. Usage: scripts/chaos.sh [--quick]
#   worker kills     payment sagas with the worker role in its own process (API in another), the
#                    worker SIGKILLed at random moments and restarted
#   server restart   the Temporal dev server stopped and restarted on the same SQLite file while
#                    sagas run
#   gateway outage   the sandbox gateway answers with transient errors for a while
# and then fuzzes the same API (scripts/fuzz.sh, summary in target/chaos/fuzz.json).
# Each scenario waits until every order is final and then checks the books in the database: charges
# in the ledger against paid orders, stock against paid quantities, reservations still held.
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
else
  kill_orders=1000; kills=5; restart_orders=300; outage_orders=300; outage_seconds=60
fi
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
  rm -f "$outage_file"
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

sql() { # sql <query>: the single value the query returns
  java -cp "$work/h2.jar" org.h2.tools.Shell -url "$db_url" -user sa -password "" -sql "$1" 2>/dev/null \
    | sed -n 2p | tr -d ' '
}

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
    PLATFORM_JWT_SECRET="chaos-$admin_password-signing-secret-of-sufficient-length" \
    PLATFORM_ADMIN_EMAIL="$admin_email" PLATFORM_ADMIN_PASSWORD="$admin_password" \
    java -Xmx384m -XX:+UseSerialGC -jar "$repo_root/$jar" >>"$work/logs/$1.out" 2>&1) &
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
not_final() {
  sql "select count(*) from orders o where exists (select 1 from order_items i where i.order_id = o.id and i.sku = '$1') and o.status in ('pending', 'awaiting_payment_method')"
}
drain() { # drain <sku>: seconds until every order of the sku is final, or -1
  local from=$SECONDS
  while (( SECONDS - from < drain_timeout )); do
    [[ "$(not_final "$1")" == "0" ]] && { echo $((SECONDS - from)); return; }
    sleep 3
  done
  echo -1
}
report() { # report <name> <sku> <orders> <drain seconds> <extra json>
  local sku=$2 in_sku="exists (select 1 from order_items i where i.order_id = o.id and i.sku = '$2')"
  local per_order="select o.id, o.status, (select count(*) from payment_ledger l where l.order_id = o.id and l.kind = 'charge') - (select count(*) from payment_ledger l where l.order_id = o.id and l.kind = 'refund') as net from orders o where $in_sku"
  local created paid failed cancelled pending double missing stock expected leaked
  created=$(sql "select count(*) from orders o where $in_sku")
  paid=$(sql "select count(*) from orders o where $in_sku and o.status = 'paid'")
  failed=$(sql "select count(*) from orders o where $in_sku and o.status = 'payment_failed'")
  cancelled=$(sql "select count(*) from orders o where $in_sku and o.status = 'cancelled'")
  pending=$(not_final "$sku")
  double=$(sql "select coalesce(sum(case when net > (case when status = 'paid' then 1 else 0 end) then net - (case when status = 'paid' then 1 else 0 end) else 0 end), 0) from ($per_order) t")
  missing=$(sql "select count(*) from ($per_order) t where status = 'paid' and net < 1")
  stock=$(sql "select stock from products where sku = '$sku'")
  expected=$(( $3 * 3 - $(sql "select coalesce(sum(i.quantity), 0) from order_items i join orders o on o.id = i.order_id where i.sku = '$sku' and o.status = 'paid'") ))
  leaked=$(sql "select count(*) from inventory_reservations r join orders o on o.id = r.order_id where r.sku = '$sku' and r.status = 'held' and o.status <> 'pending' and o.status <> 'awaiting_payment_method'")
  local submitted lost
  submitted=$(python3 -c "import json;print(json.load(open('$work/$sku.json'))['submitted'])")
  lost=$(( submitted - created + pending ))
  cat > "$work/$1.result.json" <<JSON
{"scenario": "$1", "orders": $submitted, "created": $created, "paid": $paid, "payment_failed": $failed,
 "cancelled": $cancelled, "not_final": $pending, "lost": $lost, "double_charges": $double,
 "missing_charges": $missing, "stock": $stock, "expected_stock": $expected,
 "stock_matches": $([[ "$stock" == "$expected" ]] && echo true || echo false),
 "leaked_reservations": $leaked, "drain_seconds": $4, "driver": $(cat "$work/$sku.json"), $5}
JSON
  say "$1: $(tr -d '\n' < "$work/$1.result.json")"
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
report worker_kills "$sku" "$kill_orders" "$(drain "$sku")" "\"kills\": $kills"

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
report server_restart "$sku" "$restart_orders" "$(drain "$sku")" "\"restarts\": 1"

# 3. Gateway outage.
sku="CHAOS-OUTAGE-$RANDOM"
say "gateway outage: $outage_orders sagas, $outage_seconds s outage"
touch "$outage_file"
load "$sku" "$outage_orders"
sleep "$outage_seconds"
rm -f "$outage_file"
say "gateway back"
wait "$load_pid"
refused=$(cat "$work"/logs/worker/*.log 2>/dev/null | grep -c "outage switched on" || true)
report gateway_outage "$sku" "$outage_orders" "$(drain "$sku")" \
  "\"outage_seconds\": $outage_seconds, \"transient_errors_logged\": $refused"

# 4. Bad input, against the same API.
say "fuzzing the API (scripts/fuzz.sh)"
rm -f "$out_dir/fuzz.json"
FUZZ_API="http://127.0.0.1:$api_port" FUZZ_ADMIN_EMAIL="$admin_email" FUZZ_ADMIN_PASSWORD="$admin_password" \
  scripts/fuzz.sh $($quick && echo --quick) || true

python3 - "$work" "$out_dir/latest.json" "$quick" "$out_dir/fuzz.json" <<'PY'
import json, os, sys, datetime
work, target, quick, fuzz_path = sys.argv[1], sys.argv[2], sys.argv[3] == "true", sys.argv[4]
scenarios = [json.load(open(f"{work}/{name}.result.json")) for name in ("worker_kills", "server_restart", "gateway_outage")]
total = {key: sum(s[key] for s in scenarios) for key in ("lost", "double_charges", "leaked_reservations", "missing_charges")}
fuzz = json.load(open(fuzz_path)) if os.path.exists(fuzz_path) else {"ok": False, "error": "no fuzz.json"}
fuzz = {k: fuzz.get(k) for k in ("cases", "server_errors", "leaks", "not_problem_json", "ok", "error") if k in fuzz}
ok = all(v == 0 for v in total.values()) and all(s["stock_matches"] and s["drain_seconds"] >= 0 for s in scenarios)
ok = ok and fuzz["ok"]
summary = {"finished_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
           "quick": quick, **total, "fuzz": fuzz, "ok": ok, "scenarios": scenarios}
json.dump(summary, open(target, "w"), indent=2)
print(json.dumps({k: summary[k] for k in ("lost", "double_charges", "leaked_reservations", "missing_charges", "fuzz", "ok")}))
sys.exit(0 if ok else 1)
PY
