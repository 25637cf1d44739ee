#!/usr/bin/env bash
# Consumer tests of the packages users install (`npx projen test:consumers`,
# after test:bindings built the wheel in dist/python):
#   1. TypeScript: packs the npm tarball (package:js), creates a fresh CDK app in
#      a temporary folder outside the repository, installs the tarball with
#      aws-cdk-lib, constructs, typescript and the aws-cdk CLI 2.x, compiles
#      typescript/app.ts with strict tsc and runs `cdk synth`.
#   2. The `cdk-audit-baseline` command of that installed tarball: --help,
#      `templates` (and the templates the package ships), `doctor` without the
#      AWS SDK (the install command), then with the SDK clients installed next
#      to it against a moto server (.venv): a healthy role passes, a wrong
#      external ID fails by name.
#   3. Python: a fresh virtualenv outside the repository, the wheel installed
#      with pip (aws-cdk-lib from PyPI, pinned as in test/bindings), and
#      `cdk synth --app "python app.py"` with the same CLI.
# Each synth's template is checked by check-template.js (the Python one must be
# identical to the TypeScript one), and each app must fail `cdk synth` with the
# construct path on a bad account ID. JUnit report: test-reports/consumers.xml.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
START=$(date +%s)
export AWS_EC2_METADATA_DISABLED=true AWS_REGION=us-east-1 CDK_DISABLE_CLI_TELEMETRY=true
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cab-consumers.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
CASES=()
FAILED=0
step() { echo "==> test:consumers: $* ($(($(date +%s) - START))s)"; }
# case <name> <command...>: runs the command, records a JUnit test case.
case_() {
  local name="$1"; shift
  local t0; t0=$(date +%s)
  if "$@" >"$WORK/case.log" 2>&1; then
    CASES+=("<testcase classname=\"consumers\" name=\"$name\" time=\"$(($(date +%s) - t0))\"/>")
    echo "  ok   $name"
  else
    FAILED=$((FAILED + 1))
    local msg; msg=$(tail -c 3000 "$WORK/case.log" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g')
    CASES+=("<testcase classname=\"consumers\" name=\"$name\" time=\"$(($(date +%s) - t0))\"><failure message=\"failed\">$msg</failure></testcase>")
    echo "  FAIL $name"; tail -n 40 "$WORK/case.log"
  fi
}
# Synth that must fail, with the construct path and the bad value in the message.
synth_fails() {
  local dir="$1"; shift
  if (cd "$dir" && CAB_BAD_INPUT=1 "$@" >"$WORK/bad.log" 2>&1); then
    echo "cdk synth accepted the bad account ID"; return 1
  fi
  grep -q "AuditRole" "$WORK/bad.log" && grep -q "1111-2222-3333" "$WORK/bad.log" || {
    echo "the synth error does not name the construct and the value:"; cat "$WORK/bad.log"; return 1
  }
}

VERSION=$(node -p "require('./package.json').version")
CDK_LIB=$(node -p "require('./package.json').devDependencies['aws-cdk-lib']")
CONSTRUCTS=$(node -p "require('./package.json').devDependencies.constructs")
TS=$(node -p "require('typescript/package.json').version")
WHEEL="$ROOT/dist/python/cdk_audit_baseline-${VERSION}-py3-none-any.whl"

# --- 1. TypeScript -----------------------------------------------------------------
step "npm tarball (package:js)"
npx projen package:js >/dev/null || { echo "test:consumers: package:js failed" >&2; exit 1; }
TARBALL=$(ls "$ROOT"/dist/js/cdk-audit-baseline@*.jsii.tgz | head -1)
APP="$WORK/ts-app"
mkdir -p "$APP"
cp test/consumers/typescript/app.ts test/consumers/typescript/tsconfig.json "$APP/"
cat > "$APP/package.json" <<JSON
{ "name": "cab-consumer-ts", "private": true, "version": "0.0.0",
  "dependencies": { "aws-cdk-lib": "$CDK_LIB", "constructs": "$CONSTRUCTS", "cdk-audit-baseline": "file:$TARBALL" },
  "devDependencies": { "aws-cdk": "^2", "typescript": "$TS", "@types/node": "^22" } }
JSON
echo '{ "app": "node dist/app.js" }' > "$APP/cdk.json"
step "TypeScript app in $APP"
case_ "typescript: npm install of the tarball" bash -c "cd '$APP' && npm install --no-audit --no-fund --loglevel=error"
case_ "typescript: strict tsc" bash -c "cd '$APP' && npx tsc -p tsconfig.json"
case_ "typescript: cdk synth" bash -c "cd '$APP' && npx cdk --version && npx cdk synth --quiet --no-notices -o cdk.out && node '$ROOT/test/consumers/check-template.js' cdk.out/Consumer.template.json"
case_ "typescript: bad input fails cdk synth with the construct path" synth_fails "$APP" npx cdk synth --quiet --no-notices -o cdk.out.bad

# --- 2. The command, from the tarball ----------------------------------------------
step "cdk-audit-baseline command from the tarball"
CLI="npx --no-install cdk-audit-baseline"
case_ "cli: --help names both commands" bash -c "cd '$APP' && $CLI --help > help.txt && cat help.txt && grep -q '^  templates' help.txt && grep -q '^  doctor' help.txt"
case_ "cli: templates writes plain CloudFormation, and the package ships them" bash -c "cd '$APP' \
  && $CLI templates audit-role event-stream --out cfn && grep -q AllowedPattern cfn/audit-role.template.yaml \
  && ! grep -q BootstrapVersion cfn/audit-role.template.yaml cfn/event-stream.template.yaml \
  && ls node_modules/cdk-audit-baseline/lib/templates/audit-role.template.yaml node_modules/cdk-audit-baseline/lib/templates/audit-role.template.json"
DOCTOR_FLAGS="--role-name VendorAuditRole --vendor-account 999988887777 --region us-east-1"
# shellcheck disable=SC2016
case_ "cli: doctor without the AWS SDK stops with the npm install command (exit 2)" bash -c "cd '$APP'; $CLI doctor $DOCTOR_FLAGS --external-id my-tenant-1234 > doctor-nosdk.txt 2>&1; rc=\$?; cat doctor-nosdk.txt; [ \$rc -eq 2 ] && grep -q 'npm install --no-save @aws-sdk/client-cloudformation' doctor-nosdk.txt"
# The clients at the versions this repository tests doctor with.
SDK=$(node -p "Object.entries(require('./package.json').devDependencies).filter(([n]) => require('./lib/cli/sdk').SDK_PACKAGES.includes(n)).map(([n, v]) => n + '@' + v).join(' ')")
case_ "cli: npm install of the AWS SDK clients doctor names" bash -c "cd '$APP' && npm install --no-save --no-audit --no-fund --loglevel=error $SDK"
PORT=$(node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")
MOTO_IAM_LOAD_MANAGED_POLICIES=true "$ROOT/.venv/bin/moto_server" -H 127.0.0.1 -p "$PORT" > "$WORK/moto.log" 2>&1 &
MOTO_PID=$!
trap 'kill $MOTO_PID 2>/dev/null; rm -rf "$WORK"' EXIT
export ENDPOINT="http://127.0.0.1:$PORT" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
node -e "
  const tryOnce = (n) => require('http').get(process.env.ENDPOINT + '/moto-api/', () => process.exit(0))
    .on('error', () => (n > 0 ? setTimeout(() => tryOnce(n - 1), 100) : process.exit(1)));
  tryOnce(100);" || echo "test:consumers: moto_server did not answer on $ENDPOINT (see the doctor case)"
cp test/consumers/moto-role.js "$APP/"
case_ "cli: doctor passes on a healthy role on the moto server, and fails by name on a wrong external ID" bash -c "cd '$APP' \
  && node moto-role.js VendorAuditRole 999988887777 my-tenant-1234 \
  && $CLI doctor $DOCTOR_FLAGS --external-id my-tenant-1234 --endpoint-url '$ENDPOINT' | tee doctor-ok.txt \
  && grep -q 'All 3 checks passed.' doctor-ok.txt \
  && { $CLI doctor $DOCTOR_FLAGS --external-id someone-else --endpoint-url '$ENDPOINT' > doctor-bad.txt; rc=\$?; cat doctor-bad.txt; [ \$rc -eq 1 ]; } \
  && grep -q '^FAIL *audit role trust' doctor-bad.txt"
kill "$MOTO_PID" 2>/dev/null

# --- 3. Python ---------------------------------------------------------------------
step "Python virtualenv in $WORK/venv"
PYAPP="$WORK/py-app"
mkdir -p "$PYAPP"
cp test/consumers/python/app.py "$PYAPP/"
echo "{ \"app\": \"$WORK/venv/bin/python app.py\" }" > "$PYAPP/cdk.json"
case_ "python: pip install of the wheel into a fresh virtualenv" bash -c "[ -f '$WHEEL' ] || { echo 'no wheel at $WHEEL: run npx projen test:bindings or package:python first'; exit 1; }; python3 -m venv '$WORK/venv' && '$WORK/venv/bin/python' -m pip install --quiet --disable-pip-version-check -c test/bindings/python/requirements.txt '$WHEEL'"
case_ "python: cdk synth" bash -c "cd '$PYAPP' && '$APP/node_modules/.bin/cdk' synth --quiet --no-notices -o cdk.out && node '$ROOT/test/consumers/check-template.js' cdk.out/Consumer.template.json '$APP/cdk.out/Consumer.template.json'"
case_ "python: bad input fails cdk synth with the construct path" synth_fails "$PYAPP" "$APP/node_modules/.bin/cdk" synth --quiet --no-notices -o cdk.out.bad

# --- report ------------------------------------------------------------------------
mkdir -p test-reports
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo "<testsuites><testsuite name=\"consumers\" tests=\"${#CASES[@]}\" failures=\"$FAILED\">"
  printf '%s\n' "${CASES[@]}"
  echo '</testsuite></testsuites>'
} > test-reports/consumers.xml
echo "test:consumers: ${#CASES[@]} cases, $FAILED failed in $(($(date +%s) - START))s"
[ "$FAILED" -eq 0 ]
