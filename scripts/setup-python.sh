#!/usr/bin/env bash
# Creates the repo-root .venv with the Python proof tools pinned in
# requirements-dev.txt (cfn-lint, checkov, moto[server]).
#
# Idempotent and quick when nothing changed: the sha256 of
# requirements-dev.txt is stored in .venv/.requirements.sha256 after a
# successful install, and the install is skipped while it matches and the
# tools still run. Works on a fresh Debian machine with python3: if the venv
# module is missing (Debian ships it as python3-venv), it is installed with
# apt-get when running as root; otherwise the script says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
REQ=requirements-dev.txt
STAMP="$VENV/.requirements.sha256"

if ! command -v python3 >/dev/null 2>&1; then
  echo "setup-python: python3 is not installed; install it (Debian: apt-get install python3 python3-venv) and re-run" >&2
  exit 1
fi

want="$(sha256sum "$REQ" | cut -d' ' -f1)"
if [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] \
  && [ -x "$VENV/bin/cfn-lint" ] && [ -x "$VENV/bin/checkov" ] && [ -x "$VENV/bin/moto_server" ]; then
  echo "setup-python: $VENV is up to date with $REQ"
  exit 0
fi

# A venv without pip (python3-venv missing) is not usable: remove it first.
if [ -d "$VENV" ] && [ ! -x "$VENV/bin/pip" ]; then
  rm -rf "$VENV"
fi

if [ ! -d "$VENV" ]; then
  if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
    rm -rf "$VENV"
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      pyver="$(python3 -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
      echo "setup-python: 'python3 -m venv' failed; installing python3-venv with apt-get (running as root)"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "python${pyver}-venv" || \
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
      python3 -m venv "$VENV"
    else
      echo "setup-python: 'python3 -m venv' failed; install the venv module (Debian: sudo apt-get install python3-venv) and re-run" >&2
      exit 1
    fi
  fi
fi

echo "setup-python: installing $REQ into $VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQ"
"$VENV/bin/cfn-lint" --version
"$VENV/bin/checkov" --version >/dev/null
echo "$want" > "$STAMP"
echo "setup-python: done"
