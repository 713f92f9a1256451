#!/usr/bin/env bash
# Load test with history: the release binary on a temporary SQLite database, loopback only,
# bounded in time. Seeds a couple with a busy year behind them (each: 300 trigger entries, 60
# reflections half shared, 20 talks, 10 agreements, 10 daily promises; times SCALE for the
# triggers and reflections), then measures, next to GET /healthz in the same run: Home, the
# inbox, the triggers page, the reflections list, /api/v1/me, the Support page and a whole
# export (everything of a busy year: its cost grows with the past by design); and the server's
# peak memory.
#
#   scripts/load-history.sh [seconds per endpoint, default 10] [connections, default 64] [scale, default 1]
#
# MEMORY=1 then also runs scripts/load-memory.py on the same server: 5,000 reflections of
# 10,000 characters listed by 30 clients at once, another person's latency, peak memory.
# KINTSUGI_BIN=path runs that binary instead of building this checkout (to compare two builds).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
CONNECTIONS="${2:-64}"
SCALE="${3:-1}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }

# shellcheck source=scripts/start-server.sh
source scripts/start-server.sh

echo "== seeding a busy year (scale $SCALE)"
python3 scripts/seed-history.py "$BASE" "$SCALE" > "$DATA/tokens"
read -r ALEX SAM < "$DATA/tokens"

run() {
  local name="$1"; shift
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" 2>&1 | tee "$DATA/$name.txt" >/dev/null
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$DATA/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$DATA/$name.txt")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$DATA/$name.txt" | tr '\n' ' ')
  printf '%-14s %10s req/s   p99 %9s   %s\n' "$name" "$rps" "$p99" "$errors"
  echo "$rps" > "$DATA/$name.rps"
}

AUTH=(-H "Authorization: Bearer $ALEX")
COOKIE=(-H "Cookie: kintsugi_session=$ALEX")
echo "== $CONNECTIONS connections, ${DURATION}s each, 2 client threads"
run healthz "$BASE/healthz"
run home "$BASE/" "${COOKIE[@]}"
run inbox "$BASE/api/v1/inbox" "${AUTH[@]}"
run triggers "$BASE/triggers" "${COOKIE[@]}"
run reflections "$BASE/api/v1/reflections" "${AUTH[@]}"
run me "$BASE/api/v1/me" "${AUTH[@]}"
run support "$BASE/support" "${COOKIE[@]}"
run export "$BASE/api/v1/export" "${AUTH[@]}"
python3 - "$DATA" <<'PY'
import sys
d = sys.argv[1]
h = float(open(f"{d}/healthz.rps").read())
for name in ["home", "inbox", "triggers", "reflections", "me", "support", "export"]:
    r = float(open(f"{d}/{name}.rps").read())
    print(f"ratio {name:12} : /healthz = {r / h:.3f}")
PY
echo "server peak resident memory: $(awk '/VmHWM/ {print $2, $3}' /proc/$PID/status)"
if [ "${MEMORY:-0}" = 1 ]; then
  echo "== memory with a long history"
  python3 scripts/load-memory.py "$BASE" "$PID" 5000 20
fi
