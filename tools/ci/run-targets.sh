#!/usr/bin/env bash
# Every lint, test, build and typecheck of every project. Tests and builds run as two Nx runs side by side:
# one for the projects whose end-to-end specs take longest (the rehearsal's and the kubectl-judged Kubernetes
# executors'; both partly wait on Docker, kubectl and polls), started at once, one for every other project.
# A single run would start them last: Nx starts first the tasks of the projects that others depend on, and
# nothing depends on these.
# Lint and typecheck run once over all projects: one ESLint and one tsc (tsconfig.all.json). Every project
# has the same ESLint config and compiler options (tools/repo-rules/src/ci/one-pass-checks.spec.ts), so the
# result is each project's, without loading the rules, the graph and the shared libraries 17 times over.
# Extra arguments go to one single Nx run of every target per project instead, as `nx affected` runs them.
#
#   tools/ci/run-targets.sh [NX_ARG...]        exit: the first failing step's code, else 0
set -uo pipefail
LONG_RUNNING=rehearsal,k8s-simulator
style=--output-style=stream-without-prefixes
[ $# -eq 0 ] || exec nx run-many -t lint test build typecheck "$style" "$@"

# ESLint's module-boundaries rule reads Nx's cached project graph, and skips itself (a warning) without one.
nx show projects > /dev/null || exit

steps=()
start() {
  "$@" &
  steps+=("$!:$*")
}
# Also when interrupted: a background step would not hear a Ctrl-C of a script.
trap 'for step in "${steps[@]}"; do kill "${step%%:*}" 2>/dev/null; done' EXIT
start nx run-many -t test build "$style" --projects "$LONG_RUNNING" --parallel 2
# Nx loads .env (the known workarounds) into its processes; ESLint runs beside Nx and loads it itself.
start node --env-file=.env node_modules/.bin/eslint apps libs tools
start tsc -p tsconfig.all.json
start nx run-many -t test build "$style" --exclude "$LONG_RUNNING" --parallel 3

code=0
for step in "${steps[@]}"; do
  wait "${step%%:*}" && continue
  step_code=$?
  echo "npm test: failed (exit $step_code): ${step#*:}" >&2
  [ "$code" -ne 0 ] || code=$step_code
done
exit "$code"
