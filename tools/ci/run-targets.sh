#!/usr/bin/env bash
# Every lint, test, build and typecheck of every project, as two Nx runs side by side: one for the
# rehearsal, whose end-to-end spec is the longest task of the suite (about 2.5 min, mostly waiting on
# Docker), and one for every other project. A single run would start that task near the end: Nx starts
# first the tasks of the projects that others depend on, and nothing depends on the rehearsal. Four tasks
# at a time in all, as the single run had (nx.json "parallel"). Extra arguments go to one single run.
#
#   tools/ci/run-targets.sh [NX_ARG...]        exit: the first failing run's code, else 0
set -uo pipefail
LONG_POLE=rehearsal
targets=(-t lint test build typecheck --output-style=stream-without-prefixes)
[ $# -eq 0 ] || exec nx run-many "${targets[@]}" "$@"

nx run-many "${targets[@]}" --projects "$LONG_POLE" --parallel 2 &
long_pole=$!
# Also when the other run is interrupted: the background one would not hear a Ctrl-C of a script.
trap 'kill "$long_pole" 2>/dev/null' EXIT
nx run-many "${targets[@]}" --exclude "$LONG_POLE" --parallel 3
code=$?
wait "$long_pole" || { long_code=$?; [ "$code" -ne 0 ] || code=$long_code; }
exit "$code"
