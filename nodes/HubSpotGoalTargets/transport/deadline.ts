/**
 * A request's deadline: `Timeout (Ms)` from the moment the request starts until its answer is read
 * whole (connecting, the headers, the body). n8n's helper passes the timeout to axios as an idle
 * timeout, which a host sending a byte now and then never reaches; this one is a time limit.
 *
 * `signal` aborts at the deadline or when the execution is cancelled, whichever comes first;
 * `passed` tells the two apart (a timeout is a lost answer, a cancel stays a cancel).
 */
export class RequestDeadline {
	private readonly controller = new AbortController();

	private readonly timer: AbortSignal;

	private readonly onAbort = () => this.controller.abort();

	constructor(
		readonly timeoutMs: number,
		private readonly cancel?: AbortSignal,
	) {
		this.timer = AbortSignal.timeout(timeoutMs);
		for (const source of [this.timer, cancel]) {
			if (source?.aborted) this.controller.abort();
			else source?.addEventListener('abort', this.onAbort, { once: true });
		}
	}

	get signal(): AbortSignal {
		return this.controller.signal;
	}

	/** The deadline came first: the execution was not cancelled. */
	get passed(): boolean {
		return this.timer.aborted && this.cancel?.aborted !== true;
	}

	/**
	 * `work`, or a rejection as soon as `signal` aborts, whether or not n8n's helper let the signal
	 * reach the request: the deadline holds either way. Work left behind runs on against the
	 * aborted signal (reading a body checks it and stops).
	 */
	async race<T>(work: Promise<T>): Promise<T> {
		return await untilAborted(work, this.signal, () => new Error('The request was aborted'));
	}

	/** The request is over: the execution's cancel signal no longer holds on to it. */
	end(): void {
		this.timer.removeEventListener('abort', this.onAbort);
		this.cancel?.removeEventListener('abort', this.onAbort);
	}
}

/**
 * `work`, or a rejection with `error()` as soon as `signal` aborts (at once when it already has).
 * The work itself runs on; its outcome is then ignored.
 */
export async function untilAborted<T>(
	work: Promise<T>,
	signal: AbortSignal,
	error: () => Error,
): Promise<T> {
	return await new Promise<T>((resolve, reject) => {
		const onAbort = () => reject(error());
		if (signal.aborted) onAbort();
		else signal.addEventListener('abort', onAbort, { once: true });
		work.then(
			(value) => {
				signal.removeEventListener('abort', onAbort);
				resolve(value);
			},
			(failure: unknown) => {
				signal.removeEventListener('abort', onAbort);
				reject(failure);
			},
		);
	});
}
