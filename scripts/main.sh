#!/usr/bin/env bash
# The README's main command: installs the npm packages, synthesizes every
# example app in examples/ into cdk.out/, printing a summary, and writes the
# plain CloudFormation templates (for teams without CDK) into cdk.out/templates/.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/require-node.sh
source scripts/require-node.sh
npm ci --no-audit --no-fund
npx projen examples
npx projen templates
