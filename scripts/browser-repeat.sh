#!/usr/bin/env bash
# Runs the browser suite N times in a row (default 10) and stops at the first failure, to show
# that it does not fail by chance. --limited-fonts runs it under a font configuration limited to
# DejaVu and Liberation. Usage: scripts/browser-repeat.sh [N] [--limited-fonts]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=10
for arg in "$@"; do
  case "$arg" in
    --limited-fonts) export FONTCONFIG_FILE="$PWD/scripts/fontconfig/dejavu-liberation.conf" ;;
    *) runs="$arg" ;;
  esac
done
export DJANGO_SETTINGS_MODULE=tdc.settings
export TDC_SECRET_KEY="${TDC_SECRET_KEY:-test-only-secret-key-not-for-production-use-0123456789}"
export TDC_COMPLAINT_KEY="${TDC_COMPLAINT_KEY:-WypwDMOwzzJ2WIzjLa-w0d3xr82J60m_7p2sUYuzKh0=}"
export TDC_TEST_SQLITE_ON_DISK=1 TDC_REQUIRE_BROWSER=1
for i in $(seq 1 "$runs"); do
  start=$SECONDS
  if ! .venv/bin/pytest -m browser -n 2 -q -p no:cacheprovider > "var/browser-run-$i.log" 2>&1; then
    echo "run $i of $runs FAILED after $((SECONDS - start)) s; see var/browser-run-$i.log"
    tail -30 "var/browser-run-$i.log"
    exit 1
  fi
  echo "run $i of $runs passed in $((SECONDS - start)) s: $(tail -1 "var/browser-run-$i.log")"
done
echo "all $runs runs passed${FONTCONFIG_FILE:+ (fonts limited to DejaVu and Liberation)}"
