#!/usr/bin/env bash
# Builds the coach as WebAssembly for the browser and writes it to the web crate's static files.
# The module is committed, so nobody else needs this toolchain: run this after changing the
# coach, and commit crates/kintsugi-web/static/coach.wasm with the change (CI checks it is current).
#
# rustup can't fetch a wasm target on this machine, but Debian's own Rust can build one:
# rustc-web and rust-web-src give a rustc with the standard library's source, lld gives wasm-ld,
# and binaryen gives wasm-opt. RUSTC_BOOTSTRAP unlocks -Zbuild-std for this one build only.
#
#   scripts/build-coach-wasm.sh [output path, default crates/kintsugi-web/static/coach.wasm]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-crates/kintsugi-web/static/coach.wasm}"

if ! [ -x /usr/bin/rustc ] || ! [ -d /usr/lib/rustlib/src/rust/library ] \
  || ! command -v wasm-ld >/dev/null || ! command -v wasm-opt >/dev/null; then
  echo "== installing Debian's Rust for WebAssembly (rustc-web, rust-web-src, lld, binaryen)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rustc-web rust-web-src lld binaryen >/dev/null
fi

echo "== building kintsugi-coach-wasm with $(/usr/bin/rustc --version)"
# Paths are remapped so the module doesn't depend on where the checkout or the registry is.
REGISTRY="${CARGO_HOME:-$HOME/.cargo}/registry/src"
RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld \
  RUSTFLAGS="--remap-path-prefix=$PWD=/kintsugi --remap-path-prefix=$REGISTRY=/registry" \
  cargo build -q -p kintsugi-coach-wasm --profile wasm --target wasm32-unknown-unknown \
    -Zbuild-std=std,panic_abort --target-dir target/wasm

RAW=target/wasm/wasm32-unknown-unknown/wasm/kintsugi_coach_wasm.wasm
# Rust's wasm32 target uses these post-MVP features (every current browser has them).
wasm-opt -Oz --enable-sign-ext --enable-bulk-memory --enable-mutable-globals \
  --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
  --strip-debug --strip-producers "$RAW" -o "$OUT"
echo "== $OUT: $(wc -c <"$OUT") bytes, $(gzip -9c "$OUT" | wc -c) gzipped"
