/**
 * The requests a run may have in flight at once (Max Concurrent Requests), shared by the runners
 * of one run: with Write Mode `changed`, its batch reads and its writes together never exceed the
 * bound. When a request ends, the runners are told in the order they joined, so the first (the
 * writes) gets the freed slot first.
 */
export class RequestSlots {
	private inUse = 0;

	private readonly listeners: Array<() => void> = [];

	constructor(readonly limit: number) {}

	get busy(): number {
		return this.inUse;
	}

	/** Takes a slot when one is free. */
	tryTake(): boolean {
		if (this.inUse >= this.limit) return false;
		this.inUse++;
		return true;
	}

	/** Gives a slot back and lets every runner start what it can. */
	release(): void {
		this.inUse--;
		for (const listener of this.listeners) listener();
	}

	/** `listener` runs whenever a slot is given back. */
	onRelease(listener: () => void): void {
		this.listeners.push(listener);
	}
}
