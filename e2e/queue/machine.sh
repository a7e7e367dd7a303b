# What `npm run e2e:queue` changes on the machine, and how it is put back. Sourced by
# e2e/queue/run.sh, whose EXIT trap calls queue_machine_restore on every way out (success, failure,
# SIGINT, SIGTERM, SIGHUP). test/tooling/queueMachine.test.ts drives it with a fake apt-get.
#
# - policy-rc.d: while apt installs redis-server and postgresql, /usr/sbin/policy-rc.d answers
#   101 so that the packages' own services do not start (the run starts its own on free loopback
#   ports). One this script wrote is removed; one that was there before is put back as it was.
# - what run.ts starts: run.ts notes each process group and folder in $E2E_QUEUE_LEFTOVERS and
#   stops or removes them itself; whatever is still noted when it has gone (killed by `timeout
#   --kill-after`, say) is killed or removed here.
#
# E2E_POLICY_RC_D overrides the policy-rc.d path (for the test).

QUEUE_POLICY_RC_D="${E2E_POLICY_RC_D:-/usr/sbin/policy-rc.d}"
QUEUE_POLICY_TEXT='#!/bin/sh
exit 101'
queue_policy_state="" # "", created, or replaced (the original is in $queue_policy_backup)
queue_policy_backup=""

queue_log() { echo "[e2e:queue] $*" >&2; }

# runs "$@" as root: directly when we are root, else through sudo
queue_as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# runs "$@" with the rights the policy-rc.d folder needs
queue_as_policy_owner() {
	if [ -w "$(dirname "$QUEUE_POLICY_RC_D")" ]; then "$@"; else queue_as_root "$@"; fi
}

queue_block_service_starts() {
	if [ -e "$QUEUE_POLICY_RC_D" ] || [ -L "$QUEUE_POLICY_RC_D" ]; then
		queue_policy_backup="$(dirname "$QUEUE_POLICY_RC_D")/.policy-rc.d.n8n-hgt-e2e-queue.$$"
		queue_as_policy_owner cp -p -P "$QUEUE_POLICY_RC_D" "$queue_policy_backup" || return 1
		queue_policy_state=replaced
	else
		queue_policy_state=created
	fi
	printf '%s\n' "$QUEUE_POLICY_TEXT" | queue_as_policy_owner tee "$QUEUE_POLICY_RC_D.new.$$" >/dev/null &&
		queue_as_policy_owner chmod 755 "$QUEUE_POLICY_RC_D.new.$$" &&
		queue_as_policy_owner mv -f "$QUEUE_POLICY_RC_D.new.$$" "$QUEUE_POLICY_RC_D"
}

# Puts policy-rc.d back as it was before queue_block_service_starts; safe to call again.
queue_restore_policy() {
	case "$queue_policy_state" in
	created)
		# only ours: something else may have written its own since
		if printf '%s\n' "$QUEUE_POLICY_TEXT" | cmp -s - "$QUEUE_POLICY_RC_D"; then
			queue_as_policy_owner rm -f "$QUEUE_POLICY_RC_D"
		else
			queue_log "$QUEUE_POLICY_RC_D changed since this run wrote it: left as it is"
		fi
		;;
	replaced) queue_as_policy_owner mv -f "$queue_policy_backup" "$QUEUE_POLICY_RC_D" ;;
	esac
	queue_as_policy_owner rm -f "$QUEUE_POLICY_RC_D.new.$$"
	queue_policy_state=""
}

# Installs Debian packages with the packages' own services kept from starting. Returns apt-get's status;
# policy-rc.d is back as it was when it returns (and the EXIT trap puts it back if it never does).
queue_install_packages() {
	local status=0
	queue_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return $?
	queue_block_service_starts || {
		status=$?
		queue_restore_policy
		return $status
	}
	queue_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || status=$?
	queue_restore_policy
	return $status
}

# Kills the process groups and removes the folders run.ts noted in $E2E_QUEUE_LEFTOVERS and did not clean up.
queue_stop_leftovers() {
	local dir="${E2E_QUEUE_LEFTOVERS:-}" f pgid path
	[ -n "$dir" ] && [ -d "$dir" ] || return 0
	for f in "$dir"/group-*; do
		[ -e "$f" ] || continue
		pgid="${f##*/group-}"
		if kill -0 -- "-$pgid" 2>/dev/null; then
			queue_log "still running after run.ts: $(head -c 200 "$f") (process group $pgid), killing it"
			kill -KILL -- "-$pgid" 2>/dev/null || true
		fi
	done
	for f in "$dir"/dir-*; do
		[ -e "$f" ] || continue
		path="$(cat "$f")"
		# only the run's own temporary folders
		case "$path" in /*/n8n-hgt-queue-*) rm -rf -- "$path" || true ;; esac
	done
	rm -rf -- "$dir" || true
}

queue_machine_restore() {
	queue_restore_policy
	queue_stop_leftovers
}
