#!/usr/bin/env bash
# Load test: the release binary on a temporary SQLite database, loopback only, bounded in time.
# Reports requests/s and latency percentiles for GET /api/v1/me (authenticated) and
# GET /api/v1/reflections (20 sealed entries of 500 characters, opened on every request) next to
# GET /healthz (the baseline) in the same run, and the server's peak resident memory.
#
#   scripts/load.sh [seconds per endpoint, default 10] [connections, default 64]
#
# KINTSUGI_BIN=path runs that binary instead of building this checkout (to compare two builds).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
CONNECTIONS="${2:-64}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }

# shellcheck source=scripts/start-server.sh
source scripts/start-server.sh

PASSWORD="river lantern quietly ninety"
curl -sf -X POST "$BASE/api/v1/accounts" -H 'content-type: application/json' \
  -d "{\"username\":\"load\",\"display_name\":\"Load\",\"password\":\"$PASSWORD\"}" >/dev/null
TOKEN=$(curl -sf -X POST "$BASE/api/v1/sessions" -H 'content-type: application/json' \
  -d "{\"username\":\"load\",\"password\":\"$PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

# Twenty reflections of 500 characters each, private (sealed with the person's own key).
TEXT=$(python3 -c 'print(("I keep coming back to that night. " * 20)[:500])')
for _ in $(seq 20); do
  curl -sf -X POST "$BASE/api/v1/reflections" -H 'content-type: application/json' \
    -H "Authorization: Bearer $TOKEN" -d "{\"text\":\"$TEXT\"}" >/dev/null
done

run() {
  local name="$1"; shift
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" 2>&1 | tee "$DATA/$name.txt" >/dev/null
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$DATA/$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$DATA/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$DATA/$name.txt")
  printf '%-18s %12s req/s   p50 %9s   p99 %9s\n' "$name" "$rps" "$p50" "$p99"
  echo "$rps" > "$DATA/$name.rps"
}

echo "== $CONNECTIONS connections, ${DURATION}s each, 2 client threads"
run healthz "$BASE/healthz"
run me "$BASE/api/v1/me" -H "Authorization: Bearer $TOKEN"
run reflections "$BASE/api/v1/reflections" -H "Authorization: Bearer $TOKEN"
python3 - "$DATA" <<'PY'
import sys
d = sys.argv[1]
h = float(open(f"{d}/healthz.rps").read())
for name, path in [("me", "/api/v1/me"), ("reflections", "/api/v1/reflections (20 x 500 chars)")]:
    r = float(open(f"{d}/{name}.rps").read())
    print(f"ratio {path} : /healthz = {r / h:.2f}")
PY
echo "server peak resident memory: $(awk '/VmHWM/ {print $2, $3}' /proc/$PID/status)"
