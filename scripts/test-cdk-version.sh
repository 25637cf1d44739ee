#!/usr/bin/env bash
# Tests the library against an aws-cdk-lib other than the dev pin in
# package.json, so the peer range it declares is a range it was tested on:
#
#   bash scripts/test-cdk-version.sh floor    # the peer floor (peerDependencies)
#   bash scripts/test-cdk-version.sh latest   # the newest release on the registry
#   bash scripts/test-cdk-version.sh 2.260.0  # any other release
#
# It installs aws-cdk-lib@<version> and the constructs floor into a temporary
# prefix outside the repository (deleted afterwards), then
#   1. type-checks src/ and examples/ against that aws-cdk-lib (tsc `paths`),
#      as a TypeScript user compiling against it would;
#   2. runs the construct unit tests (CAB_CDK_TESTS, default below) with every
#      `aws-cdk-lib` and `constructs` import mapped to it, the proof helpers and
#      cdk-nag included. A setup file fails every test if the mapping did not
#      take. JUnit report: test-reports/cdk-<version>.xml.
# Tests are not type-checked again here (the main run does that with the dev
# pin); step 1 covers the types. Needs node_modules (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
START=$(date +%s)

want="${1:?usage: scripts/test-cdk-version.sh floor|latest|<version>}"
peer=$(node -p "require('./package.json').peerDependencies['aws-cdk-lib']")
constructs=$(node -p "require('semver').minVersion(require('./package.json').peerDependencies.constructs).version")
case "$want" in
  floor) version=$(node -p "require('semver').minVersion('$peer').version") ;;
  latest) version=$(npm view aws-cdk-lib@latest version) ;;
  *) version="$want" ;;
esac
if ! node -e "process.exit(require('semver').satisfies('$version', '$peer') ? 0 : 1)"; then
  echo "test-cdk-version: aws-cdk-lib $version is outside the declared peer range $peer" >&2
  exit 1
fi
echo "==> test-cdk-version: aws-cdk-lib $version, constructs $constructs (peer range $peer), Node.js $(node --version)"

PREFIX=$(mktemp -d "${TMPDIR:-/tmp}/cab-cdk-$version.XXXXXX")
trap 'rm -rf "$PREFIX"' EXIT
npm install --prefix "$PREFIX" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
  "aws-cdk-lib@$version" "constructs@$constructs" >/dev/null
LIB="$PREFIX/node_modules/aws-cdk-lib"
CONSTRUCTS="$PREFIX/node_modules/constructs"
got=$(node -p "require('$LIB/package.json').version")
[ "$got" = "$version" ] || { echo "test-cdk-version: installed aws-cdk-lib $got, not $version" >&2; exit 1; }

# --- 1. types -------------------------------------------------------------------
echo "==> test-cdk-version: tsc src/ and examples/ against aws-cdk-lib $version ($(($(date +%s) - START))s)"
cat > "$PREFIX/tsconfig.json" <<EOF
{
  "extends": "$ROOT/test/tsconfig.json",
  "compilerOptions": {
    "noEmit": true,
    "typeRoots": ["$ROOT/node_modules/@types"],
    "paths": {
      "aws-cdk-lib": ["$LIB"],
      "aws-cdk-lib/*": ["$LIB/*"],
      "constructs": ["$CONSTRUCTS"]
    }
  },
  "include": ["$ROOT/src/**/*.ts", "$ROOT/examples/**/*.ts"],
  "exclude": []
}
EOF
npx tsc -p "$PREFIX/tsconfig.json"

# --- 2. jest ----------------------------------------------------------------------
tests="${CAB_CDK_TESTS:-test/core test/access test/event-stream test/stacksets test/guardrails test/presets test/security/confused-deputy.test.ts}"
echo "==> test-cdk-version: jest ${tests} against aws-cdk-lib $version ($(($(date +%s) - START))s)"
cat > "$PREFIX/expect-version.js" <<EOF
// Fails the test file unless \`aws-cdk-lib\` and \`constructs\` resolve to the tested copies.
const got = require('aws-cdk-lib/package.json').version;
if (got !== '$version') throw new Error('aws-cdk-lib resolved to ' + got + ', not $version');
if (!require.resolve('constructs').startsWith('$CONSTRUCTS')) throw new Error('constructs did not resolve to $CONSTRUCTS');
EOF
# ts-jest transpiles each file on its own (isolatedModules): no second type-check.
cat > "$PREFIX/tsconfig.jest.json" <<EOF
{ "extends": "$ROOT/test/tsconfig.json", "compilerOptions": { "isolatedModules": true } }
EOF
CAB_TSCONFIG="$PREFIX/tsconfig.jest.json" CAB_CDK_VERSION="$version" CAB_CDK_LIB="$LIB" CAB_CONSTRUCTS="$CONSTRUCTS" CAB_SETUP="$PREFIX/expect-version.js" \
  node -e '
    const base = require("./package.json").jest;
    const lib = process.env.CAB_CDK_LIB;
    const config = {
      ...base,
      rootDir: process.cwd(),
      setupFiles: [...(base.setupFiles ?? []), process.env.CAB_SETUP],
      moduleNameMapper: {
        ...(base.moduleNameMapper ?? {}),
        "^aws-cdk-lib$": lib,
        "^aws-cdk-lib/(.*)$": lib + "/$1",
        "^constructs$": process.env.CAB_CONSTRUCTS,
      },
      transform: { "^.+\\.[t]sx?$": ["ts-jest", { tsconfig: process.env.CAB_TSCONFIG }] },
      reporters: ["default", ["jest-junit", { outputDirectory: "test-reports", outputName: "cdk-" + process.env.CAB_CDK_VERSION + ".xml", suiteNameTemplate: "aws-cdk-lib " + process.env.CAB_CDK_VERSION + ": {filepath}" }]],
    };
    require("fs").writeFileSync(process.argv[1], JSON.stringify(config));
  ' "$PREFIX/jest.config.json"
# shellcheck disable=SC2086
npx jest --ci --config "$PREFIX/jest.config.json" ${tests}
echo "test-cdk-version: aws-cdk-lib $version passed in $(($(date +%s) - START))s"
