import type { RateLimitPacer } from './pacer';

/**
 * One pacer per HubSpot app and credential in this n8n process. Executions that run at the same
 * time in one process (n8n's main instance, or a queue-mode worker with `--concurrency`) then pace
 * together from one log of their requests, which is exact, instead of guessing at each other from
 * HubSpot's headers; only other processes are left to the headers. An execution that starts while
 * the requests of one that just ended are still in the window knows about them too.
 *
 * What is kept is rate-limit state only: when requests went and what HubSpot's headers said, never
 * a record, an input or a secret (the key names the credential by its id). A pacer none of whose
 * requests is in flight or in the window any more knows nothing worth keeping: it is dropped.
 */
const pacers = new Map<string, RateLimitPacer>();

function forgetIdle(now: number) {
	for (const [key, pacer] of pacers) if (pacer.idle(now)) pacers.delete(key);
}

/**
 * The process's pacer for `key`, made with `create` when there is none; a pacer of the run's own
 * when there is no key (nothing tells which app the run writes to).
 */
export function pacerFor(key: string | undefined, create: () => RateLimitPacer, now: number) {
	forgetIdle(now);
	if (key === undefined) return create();
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = create();
		pacers.set(key, pacer);
	}
	return pacer;
}
