#!/usr/bin/env bash
# node_modules for .ci/run: `npm ci`, or, on a machine where npm ci ran before for exactly this install, the
# tree it made then, as CI systems cache node_modules under the lockfile's hash. The key is all that the tree
# depends on: package.json, package-lock.json, .npmrc, and Node's and npm's versions, platform and arch. No
# dependency's install script runs (allowScripts in package.json), so the tree is files only.
# The tree is kept and restored as hard links (0.5 s for its ~47,000 files; a full copy took 10 CPU-s), so a
# run that wrote into a file of node_modules would write into the kept tree: a manifest of every path, size
# and modification time, taken when the tree was kept, is checked before each restore, and a tree that
# changed is dropped for a fresh npm ci. (A CI run adds only new files there: kubectl, unpacked once.)
# The two newest trees are kept.
#
#   tools/ci/install-deps.sh          in the workspace root, with Node and npm on PATH
#
# Env: SLIPWAY_NODE_MODULES_CACHE      the trees   default ${XDG_CACHE_HOME:-$HOME/.cache}/slipway/node_modules
#      SLIPWAY_NODE_MODULES_CACHE=off  npm ci every time (what a fresh machine does)
set -euo pipefail

snapshots=${SLIPWAY_NODE_MODULES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/slipway/node_modules}
say() { echo "install-deps: $*"; }
# package-lock.json pins every version and integrity but no tarball URL (npm's omit-lockfile-registry-resolved),
# so npm asks the registry for each of ~1,260 packages' metadata; --prefer-offline takes it from npm's cache when
# there, and what it installs is the same (about 5 s of ~30 on this machine).
npm_ci() { npm ci --no-audit --no-fund --prefer-offline; }
# Every path below $1 with its type, size and modification time; hard links leave these as they were.
manifest() { (cd "$1" && find . -printf '%P\t%y\t%s\t%T@\n' | LC_ALL=C sort | sha256sum | cut -c1-64); }

if [ "$snapshots" = off ]; then
  npm_ci
  exit 0
fi

key=$({
  cat package.json package-lock.json
  [ ! -f .npmrc ] || cat .npmrc
  node -p 'process.version + " " + process.platform + " " + process.arch'
  npm --version
} | sha256sum | cut -c1-16)
snapshot=$snapshots/$key

if [ -d "$snapshot/tree" ]; then
  if [ "$(manifest "$snapshot/tree")" = "$(cat "$snapshot/manifest" 2>/dev/null)" ]; then
    rm -rf node_modules
    cp -al "$snapshot/tree" node_modules
    touch "$snapshot"
    # What npm ci runs after installing: the root package's own lifecycle scripts (husky ends no line).
    prepared=$(npm run --silent --if-present prepare 2>&1) || { echo "$prepared"; exit 1; }
    [ -z "$prepared" ] || echo "$prepared"
    say "node_modules linked from the tree npm ci made for this lockfile ($snapshot;" \
      "SLIPWAY_NODE_MODULES_CACHE=off runs npm ci)"
    exit 0
  fi
  say "the tree kept for this lockfile changed since npm ci made it: dropped ($snapshot)"
  rm -rf "$snapshot"
fi

npm_ci
mkdir -p "$snapshots"
# Not a tree of this layout (a partial or an older one): ours replaces it.
[ -f "$snapshot/manifest" ] || rm -rf "$snapshot"
staging=$(mktemp -d "$snapshots/.$key.XXXXXX")
cp -al node_modules "$staging/tree"
manifest "$staging/tree" > "$staging/manifest"
# Another run may have kept the same tree first; it is as good as ours.
mv -T "$staging" "$snapshot" 2>/dev/null || rm -rf "$staging"
# shellcheck disable=SC2012 # names are hex keys
ls -t "$snapshots" | tail -n +3 | while read -r old; do rm -rf "${snapshots:?}/$old"; done
say "node_modules kept for the next run of this lockfile ($snapshot)"
