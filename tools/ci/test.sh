#!/usr/bin/env bash
# npm test: formatting, and every lint, test, build and typecheck of every project, on the Node that .nvmrc
# names (ensure-node.sh), in temp dirs that must end up empty (fresh-tmpdir.sh). Arguments, when given, go to
# one `nx run-many -t lint test build typecheck` instead of the split below.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit
# shellcheck source=tools/ci/ensure-node.sh
source tools/ci/ensure-node.sh || exit
export PATH="$PWD/node_modules/.bin:$PATH"

# Nx runs first the tasks of the projects most others depend on, so these, whose tests are long chains of
# child processes (rehearsals, nx runs, simulated rollouts), would start last and set the length of the run.
# A second nx starts them at once, and the rest runs niced beside it: on two cores the chains get the CPU
# they ask for, the other tasks take what is left.
LONG=rehearsal,deploy-e2e,k8s-simulator
nx_run=(tools/ci/fresh-tmpdir.sh nx run-many --output-style=stream-without-prefixes)

# Prettier is one process on one core for about ten seconds: it checks beside Nx, not before it.
nice -n 10 prettier --check . --log-level warn &
formatting=$!
code=0
if [ $# -gt 0 ]; then
  "${nx_run[@]}" -t lint test build typecheck "$@" || code=$?
else
  "${nx_run[@]}" -t test lint typecheck -p "$LONG" --parallel=3 &
  long=$!
  nice -n 10 "${nx_run[@]}" -t lint test build typecheck --exclude "$LONG" || code=$?
  wait "$long" || code=$?
fi
if ! wait "$formatting"; then
  echo "npm test: some files are not formatted (listed above): npm run format" >&2
  [ "$code" -ne 0 ] || code=1
fi
exit "$code"
