import { fieldsParameters, nodeWorkflow } from '../../harness/workflows';
import {
	basicProperties,
	errorOf,
	goalRows,
	OUR_NODE_NAME,
	outputs,
	pairedIndexes,
	run,
} from '../../testkit/workflowRun';
import { useSandbox } from '../../testkit/sandboxFixture';

const sandbox = useSandbox({ rateLimit: false });

describe("batch upsert in n8n's engine against the sandbox", () => {
	it('writes every item and links each Success item to its source item', async () => {
		const result = await run(nodeWorkflow(goalRows(3), fieldsParameters(basicProperties)), sandbox);
		const { success, errors } = outputs(result);
		expect(errors).toEqual([]);
		expect(pairedIndexes(success)).toEqual([0, 1, 2]);
		expect(success.map((item) => item.json.properties)).toEqual(
			[0, 1, 2].map((i) =>
				expect.objectContaining({
					external_goal_key: `K-${i}`,
					hs_goal_name: `Goal ${i}`,
					hs_target_amount: String(1000 + i),
				}),
			),
		);
		expect(
			success.every((item) => item.json.new === true && typeof item.json.id === 'string'),
		).toBe(true);
		expect(sandbox.store.size).toBe(3);
	});

	it('reads an access token credential once per run, not once per request', async () => {
		const result = await run(
			nodeWorkflow(goalRows(50), fieldsParameters(basicProperties, { options: { batchSize: 5 } })),
			sandbox,
		);
		expect(outputs(result).success).toHaveLength(50);
		// 10 upserts and the read of the account's properties: one read of the credential
		expect(sandbox.counters().upsertRequests).toBe(10);
		expect(result.credentialsHelper.reads.get('hubSpotGoalTargetsTokenApi')).toBe(1);
	});

	it('with Map Automatically and no ID, takes the ID from the item field named like the ID property', async () => {
		const rows = [
			{ external_goal_key: 'A-1', hs_goal_name: 'First', other: 'not a property' },
			{ external_goal_key: 'A-2', hs_goal_name: 'Second' },
			{ hs_goal_name: 'No key' },
		];
		const schema = ['external_goal_key', 'hs_goal_name'].map((id) => ({
			id,
			displayName: id,
			required: false,
			defaultMatch: false,
			display: true,
			type: 'string',
			removed: false,
		}));
		const parameters = fieldsParameters(
			{},
			{
				idValue: '',
				properties: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema },
			},
		);
		const { success, errors } = outputs(await run(nodeWorkflow(rows, parameters), sandbox));
		expect(pairedIndexes(success)).toEqual([0, 1]);
		expect(sandbox.store.getByProperty('external_goal_key', 'A-2')?.properties).toMatchObject({
			hs_goal_name: 'Second',
		});
		expect(pairedIndexes(errors)).toEqual([2]);
		expect(errorOf(errors[0]).message).toBe("Item 2: 'idValue' is missing");
	});

	it('updates an existing record partially: untouched properties keep their values', async () => {
		await run(nodeWorkflow(goalRows(1), fieldsParameters(basicProperties)), sandbox);
		const update = await run(
			nodeWorkflow(
				[{ key: 'K-0', amount: 5 }],
				fieldsParameters({ hs_target_amount: '={{ $json.amount }}' }),
			),
			sandbox,
		);
		const { success } = outputs(update);
		expect(success[0].json.new).toBe(false);
		const stored = sandbox.store.getByProperty('external_goal_key', 'K-0');
		expect(stored?.properties).toMatchObject({ hs_goal_name: 'Goal 0', hs_target_amount: '5' });
	});

	it('matches a 207 answer given in shuffled order to the right items', async () => {
		const rows = goalRows(40);
		for (const bad of [3, 17, 31]) rows[bad].amount = 'not a number';
		const unchecked = fieldsParameters(basicProperties, { options: { validateProperties: false } });
		const result = await run(nodeWorkflow(rows, unchecked), sandbox);
		const { success, errors } = outputs(result);
		expect(pairedIndexes(errors)).toEqual([3, 17, 31]);
		expect(errors.map((item) => errorOf(item).message)).toEqual(
			Array(3).fill(
				'Property values were not valid: hs_target_amount: not a number was not a valid number.',
			),
		);
		expect(errors[0].json.input).toMatchObject({ id: 'K-3', idProperty: 'external_goal_key' });
		expect(success).toHaveLength(37);
		// Each success is the record of its own item, whatever order HubSpot answered in.
		for (const item of success) {
			const index = (item.pairedItem as { item: number }).item;
			expect((item.json.properties as Record<string, string>).external_goal_key).toBe(`K-${index}`);
		}
	});

	it('cuts 250 items into three requests', async () => {
		const result = await run(
			nodeWorkflow(goalRows(250), fieldsParameters(basicProperties)),
			sandbox,
		);
		expect(outputs(result).success).toHaveLength(250);
		expect(sandbox.counters().upsertRequests).toBe(3);
		expect(sandbox.store.size).toBe(250);
	});

	it('honours a smaller batch size', async () => {
		await run(
			nodeWorkflow(goalRows(25), fieldsParameters(basicProperties, { options: { batchSize: 10 } })),
			sandbox,
		);
		expect(sandbox.counters().upsertRequests).toBe(3);
	});

	it('writes both of two items with the same id, in order, in separate requests', async () => {
		const rows = [
			{ key: 'A', name: 'first', amount: 1 },
			{ key: 'B', name: 'other', amount: 2 },
			{ key: 'A', name: 'second', amount: 3 },
		];
		const result = await run(nodeWorkflow(rows, fieldsParameters(basicProperties)), sandbox);
		const { success, errors } = outputs(result);
		expect(errors).toEqual([]);
		expect(pairedIndexes(success)).toEqual([0, 1, 2]);
		expect(success[0].json.new).toBe(true);
		expect(success[2].json.new).toBe(false);
		expect(sandbox.counters().upsertRequests).toBe(2);
		expect(sandbox.store.getByProperty('external_goal_key', 'A')?.properties.hs_goal_name).toBe(
			'second',
		);
	});

	it('sends every input of a request HubSpot refuses whole to Error, with its message and category', async () => {
		const rows = goalRows(3);
		const params = fieldsParameters(
			{ ...basicProperties, no_such_property: 'x' },
			{ options: { isolateFailures: false, validateProperties: false } },
		);
		const { success, errors } = outputs(await run(nodeWorkflow(rows, params), sandbox));
		expect(success).toEqual([]);
		expect(pairedIndexes(errors)).toEqual([0, 1, 2]);
		expect(errorOf(errors[0])).toMatchObject({ httpCode: '400', category: 'VALIDATION_ERROR' });
		expect(errorOf(errors[0]).message).toMatch(/no_such_property/);
		expect(sandbox.store.size).toBe(0);
	});

	it('with failure isolation, writes the good inputs of a refused request and fails only the bad', async () => {
		const json = goalRows(10).map((row, i) => ({
			id: row.key,
			properties:
				i === 4 ? { hs_goal_name: 'x', no_such_property: '1' } : { hs_goal_name: row.name },
		}));
		const params = {
			idProperty: 'external_goal_key',
			inputMode: 'json',
			inputsJson: '={{ $json }}',
			options: { validateProperties: false },
		};
		const { success, errors } = outputs(await run(nodeWorkflow(json, params), sandbox));
		expect(pairedIndexes(errors)).toEqual([4]);
		expect(sandbox.counters().upsertRequests).toBe(2);
		expect(errorOf(errors[0]).message).toMatch(/no_such_property/);
		expect(success).toHaveLength(9);
		expect(sandbox.store.size).toBe(9);
	});

	it('refuses an idProperty that is not unique, naming it', async () => {
		const unchecked = fieldsParameters(basicProperties, {
			idProperty: 'hs_goal_name',
			options: { validateProperties: false },
		});
		const { errors } = outputs(await run(nodeWorkflow(goalRows(2), unchecked), sandbox));
		expect(errors).toHaveLength(2);
		expect(errorOf(errors[0]).message).toMatch(/non-unique 0-74 property hs_goal_name/);

		sandbox.reset();
		const checked = fieldsParameters(basicProperties, { idProperty: 'hs_goal_name' });
		const before = await run(nodeWorkflow(goalRows(2), checked), sandbox);
		expect(outputs(before).errors.map((item) => errorOf(item).message)).toEqual(
			Array(2).fill(
				expect.stringMatching(/'idProperty' 'hs_goal_name' is not a property with unique values/),
			),
		);
		expect(sandbox.counters().upsertRequests).toBe(0);
	});
});

describe("values checked against the account's properties", () => {
	it("converts each value to its property's format before sending", async () => {
		const rows = [
			{
				key: 'T-1',
				amount: '1e3',
				start: '2027-03-01',
				review: '2027-03-15T18:30:00+02:00',
				stretch: 'yes',
				milestone: 'Quarterly',
			},
		];
		const params = fieldsParameters({
			hs_target_amount: '={{ $json.amount }}',
			hs_start_datetime: '={{ $json.start }}',
			goal_review_date: '={{ $json.review }}',
			goal_is_stretch: '={{ $json.stretch }}',
			hs_milestone: '={{ $json.milestone }}',
		});
		const { success, errors } = outputs(await run(nodeWorkflow(rows, params), sandbox));
		expect(errors).toEqual([]);
		expect(success[0].json.properties).toMatchObject({
			hs_target_amount: '1000',
			hs_start_datetime: '2027-03-01T00:00:00.000Z',
			goal_review_date: '2027-03-15',
			goal_is_stretch: 'true',
			hs_milestone: 'quarterly',
		});
	});

	it('refuses per item a wrong value, an unknown property and a read-only one, listing allowed options', async () => {
		const rows = [
			{ key: 'V-0', milestone: 'weekly' },
			{ key: 'V-1', amount: 'lots' },
			{ key: 'V-4', milestone: 'monthly' },
		];
		const params = fieldsParameters({
			hs_milestone: '={{ $json.milestone ?? null }}',
			hs_target_amount: '={{ $json.amount ?? null }}',
		});
		const base = await run(nodeWorkflow(rows, params), sandbox);
		const { success, errors } = outputs(base);
		expect(pairedIndexes(success)).toEqual([2]);
		expect(errors.map((item) => errorOf(item).message)).toEqual([
			"Item 0: 'properties.hs_milestone' 'weekly' is not one of the allowed options: monthly, quarterly, annually",
			"Item 1: 'properties.hs_target_amount' is not a number: 'lots'",
		]);

		const json = [
			{ id: 'V-2', properties: { hs_goal_nmae: 'typo' } },
			{ id: 'V-3', properties: { hs_kpi_value: '5' } },
			{ id: 'V-5', properties: { hs_goal_name: 'fine' } },
		];
		const jsonRun = await run(
			nodeWorkflow(json, {
				idProperty: 'external_goal_key',
				inputMode: 'json',
				inputsJson: '={{ $json }}',
			}),
			sandbox,
		);
		const jsonOut = outputs(jsonRun);
		expect(pairedIndexes(jsonOut.success)).toEqual([2]);
		expect(jsonOut.errors.map((item) => errorOf(item).message)).toEqual([
			"Item 0: 'properties.hs_goal_nmae' is not a goal target property in this HubSpot account",
			"Item 1: 'properties.hs_kpi_value' is read-only in HubSpot (HubSpot sets or calculates it)",
		]);
	});
});

describe('bad input', () => {
	it('gives each bad item an Error item naming the item and the field, and writes the rest', async () => {
		const rows = [
			{ key: 'ok-0', name: 'fine' },
			{ key: '', name: 'no key' },
			{ key: 'ok-2', name: { nested: true } },
			{ key: 'ok-3', name: ['a', 'b'] },
			{ key: 'ok-4', name: 'fine too' },
		];
		const params = fieldsParameters({ hs_goal_name: '={{ $json.name }}' });
		const { success, errors } = outputs(await run(nodeWorkflow(rows, params), sandbox));
		expect(pairedIndexes(success)).toEqual([0, 4]);
		expect(
			errors.map((item) => [(item.pairedItem as { item: number }).item, errorOf(item).field]),
		).toEqual([
			[1, 'idValue'],
			[2, 'properties.hs_goal_name'],
			[3, 'properties.hs_goal_name'],
		]);
		expect(errorOf(errors[0]).message).toBe("Item 1: 'idValue' is empty");
		expect(errorOf(errors[1]).message).toMatch(/^Item 2: 'properties.hs_goal_name' is an object/);
		expect(sandbox.counters().upsertRequests).toBe(1);
	});

	it('in JSON mode refuses invalid JSON, non-object properties and a missing idProperty per item', async () => {
		const rows = [
			{ body: '{"id":"j-0","properties":{"hs_goal_name":"a"}}' },
			{ body: '{"id":"j-1", "properties": ' },
			{ body: '{"id":"j-2","properties":"hs_goal_name=b"}' },
			{
				body: '[{"id":"j-3","properties":{}},{"id":"j-4","idProperty":"goal_sync_id","properties":{}}]',
			},
		];
		const params = {
			idProperty: '={{ $json.body.includes("j-3") ? "" : "external_goal_key" }}',
			inputMode: 'json',
			inputsJson: '={{ $json.body }}',
		};
		const { success, errors } = outputs(await run(nodeWorkflow(rows, params), sandbox));
		expect(
			success.map((item) => [
				(item.pairedItem as { item: number }).item,
				(item.json.properties as Record<string, string>).external_goal_key ??
					(item.json.properties as Record<string, string>).goal_sync_id,
			]),
		).toEqual([
			[0, 'j-0'],
			[3, 'j-4'],
		]);
		expect(errors.map((item) => errorOf(item).message)).toEqual([
			expect.stringMatching(/^Item 1: 'inputsJson' is not valid JSON/),
			"Item 2: 'properties' must be an object of property names and values",
			expect.stringMatching(/^Item 3, input 0: 'idProperty' is missing or empty/),
		]);
		expect(pairedIndexes(errors)).toEqual([1, 2, 3]);
	});
});

describe('credentials and continue-on-fail', () => {
	it('stops with a clear error for a bad token, and the token appears nowhere', async () => {
		const badToken = 'pat-sandbox-not-a-real-token-0000';
		const result = await run(
			nodeWorkflow(goalRows(2), fieldsParameters(basicProperties)),
			sandbox,
			badToken,
		);
		const error = result.errorOf(OUR_NODE_NAME);
		expect(error?.message).toMatch(/Authentication credentials not found|expired|invalid/i);
		expect(result.run.status).toBe('error');
		expect(JSON.stringify(result.run)).not.toContain(badToken);
		expect(JSON.stringify(result.logger.entries)).not.toContain(badToken);
	});

	it('names the missing scope when the token may only read', async () => {
		const result = await run(
			nodeWorkflow(goalRows(1), fieldsParameters(basicProperties)),
			sandbox,
			sandbox.tokens.readOnly,
		);
		expect(result.errorOf(OUR_NODE_NAME)?.message).toMatch(
			/Missing scopes: crm\.objects\.goals\.write/,
		);
		expect(JSON.stringify(result.run)).not.toContain(sandbox.tokens.readOnly);
	});

	it.each(['continueRegularOutput', 'continueErrorOutput'] as const)(
		'with On Error "%s", sends every item to our Error output instead of stopping',
		async (onError) => {
			const result = await run(
				nodeWorkflow(goalRows(3), fieldsParameters(basicProperties), { onError }),
				sandbox,
				sandbox.tokens.readOnly,
			);
			expect(result.run.status).toBe('success');
			const all = result.outputsOf(OUR_NODE_NAME);
			expect(all[0]).toEqual([]);
			expect(pairedIndexes(all[1])).toEqual([0, 1, 2]);
			expect(errorOf(all[1][0])).toMatchObject({ httpCode: '403', category: 'MISSING_SCOPES' });
			// n8n's own error output (added for continueErrorOutput) stays empty: our items keep their place.
			if (onError === 'continueErrorOutput') expect(all[2] ?? []).toEqual([]);
		},
	);

	it('keeps per-record errors on our Error output when On Error is "continueErrorOutput"', async () => {
		const rows = goalRows(3);
		rows[1].amount = 'NaN-ish';
		const result = await run(
			nodeWorkflow(rows, fieldsParameters(basicProperties), { onError: 'continueErrorOutput' }),
			sandbox,
		);
		const all = result.outputsOf(OUR_NODE_NAME);
		expect(pairedIndexes(all[0])).toEqual([0, 2]);
		expect(pairedIndexes(all[1])).toEqual([1]);
		expect(all[2] ?? []).toEqual([]);
	});

	it('never puts the token into outputs or logs on a good run', async () => {
		const result = await run(nodeWorkflow(goalRows(3), fieldsParameters(basicProperties)), sandbox);
		expect(JSON.stringify(result.run)).not.toContain(sandbox.tokens.readWrite);
		expect(JSON.stringify(result.logger.entries)).not.toContain(sandbox.tokens.readWrite);
	});
});
