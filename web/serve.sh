#!/usr/bin/env bash
# Serves web/dist (made by web/build.sh) on this computer only, and prints the address.
# Share links made with `klscope link` start with this address by default.
set -euo pipefail
cd "$(dirname "$0")/dist" 2>/dev/null || { echo "serve.sh: no web/dist yet: run web/build.sh first" >&2; exit 2; }
port=${PORT:-8080}
echo "klscope is at http://127.0.0.1:$port/ (Ctrl+C stops it)"
exec python3 -m http.server "$port" --bind 127.0.0.1
