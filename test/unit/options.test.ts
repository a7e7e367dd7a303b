import { readBatchUpsertOptions } from '../../nodes/HubSpotGoalTargets/helpers/options';

const defaults = {
	batchSize: 100,
	maxConcurrency: 8,
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
				maxConcurrency: 16,
				maxRetries: 0,
				timeout: 300_000,
				isolateFailures: false,
				validateProperties: 'false',
			}),
		).toEqual({
			ok: true,
			options: {
				batchSize: 1,
				maxConcurrency: 16,
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
			"Option 'Max Concurrent Requests' (maxConcurrency) must be a whole number from 1 to 16, not 0",
		],
		[{ maxConcurrency: 17 }, 'from 1 to 16, not 17'],
		[{ maxConcurrency: -1 }, 'from 1 to 16, not -1'],
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
