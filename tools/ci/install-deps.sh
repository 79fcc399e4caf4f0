#!/usr/bin/env bash
# node_modules for .ci/run: `npm ci`, or, on a machine where npm ci ran before for exactly this install, a
# copy of the tree it made then, as CI systems cache node_modules under the lockfile's hash. The key is all
# that the tree depends on: package.json, package-lock.json, .npmrc, and Node's and npm's versions, platform
# and arch. No dependency's install script runs (allowScripts in package.json), so the tree is files only.
# The copy is taken right after npm ci, before anything runs, and restored as a full copy (not links), so a
# run that writes into node_modules cannot change it. The two newest are kept.
#
#   tools/ci/install-deps.sh          in the workspace root, with Node and npm on PATH
#
# Env: SLIPWAY_NODE_MODULES_CACHE      the snapshots   default ${XDG_CACHE_HOME:-$HOME/.cache}/slipway/node_modules
#      SLIPWAY_NODE_MODULES_CACHE=off  npm ci every time (what a fresh machine does)
set -euo pipefail

snapshots=${SLIPWAY_NODE_MODULES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/slipway/node_modules}
say() { echo "install-deps: $*"; }

if [ "$snapshots" = off ]; then
  npm ci --no-audit --no-fund --prefer-offline
  exit 0
fi

key=$({
  cat package.json package-lock.json
  [ ! -f .npmrc ] || cat .npmrc
  node -p 'process.version + " " + process.platform + " " + process.arch'
  npm --version
} | sha256sum | cut -c1-16)
snapshot=$snapshots/$key

if [ -d "$snapshot" ]; then
  started=$(date +%s)
  rm -rf node_modules
  cp -a "$snapshot" node_modules
  touch "$snapshot"
  # What npm ci runs after installing: the root package's own lifecycle scripts (husky ends no line).
  prepared=$(npm run --silent --if-present prepare 2>&1) || { echo "$prepared"; exit 1; }
  [ -z "$prepared" ] || echo "$prepared"
  say "node_modules copied in $(($(date +%s) - started))s from the tree npm ci made for this lockfile ($snapshot;" \
    "SLIPWAY_NODE_MODULES_CACHE=off runs npm ci)"
  exit 0
fi

# package-lock.json pins every version and integrity but no tarball URL (npm's omit-lockfile-registry-resolved),
# so npm asks the registry for each of ~1,260 packages' metadata; --prefer-offline takes it from npm's cache when
# there, and what it installs is the same (about 5 s of ~30 on this machine).
npm ci --no-audit --no-fund --prefer-offline
mkdir -p "$snapshots"
staging=$(mktemp -d "$snapshots/.$key.XXXXXX")
cp -a node_modules "$staging/tree"
# Another run may have saved the same tree first; its copy is as good as ours.
mv -T "$staging/tree" "$snapshot" 2>/dev/null || true
rm -rf "$staging"
# shellcheck disable=SC2012 # names are hex keys
ls -t "$snapshots" | tail -n +3 | while read -r old; do rm -rf "${snapshots:?}/$old"; done
say "node_modules saved for the next run of this lockfile ($snapshot)"
