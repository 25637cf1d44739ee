#!/usr/bin/env bash
# The README's test command: installs what the project needs on a fresh machine
# (npm packages, the Python proof tools) and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! node -e "process.exit(Number(process.versions.node.split('.')[0]) >= 22 ? 0 : 1)"; then
  echo "$(basename "$0"): Node.js 22 or later is needed, this is $(node --version)." >&2
  echo "  On Linux x64: PATH=\"\$(bash scripts/use-node.sh 22):\$PATH\" bash $0" >&2
  exit 1
fi
# `npm ci` installs exactly what package-lock.json records and fails if the
# lock does not match package.json, so a stale or incomplete lock is caught here.
npm ci --no-audit --no-fund
rm -rf test-reports
npx projen test:all
