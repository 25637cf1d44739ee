#!/usr/bin/env bash
# Real jsii consumers of cdk-audit-baseline (`npx projen test:bindings`, after
# compile): builds the Python and Java packages with jsii-pacmak, then
#   - a Python CDK app (virtualenv with aws-cdk-lib from PyPI + the built wheel)
#     run by pytest  -> test-reports/bindings-python.xml
#   - a Java CDK app (Maven, aws-cdk-lib from Maven Central + the built jar)
#     run by JUnit 5  -> test-reports/bindings-java/*.xml
# Each synthesizes ReadOnlyAuditRole and the vendor presets
# (AriaSecureCloudsOnboarding in an App, SkyhighNrtConfigAudit,
# SkyFormationConnector), asserting on the templates and on the synth-time
# errors that reach the caller through jsii.
# The Python run also executes every ```python example of README.md and docs/
# (test/bindings/python/test_doc_snippets.py).
# Exits non-zero if any step or test fails (both suites run either way).
#
# Needs: node_modules, compiled lib/ + .jsii (npx projen compile), python3
# with venv, a JDK 17+ and Maven, PyPI and Maven Central.
# Set BINDINGS_CODEGEN=1 to also generate .NET and Go sources (--code-only)
# under dist/codegen: there is no .NET SDK here and Go needs the module proxy,
# so they are generated, not built.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
START=$(date +%s)

step() { echo "==> test:bindings: $* ($(($(date +%s) - START))s)"; }
die() { echo "test:bindings: $*" >&2; exit 1; }

# --- 0. preconditions --------------------------------------------------------
[ -f .jsii ] && [ -f lib/index.js ] || die "lib/ and .jsii are missing: run \`npx projen compile\` first"
if [ -n "$(find src -name '*.ts' -newer .jsii -print -quit)" ]; then
  die "src/ changed after the last compile (.jsii is stale): run \`npx projen compile\` first"
fi
command -v python3 >/dev/null || die "python3 is not installed"
command -v mvn >/dev/null || die "Maven (mvn) is not installed"
command -v java >/dev/null || die "a JDK (java) is not installed"
VERSION=$(node -p "require('./package.json').version")
mkdir -p test-reports

# --- 1. jsii-pacmak: Python wheel and Java jar under dist/ ---------------------
step "jsii-pacmak -t python -t java"
# Hold the jsii lock so a concurrent `jsii` run cannot rewrite lib/ under pacmak.
PACMAK=(npx jsii-pacmak -t python -t java)
if command -v flock >/dev/null; then PACMAK=(flock /tmp/cab-jsii.lock "${PACMAK[@]}"); fi
"${PACMAK[@]}" || die "jsii-pacmak failed"

if [ "${BINDINGS_CODEGEN:-0}" = "1" ]; then
  # ~25 s. Go sources are at least parsed (gofmt -e); building them would need
  # aws-cdk-go from the module proxy, and .NET needs an SDK that is not here.
  step "jsii-pacmak --code-only -t dotnet -t go (dist/codegen)"
  rm -rf dist/codegen
  npx jsii-pacmak --code-only -t dotnet -t go -o dist/codegen || die "jsii-pacmak --code-only failed"
  [ -d dist/codegen/dotnet ] && [ -d dist/codegen/go ] || die "jsii-pacmak --code-only produced no dotnet/go sources"
  if command -v gofmt >/dev/null; then
    gofmt -l -e dist/codegen/go >/dev/null || die "the generated Go sources do not parse"
  fi
fi

WHEEL="dist/python/cdk_audit_baseline-${VERSION}-py3-none-any.whl"
JAR_DIR="dist/java/io/github/cdk-audit-baseline/cdk-audit-baseline/${VERSION}"
JAR="${JAR_DIR}/cdk-audit-baseline-${VERSION}.jar"
POM="${JAR_DIR}/cdk-audit-baseline-${VERSION}.pom"
[ -f "$WHEEL" ] || die "jsii-pacmak did not produce $WHEEL"
[ -f "$JAR" ] && [ -f "$POM" ] || die "jsii-pacmak did not produce $JAR and $POM"

PY_STATUS=0
JAVA_STATUS=0

# --- 2. Python consumer ------------------------------------------------------
step "Python virtualenv test/bindings/python/.venv"
VENV=test/bindings/python/.venv
REQ=test/bindings/python/requirements.txt
STAMP="$VENV/.requirements.sha256"
want=$(sha256sum "$REQ" | cut -d' ' -f1)
python_setup() {
  if [ ! -x "$VENV/bin/pip" ]; then
    rm -rf "$VENV"
    python3 -m venv "$VENV" || { echo "python3 -m venv failed (Debian: apt-get install python3-venv)" >&2; return 1; }
  fi
  if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$want" ]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQ" || return 1
    echo "$want" > "$STAMP"
  fi
  # The wheel's version does not change between builds: always reinstall it,
  # then let pip add any dependency it needs that requirements.txt lacks.
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$WHEEL" || return 1
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$WHEEL" || return 1
}
if python_setup; then
  step "pytest test/bindings/python"
  "$VENV/bin/python" -m pytest -p no:cacheprovider -q \
    --junitxml=test-reports/bindings-python.xml test/bindings/python || PY_STATUS=$?
else
  echo "test:bindings: setting up the Python virtualenv failed" >&2
  PY_STATUS=1
fi

# --- 3. Java consumer --------------------------------------------------------
step "Maven: install the built jar, run JUnit in test/bindings/java"
MVN=(mvn -B -q -Dstyle.color=never)
# The jar's version does not change between builds, so Maven would keep a
# stale copy in the local repository: install the fresh one every run.
if "${MVN[@]}" org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file \
  -Dfile="$JAR" -DpomFile="$POM"; then
  rm -rf test/bindings/java/target/surefire-reports
  "${MVN[@]}" -f test/bindings/java/pom.xml -Dcdk-audit-baseline.version="$VERSION" test || JAVA_STATUS=$?
  rm -rf test-reports/bindings-java
  mkdir -p test-reports/bindings-java
  if compgen -G "test/bindings/java/target/surefire-reports/*.xml" >/dev/null; then
    cp test/bindings/java/target/surefire-reports/*.xml test-reports/bindings-java/
  else
    echo "test:bindings: Maven produced no surefire report" >&2
    [ "$JAVA_STATUS" -ne 0 ] || JAVA_STATUS=1
  fi
else
  echo "test:bindings: installing $JAR into the local Maven repository failed" >&2
  JAVA_STATUS=1
fi

# --- summary -----------------------------------------------------------------
ELAPSED=$(($(date +%s) - START))
echo "test:bindings: python $([ $PY_STATUS -eq 0 ] && echo passed || echo FAILED), java $([ $JAVA_STATUS -eq 0 ] && echo passed || echo FAILED) in ${ELAPSED}s"
cd "$ROOT"
[ $PY_STATUS -eq 0 ] && [ $JAVA_STATUS -eq 0 ]
