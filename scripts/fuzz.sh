#!/usr/bin/env bash
# Bad input: schemathesis (from PyPI, into .tools/venv-fuzz) generates requests from the running
# application's /v3/api-docs, sent with an admin's token; scripts/chaos/fuzz.py then checks every
# answer (no 5xx, no stack trace or internal class name, errors as application/problem+json) and
# writes target/chaos/fuzz.json. Usage: FUZZ_API=http://127.0.0.1:8080 FUZZ_ADMIN_EMAIL=...
# FUZZ_ADMIN_PASSWORD=... scripts/fuzz.sh [--quick]   (scripts/chaos.sh runs it on its own API)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
api="${FUZZ_API:-http://127.0.0.1:8080}"
examples=15; minimum=2000
if [[ "${1:-}" == "--quick" ]]; then examples=5; minimum=300; fi
out_dir="$repo_root/target/chaos"
mkdir -p "$out_dir/fuzz"

venv="$repo_root/.tools/venv-fuzz"
if [[ ! -x "$venv/bin/schemathesis" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "schemathesis==4.32.5"
fi
token="$(curl -fsS -H 'Content-Type: application/json' \
  -d "{\"email\":\"$FUZZ_ADMIN_EMAIL\",\"password\":\"$FUZZ_ADMIN_PASSWORD\"}" "$api/api/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"

# The event stream never ends; logout would end the fuzzing session's own token.
"$venv/bin/schemathesis" run "$api/v3/api-docs" --url "$api" -H "Authorization: Bearer $token" \
  --max-examples "$examples" --seed 20261126 --workers 2 --request-timeout 20 --no-color \
  --exclude-path /api/notifications/stream --exclude-path /api/auth/logout \
  --checks not_a_server_error --report har --report-har-path "$out_dir/fuzz/cases.har" \
  --warnings off > "$out_dir/fuzz/schemathesis.txt" 2>&1 || true
python3 scripts/chaos/fuzz.py "$out_dir/fuzz/cases.har" "$out_dir/fuzz.json" "$minimum"
