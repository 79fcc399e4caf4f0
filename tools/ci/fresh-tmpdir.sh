#!/usr/bin/env bash
# Runs CMD with TMPDIR set to a fresh, empty directory, then fails, listing them, when CMD left anything
# in it: every test removes the temp dirs, sockets, files and processes' leftovers it makes, also when
# it fails. What is meant to outlive a run stays outside it: the container environment of
# tools/ci/container-env.sh in the outer temp dir (its `stop` stops it), and Node's compile cache in the
# clone's node_modules/.cache. Node keys that cache by each file's absolute path, so another clone could
# not use it: in the outer temp dir every clean clone of a CI run added its own (2.4 GB by 2026-12-05).
#
#   tools/ci/fresh-tmpdir.sh CMD [ARG...]      exit: CMD's, or 1 when CMD passed and left something
set -uo pipefail
[ $# -gt 0 ] || { echo "usage: fresh-tmpdir.sh CMD [ARG...]" >&2; exit 2; }
outer=${TMPDIR:-/tmp}
export SLIPWAY_CONTAINER_DIR=${SLIPWAY_CONTAINER_DIR:-$outer/slipway-containers}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd) || exit
export NODE_COMPILE_CACHE=${NODE_COMPILE_CACHE:-$root/node_modules/.cache/node-compile-cache}
fresh=$(mktemp -d "$outer/slipway-run.XXXXXX") || exit
TMPDIR=$fresh "$@"
code=$?
left=$(ls -A "$fresh")
rm -rf "$fresh"
if [ -n "$left" ]; then
  echo "fresh-tmpdir: the run left $(wc -l <<< "$left") entries in its temp dir (each test must remove what it makes):" >&2
  while read -r entry; do echo "  $entry"; done <<< "$left" >&2
  [ "$code" -ne 0 ] || code=1
fi
exit "$code"
