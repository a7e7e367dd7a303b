#!/usr/bin/env bash
# npm run e2e: install pinned n8n versions into the cache (reused when present),
# then build, pack and prove the package inside them (e2e/run.ts).
# Env: E2E_CACHE, E2E_WORK, E2E_ONLY=n8n2,editor,n8n1, E2E_KEEP=1 — see e2e/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$SECONDS
only="${E2E_ONLY:-n8n2,editor,n8n1}"
what=all
case ",$only," in
  *,n8n1,*) case ",$only," in *,n8n2,*|*,editor,*) what=all ;; *) what=n8n1 ;; esac ;;
  *) what=n8n2 ;;
esac

if [ ! -x /usr/bin/chromium ] && [ -z "${E2E_CHROMIUM:-}" ] && case ",$only," in *,editor,*) true ;; *) false ;; esac; then
  echo "[e2e] installing Debian's chromium (apt-get)" >&2
  t=$SECONDS
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ||
    { echo "[e2e] could not install chromium; set E2E_ONLY=n8n2,n8n1 to skip the editor" >&2; exit 1; }
  echo "[e2e] chromium installed in $((SECONDS - t))s" >&2
fi

t=$SECONDS
bash e2e/install.sh "$what"
echo "[e2e] n8n installs ready in $((SECONDS - t))s" >&2

# bounded overall: a hung step must not eat CI's budget
exec timeout --kill-after=30 "${E2E_TIMEOUT:-1800}" node_modules/.bin/tsx e2e/run.ts
