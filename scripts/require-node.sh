# Sourced by scripts/main.sh and scripts/test-all.sh: makes `node`, `npm` and
# `npx` Node.js 22 or later. An older Node.js on PATH (Node.js 20 is end of
# life) is replaced, on Linux x64, by Node.js 22 from the npm registry
# (scripts/use-node.sh, into .node/, gitignored); elsewhere the script stops
# and says what to install.
if ! node -e "process.exit(Number(process.versions.node.split('.')[0]) >= 22 ? 0 : 1)" 2>/dev/null; then
  echo "$(basename "$0"): Node.js 22 or later is needed, this is $(node --version 2>/dev/null || echo 'no Node.js'): installing Node.js 22 from the npm registry into .node/22" >&2
  if ! node22_bin=$(bash scripts/use-node.sh 22); then
    echo "$(basename "$0"): install Node.js 22 or later and run it again" >&2
    exit 1
  fi
  export PATH="$node22_bin:$PATH"
  echo "$(basename "$0"): using Node.js $(node --version), npm $(npm --version)" >&2
fi
