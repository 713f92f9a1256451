# Sourced by the load scripts: starts the release binary (KINTSUGI_BIN, or built here) on a free
# loopback port with a fresh data folder and rate limits off, waits until it is ready, and
# stops it and removes the folder on exit. Sets BIN, DATA, PORT, BASE and PID.
BIN="${KINTSUGI_BIN:-}"
if [ -z "$BIN" ]; then
  cargo build --release -q -p kintsugi
  BIN=./target/release/kintsugi
fi
DATA=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
KINTSUGI_RATE_LIMITS=off KINTSUGI_LOG=warn "$BIN" serve \
  --bind "127.0.0.1:$PORT" --data-dir "$DATA" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 100); do curl -sf "$BASE/readyz" >/dev/null && break; sleep 0.1; done
