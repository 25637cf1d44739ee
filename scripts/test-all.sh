#!/usr/bin/env bash
# The README's test command: installs what the project needs on a fresh machine
# (npm packages, the Python proof tools) and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/require-node.sh
source scripts/require-node.sh
# `npm ci` installs exactly what package-lock.json records and fails if the
# lock does not match package.json, so a stale or incomplete lock is caught here.
npm ci --no-audit --no-fund
rm -rf test-reports
npx projen test:all
