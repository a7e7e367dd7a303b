/**
 * The sandbox for the tests of a file (or of a describe block): started before them, closed after them, and by
 * default emptied before each, so no test sees what another wrote.
 *
 *   const sandbox = useSandbox({ rateLimit: false });
 *   it('…', async () => { await run(workflow, sandbox); expect(sandbox.store.size).toBe(3); });
 *
 * `useSandbox` registers jest's hooks where it is called and returns the sandbox at once: it can be used in
 * tests and hooks, not while jest collects them (it starts in `beforeAll`). Hooks the file declares after
 * `useSandbox` run after the fixture's: a `beforeAll` that seeds records finds the sandbox started, a
 * `beforeEach` that seeds finds it emptied.
 */
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox';

export interface EachTest {
	/**
	 * Before each test: the store emptied, counters and the request log cleared, faults and shuffles restarted
	 * from their seed (default true). Off where the tests of a file read records seeded once in `beforeAll`.
	 */
	reset?: boolean;
	/** Before each test, ahead of the reset: options a test may change, set back. */
	restore?: Partial<SandboxOptions>;
}

/** The started sandbox, through getters, so the handle can be taken before `beforeAll` starts it. */
class SandboxHandle implements Sandbox {
	started: Sandbox | undefined;

	private get sandbox(): Sandbox {
		if (!this.started)
			throw new Error(
				'The sandbox starts in beforeAll: use it in a test or a hook, not at collection',
			);
		return this.started;
	}

	get url() {
		return this.sandbox.url;
	}

	get port() {
		return this.sandbox.port;
	}

	get tokens() {
		return this.sandbox.tokens;
	}

	get oauth() {
		return this.sandbox.oauth;
	}

	get store() {
		return this.sandbox.store;
	}

	counters() {
		return this.sandbox.counters();
	}

	configure(options: Partial<SandboxOptions>) {
		this.sandbox.configure(options);
	}

	reset() {
		this.sandbox.reset();
	}

	async close() {
		await this.sandbox.close();
	}
}

export function useSandbox(options: SandboxOptions = {}, eachTest: EachTest = {}): Sandbox {
	const handle = new SandboxHandle();
	beforeAll(async () => {
		handle.started = await startSandbox(options);
	});
	afterAll(async () => {
		await handle.started?.close();
		handle.started = undefined;
	});
	if (eachTest.reset !== false || eachTest.restore)
		beforeEach(() => {
			if (eachTest.restore) handle.configure(eachTest.restore);
			if (eachTest.reset !== false) handle.reset();
		});
	return handle;
}
