/**
 * When each API request (admin calls aside) was answered, and how: what a run's timeline (its span,
 * its 429s over time, the busiest rolling window) is read from. Capped, oldest dropped first.
 */
export interface LoggedRequest {
	/** epoch ms when the answer was sent */
	at: number;
	/** epoch ms when the request arrived (before the sandbox's added latency) */
	receivedAt?: number;
	/** epoch ms when the rate limit counted it (undefined when it was refused before that) */
	countedAt?: number;
	status: number;
	method: string;
	path: string;
}

export class RequestLog {
	private entries: LoggedRequest[] = [];

	constructor(private readonly cap = 200_000) {}

	record(entry: LoggedRequest): void {
		this.entries.push(entry);
		if (this.entries.length > this.cap) this.entries.splice(0, this.entries.length - this.cap);
	}

	list(): LoggedRequest[] {
		return [...this.entries];
	}

	clear(): void {
		this.entries = [];
	}
}
