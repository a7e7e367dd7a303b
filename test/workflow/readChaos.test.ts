/**
 * Get Many and Search while the sandbox answers a 30% of the requests with faults (outages,
 * locks, migrations, reset connections, cut-off bodies, 429s): every record is still read once.
 */
import { ALL_FAULT_KINDS } from '../../sandbox';
import { nodeWorkflow } from '../../harness/workflows';
import { outputs, run } from '../../testkit/workflowRun';
import { useSandbox } from '../../testkit/sandboxFixture';

// Every fault kind but `hang` (each read would wait out its timeout) and `resetAfterWrite` (on a read, a `reset`).
const KINDS = ALL_FAULT_KINDS.filter((kind) => kind !== 'hang' && kind !== 'resetAfterWrite');

const sandbox = useSandbox({ rateLimit: false }, { reset: false });
let ids: string[];
beforeAll(async () => {
	ids = Array.from(
		{ length: 450 },
		(_, i) => sandbox.store.create({ external_goal_key: `C-${i}`, hs_goal_name: `Goal ${i}` }).id,
	);
});

// Seeds whose faults hit at least one request of the run.
describe.each([
	['getAll', 5, [12, 13, 14]],
	['search', 3, [12, 13, 15]],
] as const)('%s through faults', (operation, pages, seeds) => {
	it.each(seeds)(
		'reads every record once (fault seed %i)',
		async (seed) => {
			sandbox.configure({
				faults: {
					rate: 0.3,
					kinds: KINDS,
					seed,
					operations: [operation === 'getAll' ? 'list' : 'search'],
				},
			});
			const before = sandbox.counters();
			const result = await run(nodeWorkflow([{}], { operation, returnAll: true }), sandbox);
			const { success, errors } = outputs(result);
			const after = sandbox.counters();
			expect(errors).toEqual([]);
			expect(success.map((item) => item.json.id)).toEqual(ids);
			// Faults were met and waited out: one request per page, plus one per fault and per 429 of the
			// sandbox's own search limit (hit when an execution follows the last one within a second).
			const faults = after.faultsSent - before.faultsSent;
			expect(faults).toBeGreaterThan(0);
			expect(after.requests - before.requests).toBe(
				pages + faults + after.searchRateLimited429 - before.searchRateLimited429,
			);
		},
		120_000,
	);
});
