import {
	readBatchUpsertOptions,
	readSwitch,
	readWholeNumber,
} from '../../../nodes/HubSpotGoalTargets/helpers/options';

const defaults = {
	batchSize: 100,
	maxConcurrency: 250,
	maxRetries: 5,
	timeoutMs: 30_000,
	isolateFailures: true,
	validateProperties: true,
};

describe('readBatchUpsertOptions', () => {
	it('gives the defaults for options left out or cleared', () => {
		expect(readBatchUpsertOptions({})).toEqual({ ok: true, options: defaults });
		expect(readBatchUpsertOptions(undefined)).toEqual({ ok: true, options: defaults });
		expect(readBatchUpsertOptions({ batchSize: null, validateProperties: undefined })).toEqual({
			ok: true,
			options: defaults,
		});
	});

	it('takes values in range, the ends included, and whole numbers or true/false given as text by an expression', () => {
		expect(
			readBatchUpsertOptions({
				batchSize: 1,
				maxConcurrency: 250,
				maxRetries: 0,
				timeout: 300_000,
				isolateFailures: false,
				validateProperties: 'false',
			}),
		).toEqual({
			ok: true,
			options: {
				batchSize: 1,
				maxConcurrency: 250,
				maxRetries: 0,
				timeoutMs: 300_000,
				isolateFailures: false,
				validateProperties: false,
			},
		});
		expect(
			readBatchUpsertOptions({ batchSize: ' 50 ', timeout: '1000', isolateFailures: 'TRUE' }),
		).toMatchObject({
			ok: true,
			options: { batchSize: 50, timeoutMs: 1000, isolateFailures: true },
		});
	});

	it.each([
		[
			{ batchSize: 0 },
			"Option 'Batch Size' (batchSize) must be a whole number from 1 to 100, not 0",
		],
		[{ batchSize: 101 }, 'from 1 to 100, not 101'],
		[{ batchSize: 2.5 }, 'from 1 to 100, not 2.5'],
		[{ batchSize: Number.NaN }, 'from 1 to 100, not NaN'],
		[{ batchSize: 'ten' }, "from 1 to 100, not 'ten'"],
		[
			{ maxConcurrency: 0 },
			"Option 'Max Concurrent Requests' (maxConcurrency) must be a whole number from 1 to 250, not 0",
		],
		[{ maxConcurrency: 251 }, 'from 1 to 250, not 251'],
		[{ maxConcurrency: -1 }, 'from 1 to 250, not -1'],
		[
			{ maxRetries: 'many' },
			"Option 'Max Retries' (maxRetries) must be a whole number from 0 to 10, not 'many'",
		],
		[{ maxRetries: 11 }, 'from 0 to 10, not 11'],
		[{ maxRetries: Infinity }, 'from 0 to 10, not Infinity'],
		[{ maxRetries: {} }, 'from 0 to 10, not an object'],
		[
			{ timeout: 0 },
			"Option 'Timeout (Ms)' (timeout) must be a whole number from 1,000 to 300,000, not 0",
		],
		[{ timeout: 999 }, 'from 1,000 to 300,000, not 999'],
		[{ timeout: 300_001 }, 'from 1,000 to 300,000, not 300001'],
		[{ timeout: '' }, "from 1,000 to 300,000, not ''"],
		[
			{ isolateFailures: 'yes please' },
			"Option 'Isolate Failures' (isolateFailures) must be true or false, not 'yes please'",
		],
		[
			{ validateProperties: 1 },
			"Option 'Check Values Against HubSpot Properties' (validateProperties) must be true or false, not 1",
		],
	])('refuses %p, naming the option and its range', (raw, message) => {
		const reading = readBatchUpsertOptions(raw);
		expect(reading.ok).toBe(false);
		if (!reading.ok) expect(reading.message).toContain(message);
	});

	it('reads only the options own keys: an inherited name is not an option', () => {
		const raw = Object.create({ maxRetries: 'inherited' }) as Record<string, unknown>;
		expect(readBatchUpsertOptions(raw)).toEqual({ ok: true, options: defaults });
	});
});

describe('readWholeNumber and readSwitch, the checks every operation uses', () => {
	const pages = { label: 'Pages', min: 1, max: 1_000, default: 10 };
	const deep = { label: 'Deep', default: false };

	it('take a value in range or true/false, also as text, and the default for one left out or null', () => {
		expect([5, ' 1000 ', undefined, null].map((v) => readWholeNumber(v, 'pages', pages))).toEqual([
			{ ok: true, value: 5 },
			{ ok: true, value: 1000 },
			{ ok: true, value: 10 },
			{ ok: true, value: 10 },
		]);
		expect(
			[true, 'false', ' TRUE', undefined, null].map((v) => readSwitch(v, 'deep', deep)),
		).toEqual([
			{ ok: true, value: true },
			{ ok: true, value: false },
			{ ok: true, value: true },
			{ ok: true, value: false },
			{ ok: true, value: false },
		]);
	});

	it.each([
		['yes', "'yes'"],
		[2.5, '2.5'],
		[-1, '-1'],
		[0, '0'],
		[1_001, '1001'],
		[true, 'true'],
		['', "''"],
	])('refuse the number %p, naming the option and its range', (bad, shown) => {
		expect(readWholeNumber(bad, 'pages', pages)).toEqual({
			ok: false,
			message: `Option 'Pages' (pages) must be a whole number from 1 to 1,000, not ${shown}`,
		});
	});

	it.each([
		[1, '1'],
		['yes', "'yes'"],
		[2.5, '2.5'],
		[-1, '-1'],
		['', "''"],
		[[true], 'an array'],
	])('refuse the switch %p, naming the option', (bad, shown) => {
		expect(readSwitch(bad, 'deep', deep)).toEqual({
			ok: false,
			message: `Option 'Deep' (deep) must be true or false, not ${shown}`,
		});
	});

	it('name a parameter of its own as a parameter', () => {
		expect(readSwitch('1', 'deep', deep, 'Parameter')).toEqual({
			ok: false,
			message: "Parameter 'Deep' (deep) must be true or false, not '1'",
		});
	});
});
