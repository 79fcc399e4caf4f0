#!/usr/bin/env bash
# The Node that .nvmrc names, for this repository's commands, on a machine whose Node is older.
# The npm package `node@<major>` ships the official binary, so nothing but the npm registry is needed;
# it is installed once into a per-user cache. A Node at or above .nvmrc's major costs one `node -p`
# and prints nothing.
#
#   source tools/ci/ensure-node.sh          puts Node <.nvmrc> first on PATH (.ci/run)
#   tools/ci/ensure-node.sh CMD [ARG...]    the same, then runs CMD under it (npm test, npm run rehearse)
#   tools/ci/ensure-node.sh --dir MAJOR     installs Node MAJOR into the cache if missing, prints its bin dir
#
# Env: SLIPWAY_NODE_CACHE    the cache           default ${XDG_CACHE_HOME:-$HOME/.cache}/slipway
#      SLIPWAY_NODE_FETCH=0  never download: stop at once and say what to install instead
# Exit 69 (EX_UNAVAILABLE) when the needed Node is neither running, cached nor downloadable.

slipway_node_cache=${SLIPWAY_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/slipway}

slipway_node_say() { echo "ensure-node: $*" >&2; }

# Echoes the bin dir of the cached Node $1, installing it first when missing.
slipway_node_bin() {
  local major=$1 dir="$slipway_node_cache/node$1" staging log
  if [ ! -x "$dir/node_modules/.bin/node" ]; then
    [ "${SLIPWAY_NODE_FETCH:-1}" != 0 ] || { echo "SLIPWAY_NODE_FETCH=0 forbids downloading it (unset it to let npm fetch node@$major)"; return 1; }
    mkdir -p "$slipway_node_cache" && staging=$(mktemp -d "$slipway_node_cache/.node$major.XXXXXX") || return 1
    # The package's preinstall links the platform binary: allowed here, where npm asks for it by name.
    echo '{ "allowScripts": { "node": true } }' > "$staging/package.json"
    if ! log=$(npm install --prefix "$staging" --no-audit --no-fund --loglevel=error --fetch-retries=0 \
      "node@$major" 2>&1); then
      rm -rf "$staging"
      echo "npm could not install node@$major from ${npm_config_registry:-the npm registry}" \
        "($(echo "$log" | grep -m1 -E '^npm error code' || echo "$log" | tail -1))"
      return 1
    fi
    # Another process may have won the race; its install is as good as ours.
    mv -T "$staging" "$dir" 2>/dev/null || rm -rf "$staging"
  fi
  echo "$dir/node_modules/.bin"
}

# Puts Node <.nvmrc> first on PATH when the running Node is older; says so in one line.
slipway_ensure_node() {
  local wanted found bin
  wanted=$(tr -dc '0-9' < "$(dirname "${BASH_SOURCE[0]}")/../../.nvmrc")
  found=$(node -p 'process.version' 2>/dev/null) || found=''
  if [[ $found =~ ^v([0-9]+)\. ]] && [ "${BASH_REMATCH[1]}" -ge "$wanted" ]; then return 0; fi
  found=${found:+Node $found}
  found=${found:-no Node}
  if [ -x "$slipway_node_cache/node$wanted/node_modules/.bin/node" ]; then
    slipway_node_say "$found is older than .nvmrc's Node $wanted: running under Node $wanted from $slipway_node_cache"
  elif [ "${SLIPWAY_NODE_FETCH:-1}" != 0 ]; then
    slipway_node_say "$found is older than .nvmrc's Node $wanted: installing node@$wanted from the npm registry into $slipway_node_cache, then running under it"
  fi
  if ! bin=$(slipway_node_bin "$wanted"); then
    slipway_node_say "this needs Node $wanted (.nvmrc) and found $found ($(command -v node || echo 'not on PATH')):" \
      "$bin. Install Node $wanted yourself: nvm install $wanted, volta install node@$wanted, or https://nodejs.org."
    return 69
  fi
  export PATH="$bin:$PATH"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -uo pipefail
  if [ "${1:-}" = --dir ]; then
    bin=$(slipway_node_bin "${2:?usage: ensure-node.sh --dir MAJOR}") || { slipway_node_say "$bin"; exit 69; }
    echo "$bin"
    exit 0
  fi
  [ $# -gt 0 ] || { echo "usage: ensure-node.sh CMD [ARG...] | --dir MAJOR (or source it)" >&2; exit 2; }
  slipway_ensure_node || exit
  exec "$@"
fi
slipway_ensure_node
