/**
 * The read operations' switch and number parameters are checked as the sending options are: a
 * value an expression gives that is not one the parameter takes (1 or "yes" for a switch, 2.5 or
 * -1 for a count) is refused by name before anything is sent, never read as something else.
 */
import { errorOf, OUR_NODE_NAME, outputs, pairedIndexes } from '../../testkit/workflowRun';
import { runAgainst, useFakeHubSpot } from '../../testkit/fakeHubSpot';

const fake = useFakeHubSpot();
beforeEach(() => {
	fake.respond = () => ({ status: 500, body: { message: 'nothing should be sent' } });
});

const record = (id: string, archived: boolean) => ({
	id,
	properties: { hs_object_id: id },
	createdAt: '2027-01-01T00:00:00.000Z',
	updatedAt: '2027-01-01T00:00:00.000Z',
	archived,
});

const archivedRefused = (shown: string) =>
	`Option 'Archived' (archived) must be true or false, not ${shown}`;

describe('Get (batch read) Options → Archived', () => {
	const read = async (archived: unknown) =>
		await runAgainst(
			fake,
			'batchRead',
			{ idValue: '={{ $json.id }}', options: { archived } as never },
			[{ id: '101' }],
		);

	it.each([
		['={{ 1 }}', '1'],
		['={{ "yes" }}', "'yes'"],
		['={{ 2.5 }}', '2.5'],
		['={{ -1 }}', '-1'],
	])('%p stops the node naming the option, and nothing is sent', async (archived, shown) => {
		const result = await read(archived);
		expect(result.errorOf(OUR_NODE_NAME)?.message).toBe(archivedRefused(shown));
		expect(fake.received).toEqual([]);
	});

	it('"true" as text from an expression reads archived goal targets', async () => {
		fake.respond = () => ({
			status: 200,
			body: {
				status: 'COMPLETE',
				results: [record('101', true)],
				startedAt: '2027-01-01T00:00:00.000Z',
				completedAt: '2027-01-01T00:00:00.000Z',
			},
		});
		const { success, errors } = outputs(await read('={{ "true" }}'));
		expect(errors).toEqual([]);
		expect(success.map((item) => item.json.id)).toEqual(['101']);
		expect(fake.received.map((r) => [r.path, r.query.get('archived')])).toEqual([
			['/crm/v3/objects/goal_targets/batch/read', 'true'],
		]);
	});
});

describe('Get Many', () => {
	it.each([
		['archived 1', { returnAll: true, options: { archived: '={{ 1 }}' } }, archivedRefused('1')],
		[
			'archived "yes"',
			{ returnAll: true, options: { archived: '={{ "yes" }}' } },
			archivedRefused("'yes'"),
		],
		[
			'returnAll 1',
			{ returnAll: '={{ 1 }}' },
			"Parameter 'Return All' (returnAll) must be true or false, not 1",
		],
		[
			'returnAll "yes"',
			{ returnAll: '={{ "yes" }}' },
			"Parameter 'Return All' (returnAll) must be true or false, not 'yes'",
		],
		[
			'limit 2.5',
			{ returnAll: false, limit: '={{ 2.5 }}' },
			"Parameter 'Limit' (limit) must be a whole number from 1 to 100,000, not 2.5",
		],
		[
			'limit -1',
			{ returnAll: false, limit: '={{ -1 }}' },
			"Parameter 'Limit' (limit) must be a whole number from 1 to 100,000, not -1",
		],
		[
			'limit "yes"',
			{ returnAll: false, limit: '={{ "yes" }}' },
			"Parameter 'Limit' (limit) must be a whole number from 1 to 100,000, not 'yes'",
		],
		[
			'limit 100,001',
			{ returnAll: false, limit: 100_001 },
			"Parameter 'Limit' (limit) must be a whole number from 1 to 100,000, not 100001",
		],
	])('%s stops the node naming it, and nothing is sent', async (_, parameters, message) => {
		const result = await runAgainst(fake, 'getAll', parameters as never);
		expect(result.errorOf(OUR_NODE_NAME)?.message).toBe(message);
		expect(fake.received).toEqual([]);
	});
});

describe('Search', () => {
	it.each([
		[
			'returnAll 1',
			{ returnAll: '={{ 1 }}' },
			'returnAll',
			"Parameter 'Return All' (returnAll) must be true or false, not 1",
		],
		[
			'limit 2.5',
			{ returnAll: false, limit: '={{ 2.5 }}' },
			'limit',
			"Parameter 'Limit' (limit) must be a whole number from 1 to 10,000, not 2.5",
		],
		[
			'limit -1',
			{ returnAll: false, limit: '={{ -1 }}' },
			'limit',
			"Parameter 'Limit' (limit) must be a whole number from 1 to 10,000, not -1",
		],
		[
			'limit 20,000',
			{ returnAll: false, limit: '={{ 20000 }}' },
			'limit',
			"Parameter 'Limit' (limit) must be a whole number from 1 to 10,000, not 20000",
		],
	])(
		'%s puts the item on Error naming the field, and sends nothing for it',
		async (_, parameters, field, message) => {
			const { success, errors } = outputs(await runAgainst(fake, 'search', parameters as never));
			expect(success).toEqual([]);
			expect(pairedIndexes(errors)).toEqual([0]);
			expect(errorOf(errors[0])).toMatchObject({
				message: `Item 0: ${message}`,
				category: 'INVALID_INPUT',
				field,
			});
			expect(fake.received).toEqual([]);
		},
	);
});
