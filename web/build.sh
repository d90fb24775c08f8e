#!/usr/bin/env bash
# Builds the site into web/dist: klscope compiled for the browser (wasm32), its JavaScript
# glue, and the static files (page, manifest, service worker, icons). Needs:
#   rustup target add wasm32-unknown-unknown
#   cargo install wasm-bindgen-cli --version <the wasm-bindgen version in Cargo.lock>
# (No wasm-opt: binaryen 108, Debian's, breaks the reference-type tables wasm-bindgen
# writes, and a newer one saves only about 9% of the compressed download.)
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build -p klscope-web --target wasm32-unknown-unknown --release
rm -rf web/dist
mkdir -p web/dist
wasm-bindgen target/wasm32-unknown-unknown/release/klscope_web.wasm \
  --out-dir web/dist --target web --no-typescript
cp web/static/* web/dist/
# A new build gets a new offline cache.
stamp=$(sha256sum web/dist/klscope_web_bg.wasm | cut -c1-16)
sed -i "s/BUILD_STAMP/$stamp/" web/dist/sw.js
gz() { gzip -9 -c "$1" | wc -c; }
echo "built web/dist: wasm $(gz web/dist/klscope_web_bg.wasm) bytes and JavaScript $(gz web/dist/klscope_web.js) bytes, gzip-compressed"
