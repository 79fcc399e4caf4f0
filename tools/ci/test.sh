#!/usr/bin/env bash
# npm test: formatting, and every lint, test, build and typecheck of every project (run-targets.sh), on the
# Node that .nvmrc names (ensure-node.sh), in a temp dir that must end up empty (fresh-tmpdir.sh). Extra
# arguments go to nx.
# Prettier checks beside Nx, not before it: it is one process on one core for about eight seconds. It parses
# JavaScript and TypeScript with oxc (@prettier/plugin-oxc in .prettierrc.json): 7.5 CPU-s instead of 10.3 for
# this tree, with the same output on every file.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit
# shellcheck source=tools/ci/ensure-node.sh
source tools/ci/ensure-node.sh || exit
export PATH="$PWD/node_modules/.bin:$PATH"

prettier --check . --log-level warn &
formatting=$!
tools/ci/fresh-tmpdir.sh tools/ci/run-targets.sh "$@"
code=$?
if ! wait "$formatting"; then
  echo "npm test: some files are not formatted (listed above): npm run format" >&2
  [ "$code" -ne 0 ] || code=1
fi
exit "$code"
