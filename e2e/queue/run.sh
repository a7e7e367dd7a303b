#!/usr/bin/env bash
# npm run e2e:queue: installs what is missing (Debian's redis-server and postgresql, n8n 2.40.7
# in the e2e cache), then runs e2e/queue/run.ts, bounded in time (QUEUE_E2E_TIMEOUT, default 1200 s).
# Whatever it changes on the machine is put back on every way out (e2e/queue/machine.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=e2e/queue/machine.sh
source e2e/queue/machine.sh

# where run.ts notes what it starts, for queue_stop_leftovers
E2E_QUEUE_LEFTOVERS="$(mktemp -d "${TMPDIR:-/tmp}/n8n-hgt-queue-leftovers-XXXXXX")"
export E2E_QUEUE_LEFTOVERS
child=""

on_exit() {
	local status=$?
	trap - EXIT INT TERM HUP
	queue_machine_restore
	exit "$status"
}
# a signal: run.ts stops what it started on SIGTERM; wait for it, then the EXIT trap
on_signal() {
	trap '' INT TERM HUP
	if [ -n "$child" ]; then
		kill -TERM "$child" 2>/dev/null || true
		wait "$child" 2>/dev/null || true
	fi
	exit "$1"
}
trap on_exit EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
trap 'on_signal 129' HUP

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
	queue_log "installing Debian packages: ${missing[*]}"
	t=$SECONDS
	queue_install_packages "${missing[@]}"
	queue_log "installed in $((SECONDS - t))s"
fi

t=$SECONDS
bash e2e/install.sh n8n2
queue_log "n8n install ready in $((SECONDS - t))s"

# bounded overall: a hung step must not eat CI's budget. In the background so that a signal reaches
# the traps at once (run.ts stops what it started on SIGTERM; what it could not is stopped on exit).
timeout --kill-after=30 "${QUEUE_E2E_TIMEOUT:-1200}" node_modules/.bin/tsx e2e/queue/run.ts &
child=$!
status=0
wait "$child" || status=$?
child=""
exit "$status"
