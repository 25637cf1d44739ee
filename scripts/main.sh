#!/usr/bin/env bash
# The README's main command: installs the npm packages and synthesizes every
# example app in examples/ into cdk.out/, printing a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! node -e "process.exit(Number(process.versions.node.split('.')[0]) >= 22 ? 0 : 1)"; then
  echo "$(basename "$0"): Node.js 22 or later is needed, this is $(node --version)." >&2
  echo "  On Linux x64: PATH=\"\$(bash scripts/use-node.sh 22):\$PATH\" bash $0" >&2
  exit 1
fi
npm ci --no-audit --no-fund
npx projen examples
