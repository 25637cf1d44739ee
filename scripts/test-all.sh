#!/usr/bin/env bash
# The README's test command: installs what the project needs on a fresh machine
# (npm packages, the Python proof tools) and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
# `npm ci` rejects the lock file on this registry mirror (optional per-platform
# packages are absent), so install and then prove the lock file did not move.
npm install --no-audit --no-fund
if [ -n "${CI:-}" ]; then
  git diff --exit-code -- package.json package-lock.json
fi
rm -rf test-reports
npx projen test:all
