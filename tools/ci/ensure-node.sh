# shellcheck shell=bash
# Source this file: puts Node 24 first on PATH when the machine's Node is older.
# The npm package `node@24` ships the official binary, so this needs only the npm registry.
slipway_required_major=$(tr -dc '0-9' < "$(dirname "${BASH_SOURCE[0]}")/../../.nvmrc")
slipway_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(slipway_node_major)" -lt "$slipway_required_major" ]; then
  slipway_node_dir=${SLIPWAY_NODE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/slipway/node$slipway_required_major}
  if [ ! -x "$slipway_node_dir/node_modules/.bin/node" ]; then
    echo "ci: installing Node $slipway_required_major into $slipway_node_dir (machine has $(node --version 2>/dev/null || echo none))"
    mkdir -p "$slipway_node_dir"
    npm install --prefix "$slipway_node_dir" --no-audit --no-fund --loglevel=error "node@$slipway_required_major" >/dev/null
  fi
  export PATH="$slipway_node_dir/node_modules/.bin:$PATH"
fi
echo "ci: node $(node --version), npm $(npm --version 2>/dev/null)"
