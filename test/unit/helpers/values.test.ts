import {
	numberToPlainString,
	toHubSpotValue,
} from '../../../nodes/HubSpotGoalTargets/helpers/values';

describe('toHubSpotValue', () => {
	it.each([
		['text', 'text'],
		['', ''],
		[42, '42'],
		[-0.5, '-0.5'],
		[true, 'true'],
		[false, 'false'],
		[null, ''],
		[undefined, ''],
	])('converts %p to %p', (input, expected) => {
		expect(toHubSpotValue(input)).toEqual({ ok: true, value: expected });
	});

	it('writes large and tiny numbers without exponent notation', () => {
		expect(numberToPlainString(1e21)).toBe('1000000000000000000000');
		expect(numberToPlainString(1.5e-7)).toBe('0.00000015');
		expect(toHubSpotValue(12345678901234)).toEqual({ ok: true, value: '12345678901234' });
	});

	it('writes tiny numbers digit for digit, never rounded to 0 (also with value checks off)', () => {
		expect(toHubSpotValue(1.5e-25)).toEqual({ ok: true, value: '0.00000000000000000000000015' });
		expect(numberToPlainString(-1.2345e-30)).toBe('-0.0000000000000000000000000000012345');
		expect(numberToPlainString(Number.MIN_VALUE)).toBe(`0.${'0'.repeat(323)}5`);
		expect(numberToPlainString(1.7976931348623157e308)).toBe(`17976931348623157${'0'.repeat(292)}`);
	});

	it('writes dates as ISO 8601', () => {
		expect(toHubSpotValue(new Date(Date.UTC(2027, 0, 1)))).toEqual({
			ok: true,
			value: '2027-01-01T00:00:00.000Z',
		});
	});

	it.each([
		[{ a: 1 }, /object/],
		[[1, 2], /array/],
		[Number.NaN, /finite/],
		[Number.POSITIVE_INFINITY, /finite/],
		[new Date('nope'), /invalid date/],
	])('refuses %p', (input, reason) => {
		const converted = toHubSpotValue(input);
		expect(converted.ok).toBe(false);
		if (!converted.ok) expect(converted.reason).toMatch(reason);
	});
});
