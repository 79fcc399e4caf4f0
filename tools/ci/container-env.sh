#!/usr/bin/env bash
# The container environment for CI and for the Docker-dependent tests: a private Docker engine on its own socket,
# a real OCI registry (CNCF distribution) on 127.0.0.1 and the local Node 24 base image. No image registry on the
# internet is needed. Idempotent: installs only missing apt packages, starts only what is down, builds the base
# image only when the engine lacks it.
#
# Usage: container-env.sh start|stop|env|status|buildkit
#   start   brings everything up; progress on stderr, the export lines on stdout:
#             eval "$(tools/ci/container-env.sh start)"
#           When the first docker on PATH cannot build with BuildKit (no buildx), they also put a shim dir
#           first on PATH whose docker can (see use_buildkit).
#   env     prints the export lines only (what `start` prints)
#   buildkit  only sets up the BuildKit shim (the first thing `start` does), then prints the export lines
#   stop    stops the engine and registry started by `start` (by pid), nothing else
#   status  exit 0 when engine, registry and base image are all there
# Env: SLIPWAY_CONTAINER_DIR  state (sockets, pids, data)    default ${TMPDIR:-/tmp}/slipway-containers
#      SLIPWAY_TEST_REGISTRY  registry address               default 127.0.0.1:5055 (5000 is often taken)
#      SLIPWAY_DOCKER_HOST    use this engine instead of starting one (e.g. unix:///var/run/docker.sock)
#      NODE_VERSION           base image Node version        default: make-node-base.sh's
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STATE=${SLIPWAY_CONTAINER_DIR:-${TMPDIR:-/tmp}/slipway-containers}
REGISTRY=${SLIPWAY_TEST_REGISTRY:-127.0.0.1:5055}
ENGINE_DIR=$STATE/docker
REGISTRY_DIR=$STATE/registry
SHIM_DIR=$STATE/bin
NODE_VERSION=${NODE_VERSION:-$(sed -n 's/^NODE_VERSION=\${NODE_VERSION:-\(.*\)}$/\1/p' "$HERE/make-node-base.sh")}
BASE_IMAGE=local/node-base:$NODE_VERSION
export DOCKER_HOST=${SLIPWAY_DOCKER_HOST:-unix://$ENGINE_DIR/docker.sock}

log() { echo "container-env: $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
docker_cli() { command -v docker >/dev/null 2>&1 || { echo /usr/bin/docker; return; }; command -v docker; }
engine_up() { "$(docker_cli)" version --format '{{.Server.Version}}' >/dev/null 2>&1; }
registry_up() { curl -fs -o /dev/null --max-time 2 "http://$REGISTRY/v2/"; }
base_present() { "$(docker_cli)" image inspect "$BASE_IMAGE" >/dev/null 2>&1; }

print_env() {
  echo "export DOCKER_HOST=$DOCKER_HOST"
  echo "export SLIPWAY_TEST_REGISTRY=$REGISTRY"
  echo "export SLIPWAY_BASE_IMAGE=$BASE_IMAGE"
  # Expanded, not "$PATH": the lines also go to $GITHUB_ENV and to parsers that do not expand.
  if [ -x "$SHIM_DIR/docker" ]; then echo "export PATH=$SHIM_DIR:$(path_without_shim)"; fi
}

path_without_shim() {
  local IFS=: dir kept=()
  for dir in $PATH; do [ "$dir" = "$SHIM_DIR" ] || kept+=("$dir"); done
  echo "${kept[*]}"
}

# Major version of a docker CLI, from `docker --version` (no engine needed): "Docker version 20.10.24+dfsg1, …".
client_major() { "$1" --version 2>/dev/null | sed -n 's/^Docker version \([0-9]*\)\..*/\1/p'; }

# @nx/docker's docker:build, the rehearsal and the tests run the first `docker` on PATH. Docker 23+ builds with
# BuildKit only through the buildx plugin and otherwise falls back to the legacy builder, which ignores the
# per-Dockerfile ignore files (apps/<service>/Dockerfile.dockerignore) and warns that it is deprecated. Docker
# 18.09-22 CLIs have BuildKit built in behind DOCKER_BUILDKIT=1: Debian 12's docker.io (20.10) is one. So when
# the first docker lacks buildx, a shim in $SHIM_DIR runs such a CLI with BuildKit on, and print_env puts it
# first on PATH. Where the first docker has buildx (GitHub's runners, Docker Desktop) nothing changes.
use_buildkit() {
  local plain first cli major
  plain=$(path_without_shim)
  first=$(PATH=$plain command -v docker) || first=
  if [ -n "$first" ] && "$first" buildx version >/dev/null 2>&1; then
    rm -f "$SHIM_DIR/docker"
    log "builds use BuildKit ($first has buildx)"
    return 0
  fi
  while IFS= read -r cli; do
    major=$(client_major "$cli")
    if [ -n "$major" ] && [ "$major" -ge 18 ] && [ "$major" -lt 23 ]; then
      mkdir -p "$SHIM_DIR"
      # Replaced by a rename, so a docker call running meanwhile finds the old shim or the new one.
      cat >"$SHIM_DIR/docker.$$" <<EOF
#!/bin/sh
# Written by tools/ci/container-env.sh: ${first:-docker} has no buildx; this Docker $major.x CLI has BuildKit built in.
export DOCKER_BUILDKIT="\${DOCKER_BUILDKIT:-1}"
exec "$cli" "\$@"
EOF
      chmod 755 "$SHIM_DIR/docker.$$"
      mv -f "$SHIM_DIR/docker.$$" "$SHIM_DIR/docker"
      log "builds use BuildKit: ${first:-docker} has no buildx, so $SHIM_DIR/docker runs $cli with DOCKER_BUILDKIT=1"
      return 0
    fi
  done < <(PATH=$plain type -ap docker)
  rm -f "$SHIM_DIR/docker"
  log "warning: ${first:-docker} has no buildx and no Docker 18.09-22 CLI is installed: builds use the legacy builder," \
    "which reads only the root .dockerignore"
}

install_missing_packages() {
  # By command, not package name: a machine with Docker from docker-ce/moby (GitHub's runners) must not get docker.io.
  local need=()
  command -v docker-registry >/dev/null 2>&1 || need+=(docker-registry) # CNCF distribution 2.8
  command -v curl >/dev/null 2>&1 || need+=(curl)
  if [ -z "${SLIPWAY_DOCKER_HOST:-}" ] && ! { command -v dockerd && command -v docker; } >/dev/null 2>&1; then
    need+=(docker.io) # dockerd, containerd, runc, the CLI and tini (docker run --init)
  fi
  [ ${#need[@]} -eq 0 ] && return 0
  log "installing ${need[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
}

overlay_works() {
  local t ok=1
  t=$(mktemp -d)
  mkdir -p "$t/l" "$t/u" "$t/w" "$t/m"
  if as_root mount -t overlay overlay -o "lowerdir=$t/l,upperdir=$t/u,workdir=$t/w" "$t/m" 2>/dev/null; then
    as_root umount "$t/m"
    ok=0
  fi
  rm -rf "$t"
  return $ok
}

wait_until() { # $1 check, $2 seconds, $3 what, $4 its log: polls every 0.1 s, shows the log's tail on timeout
  local i=0
  until "$1"; do
    i=$((i + 1))
    if [ "$i" -gt $(($2 * 10)) ]; then log "$3 did not answer within $2 s:"; tail -20 "$4" >&2; return 1; fi
    sleep 0.1
  done
}

start_engine() {
  if engine_up; then log "engine up at $DOCKER_HOST"; return 0; fi
  [ -z "${SLIPWAY_DOCKER_HOST:-}" ] || { log "SLIPWAY_DOCKER_HOST=$SLIPWAY_DOCKER_HOST does not answer"; return 1; }
  mkdir -p "$ENGINE_DIR"
  # a pidfile left by a killed daemon makes dockerd refuse to start
  if [ -f "$ENGINE_DIR/dockerd.pid" ] && ! kill -0 "$(cat "$ENGINE_DIR/dockerd.pid")" 2>/dev/null; then
    rm -f "$ENGINE_DIR/dockerd.pid"
  fi
  # overlay2 builds ~10x faster than vfs; vfs is the fallback where overlay cannot mount
  local driver=vfs
  if overlay_works; then driver=overlay2; fi
  # no bridge and no iptables: this machine kind has neither; containers use --network host
  as_root setsid nohup dockerd --data-root "$ENGINE_DIR/data" --exec-root "$ENGINE_DIR/exec" \
    --pidfile "$ENGINE_DIR/dockerd.pid" -H "$DOCKER_HOST" --storage-driver="$driver" \
    --iptables=false --ip6tables=false --bridge=none >"$ENGINE_DIR/dockerd.log" 2>&1 </dev/null 9>&- &
  wait_until engine_up 30 dockerd "$ENGINE_DIR/dockerd.log" || return 1
  log "engine started at $DOCKER_HOST (storage $driver)"
}

start_registry() {
  if registry_up; then log "registry up at $REGISTRY"; return 0; fi
  mkdir -p "$REGISTRY_DIR/data"
  cat >"$REGISTRY_DIR/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog: {disabled: true}
storage:
  filesystem: {rootdirectory: $REGISTRY_DIR/data}
  delete: {enabled: true}
http:
  addr: $REGISTRY
  secret: local-only-not-a-secret
EOF
  setsid nohup docker-registry serve "$REGISTRY_DIR/config.yml" >"$REGISTRY_DIR/registry.log" 2>&1 </dev/null 9>&- &
  echo $! >"$REGISTRY_DIR/registry.pid"
  wait_until registry_up 10 "the registry on $REGISTRY" "$REGISTRY_DIR/registry.log" || return 1
  log "registry started at $REGISTRY"
}

stop_pidfile() { # $1 pidfile, $2 name
  [ -f "$1" ] || return 0
  local pid i=0
  pid=$(cat "$1")
  if kill -0 "$pid" 2>/dev/null; then
    as_root kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do
      i=$((i + 1))
      [ $i -gt 300 ] && { as_root kill -KILL "$pid"; break; }
      sleep 0.1
    done
    log "$2 ($pid) stopped"
  fi
  rm -f "$1"
}

with_lock() { # one start/stop at a time: .ci/run and a test setup may race (daemons get the lock fd closed: 9>&-)
  mkdir -p "$STATE"
  exec 9>"$STATE/lock"
  flock 9
  "$@"
}

start() {
  install_missing_packages
  use_buildkit
  start_engine
  start_registry
  if base_present; then
    log "base image $BASE_IMAGE present"
  else
    DOCKER=$(docker_cli) NODE_VERSION=$NODE_VERSION "$HERE/make-node-base.sh" "$BASE_IMAGE"
  fi
  print_env
}

stop() {
  stop_pidfile "$REGISTRY_DIR/registry.pid" registry
  if [ -z "${SLIPWAY_DOCKER_HOST:-}" ]; then
    stop_pidfile "$ENGINE_DIR/dockerd.pid" dockerd
    as_root umount "$ENGINE_DIR/exec/netns/default" 2>/dev/null || true # dockerd leaves it mounted
  fi
}

case "${1:-}" in
  start) with_lock start ;;
  stop) with_lock stop ;;
  env) print_env ;;
  buildkit)
    with_lock use_buildkit
    print_env
    ;;
  status) engine_up && registry_up && base_present ;;
  *) echo "usage: $0 start|stop|env|status|buildkit" >&2; exit 2 ;;
esac
