/**
 * Get Many and Search always end: pages that bring nothing but a new cursor, and a page of more
 * records than a read takes, stop the read with a clear error after a few requests.
 */
import { errorOf, OUR_NODE_NAME, outputs, pairedIndexes } from '../../testkit/workflowRun';
import { runAgainst, useFakeHubSpot, type Answer } from '../../testkit/fakeHubSpot';

const fake = useFakeHubSpot();

/**
 * `{"results":[],"paging":{"next":{"after":"c<n>"}}}` to every request. Past 50 requests it refuses,
 * so that a read that never stops by itself ends the test with a different message and count.
 */
function emptyPagesForever(): void {
	fake.respond = (_request, index): Answer =>
		index < 50
			? { status: 200, body: { results: [], paging: { next: { after: `c${index + 1}` } } } }
			: {
					status: 400,
					body: {
						status: 'error',
						category: 'VALIDATION_ERROR',
						message: 'fake: read did not stop',
					},
				};
}

const NO_PROGRESS =
	'HubSpot sent 3 pages in a row with no records but a new cursor; stopped reading (stopped after 0 records on 3 pages)';

describe('pages with no records but a new cursor each time', () => {
	it.each([
		['limit 10', { returnAll: false, limit: 10 }],
		['Return All', { returnAll: true }],
	])('stop Get Many (%s) with a clear error after a few requests', async (_, parameters) => {
		emptyPagesForever();
		const result = await runAgainst(fake, 'getAll', parameters);
		expect(result.errorOf(OUR_NODE_NAME)?.message).toBe(NO_PROGRESS);
		expect(fake.received.length).toBeLessThanOrEqual(10);
		expect(fake.received.every((r) => r.method === 'GET')).toBe(true);
	});

	it('with On Error set to continue, put the stop on the Error output', async () => {
		emptyPagesForever();
		const result = await runAgainst(fake, 'getAll', { returnAll: true }, [{}], {
			onError: 'continueRegularOutput',
		});
		const { success, errors } = outputs(result);
		expect(success).toEqual([]);
		expect(errors).toHaveLength(1);
		expect(errorOf(errors[0])).toMatchObject({
			message: NO_PROGRESS,
			category: 'UNEXPECTED_ANSWER',
		});
		expect(fake.received.length).toBeLessThanOrEqual(10);
	});

	it("stop Search (limit 5) with a clear error on the item's Error output", async () => {
		emptyPagesForever();
		const result = await runAgainst(fake, 'search', { returnAll: false, limit: 5 });
		const { success, errors } = outputs(result);
		expect(success).toEqual([]);
		expect(pairedIndexes(errors)).toEqual([0]);
		expect(errorOf(errors[0])).toMatchObject({
			message: NO_PROGRESS,
			category: 'UNEXPECTED_ANSWER',
		});
		expect(fake.received.length).toBeLessThanOrEqual(10);
		expect(fake.received.every((r) => r.path.endsWith('/search'))).toBe(true);
	});
});

describe('a page of 150,000 records', () => {
	it('does not overflow the stack: Return All stops at its bound of 100,000, saying so', async () => {
		fake.respond = () => ({
			status: 200,
			body: { results: Array.from({ length: 150_000 }, (_, i) => ({ id: String(i + 1) })) },
		});
		const result = await runAgainst(fake, 'getAll', { returnAll: true });
		expect(result.errorOf(OUR_NODE_NAME)?.message).toBe(
			'There are more than 100,000 records to read, the most one read takes; stopped reading (stopped after 100000 records on 1 pages)',
		);
		expect(fake.received).toHaveLength(1);
	});
});
