#!/usr/bin/env bash
# The README's main command: installs the npm packages and synthesizes every
# example app in examples/ into cdk.out/, printing a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
npm ci --no-audit --no-fund
npx projen examples
