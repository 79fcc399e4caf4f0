#!/usr/bin/env bash
# Every lint, test, build and typecheck of every project, as two Nx runs side by side: one for the projects
# whose end-to-end specs take longest (the rehearsal's, about 2.5 min, and the kubectl-judged Kubernetes
# executors', about 1.5 min; both partly wait on Docker, kubectl and polls), one for every other project.
# A single run starts them last: Nx starts first the tasks of the projects that others depend on, and
# nothing depends on these. Five tasks at a time in all (a single run had four, nx.json "parallel"): two of
# them mostly wait. Extra arguments go to one single run, as before.
#
#   tools/ci/run-targets.sh [NX_ARG...]        exit: the first failing run's code, else 0
set -uo pipefail
LONG_RUNNING=rehearsal,k8s-simulator
targets=(-t lint test build typecheck --output-style=stream-without-prefixes)
[ $# -eq 0 ] || exec nx run-many "${targets[@]}" "$@"

nx run-many "${targets[@]}" --projects "$LONG_RUNNING" --parallel 2 &
long_running=$!
# Also when the other run is interrupted: the background one would not hear a Ctrl-C of a script.
trap 'kill "$long_running" 2>/dev/null' EXIT
nx run-many "${targets[@]}" --exclude "$LONG_RUNNING" --parallel 3
code=$?
wait "$long_running" || { long_code=$?; [ "$code" -ne 0 ] || code=$long_code; }
exit "$code"
