#!/usr/bin/env bash
# The README's main command: installs the npm packages and synthesizes every
# example app in examples/ into cdk.out/, printing a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/require-node.sh
source scripts/require-node.sh
npm ci --no-audit --no-fund
npx projen examples
