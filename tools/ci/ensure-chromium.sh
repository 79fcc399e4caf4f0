#!/usr/bin/env bash
# Installs Debian's chromium when it is missing: the rollout-chart test renders the deploy report's
# mermaid diagrams in it (tools/deploy-e2e/src/lib/chromium.ts). Needs root and Debian's packages.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "ci: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) already installed"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "ci: installed $(/usr/bin/chromium --version 2>/dev/null)"
