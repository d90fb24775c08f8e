#!/usr/bin/env bash
# Builds the site into web/dist: klscope compiled for the browser (wasm32), its JavaScript
# glue, and the static files (page, manifest, service worker, icons). Needs the wasm32
# target and the wasm-bindgen CLI of the version in Cargo.lock; both are checked first and
# installed when missing, as .ci/run does (KLSCOPE_NO_INSTALL=1: only say the command).
# (No wasm-opt: binaryen 108, Debian's, breaks the reference-type tables wasm-bindgen
# writes, and a newer one saves only about 9% of the compressed download.)
set -euo pipefail
cd "$(dirname "$0")/.."

# What is missing is said in one line, with the command that supplies it.
missing() {
  echo "web/build.sh: $1; run: $2" >&2
  exit 1
}
install_or_say() { # what, command...
  local what=$1
  shift
  if [ "${KLSCOPE_NO_INSTALL:-}" = 1 ]; then
    missing "$what" "$*"
  fi
  echo "web/build.sh: $what; running: $*" >&2
  "$@" || missing "$what, and installing it failed" "$*"
}

if ! command -v rustup >/dev/null 2>&1; then
  if ! rustc --print target-list 2>/dev/null | grep -qx wasm32-unknown-unknown ||
    ! [ -d "$(rustc --print sysroot)/lib/rustlib/wasm32-unknown-unknown" ]; then
    missing "the wasm32-unknown-unknown standard library is not installed (and there is no rustup)" \
      "install rustup from https://rustup.rs, then rustup target add wasm32-unknown-unknown"
  fi
elif ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  install_or_say "the wasm32-unknown-unknown target is not installed" rustup target add wasm32-unknown-unknown
fi
bindgen_version=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')
if ! wasm-bindgen --version 2>/dev/null | grep -qF "$bindgen_version"; then
  found=$(wasm-bindgen --version 2>/dev/null || echo "none")
  # Not --locked: one of wasm-bindgen-cli's locked dependencies is not in the registry.
  install_or_say "wasm-bindgen $bindgen_version is needed (Cargo.lock), found $found" \
    cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

cargo build -p klscope-web --target wasm32-unknown-unknown --release
rm -rf web/dist
mkdir -p web/dist
# Where cargo put it: CARGO_TARGET_DIR if set, else ./target.
wasm-bindgen "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/klscope_web.wasm" \
  --out-dir web/dist --target web --no-typescript
cp web/static/* web/dist/
# A new build gets a new offline cache.
stamp=$(sha256sum web/dist/klscope_web_bg.wasm | cut -c1-16)
sed -i "s/BUILD_STAMP/$stamp/" web/dist/sw.js
gz() { gzip -9 -c "$1" | wc -c; }
echo "built web/dist: wasm $(gz web/dist/klscope_web_bg.wasm) bytes and JavaScript $(gz web/dist/klscope_web.js) bytes, gzip-compressed"
