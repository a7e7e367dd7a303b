#!/usr/bin/env bash
# npm run e2e:queue: installs what is missing (Debian's redis-server and postgresql, n8n 2.40.7
# in the e2e cache), then runs e2e/queue/run.ts, bounded in time (QUEUE_E2E_TIMEOUT, default 1200 s).
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[e2e:queue] installing Debian packages: ${missing[*]}" >&2
  t=$SECONDS
  sudo_=""
  [ "$(id -u)" -ne 0 ] && sudo_="sudo"
  $sudo_ apt-get update -qq
  # the packages' own services are not wanted: the run starts its own on free loopback ports
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo_ tee /usr/sbin/policy-rc.d >/dev/null && $sudo_ chmod +x /usr/sbin/policy-rc.d && policy=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${missing[@]}" >/dev/null
  [ -n "$policy" ] && $sudo_ rm -f /usr/sbin/policy-rc.d
  echo "[e2e:queue] installed in $((SECONDS - t))s" >&2
fi

t=$SECONDS
bash e2e/install.sh n8n2
echo "[e2e:queue] n8n install ready in $((SECONDS - t))s" >&2

# bounded overall: a hung step must not eat CI's budget (run.ts stops what it started on SIGTERM)
exec timeout --kill-after=30 "${QUEUE_E2E_TIMEOUT:-1200}" node_modules/.bin/tsx e2e/queue/run.ts
