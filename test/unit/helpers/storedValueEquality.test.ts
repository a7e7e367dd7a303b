import type { HubSpotProperty } from '../../../nodes/HubSpotGoalTargets/helpers/propertySchema';
import {
	canonicalNumber,
	sameStoredValue,
} from '../../../nodes/HubSpotGoalTargets/helpers/storedValueEquality';

const property = (type: string, fieldType = 'text'): HubSpotProperty => ({
	name: `a_${type}`,
	type,
	fieldType,
});
const number = property('number', 'number');
const bool = property('bool', 'booleancheckbox');
const datetime = property('datetime', 'date');
const date = property('date', 'date');
const multi = property('enumeration', 'checkbox');
const select = property('enumeration', 'select');
const text = property('string');

/** [rule, property, HubSpot's value, value sent, equal?] */
const cases: Array<[string, HubSpotProperty | undefined, unknown, unknown, boolean]> = [
	['numbers by value', number, '42500', '42500.0', true],
	['numbers by value', number, '42500', '42500.00000000000000000001', false],
	['numbers: exponent and sign', number, '42500', '+4.25e4', true],
	['numbers: exponent and sign', number, '42500', '4.25e3', false],
	['numbers: leading zeros, negative zero', number, '-0', '000.000', true],
	['numbers: leading zeros, negative zero', number, '-1', '1', false],
	// 2^53 + 1 and 2^53 are the same JavaScript number: compared as text of digits, they differ.
	['big integers digit for digit', number, '9007199254740993', '9007199254740993.0', true],
	['big integers digit for digit', number, '9007199254740993', '9007199254740992', false],
	[
		'long fractions digit for digit',
		number,
		'0.10000000000000000001',
		'0.1000000000000000000100',
		true,
	],
	['long fractions digit for digit', number, '0.10000000000000000001', '0.1', false],
	['a number that does not read as one: as text', number, 'n/a', 'n/a', true],
	['a number that does not read as one: as text', number, 'n/a', 'N/A', false],
	[
		'datetimes by instant (offsets)',
		datetime,
		'2027-01-01T00:00:00Z',
		'2027-01-01T01:00:00+01:00',
		true,
	],
	[
		'datetimes by instant (offsets)',
		datetime,
		'2027-01-01T00:00:00Z',
		'2027-01-01T00:00:00+01:00',
		false,
	],
	[
		'datetimes by instant (milliseconds)',
		datetime,
		'2027-01-01T00:00:00.000Z',
		'1798761600000',
		true,
	],
	[
		'datetimes by instant (milliseconds)',
		datetime,
		'2027-01-01T00:00:00.000Z',
		'1798761600001',
		false,
	],
	[
		'datetimes by instant (no zone is UTC)',
		datetime,
		'2027-01-31T23:59:59.999Z',
		'2027-01-31T23:59:59.999',
		true,
	],
	[
		'datetimes by instant (no zone is UTC)',
		datetime,
		'2027-01-31T23:59:59.999Z',
		'2027-01-31T23:59:59',
		false,
	],
	['dates by day', date, '2027-03-15', '1805068800000', true],
	['dates by day', date, '2027-03-15', '1805155200000', false],
	['dates by day (HubSpot in epoch ms)', date, '1805068800000', '2027-03-15', true],
	['dates by day (HubSpot in epoch ms)', date, '1805068800000', '2027-03-16', false],
	['booleans', bool, 'true', true, true],
	['booleans', bool, 'true', 'false', false],
	['booleans, any case', bool, 'FALSE', 'false', true],
	['booleans, any case', bool, 'false', true, false],
	['multiple checkboxes as sets', multi, 'a;b', 'b;a', true],
	['multiple checkboxes as sets', multi, 'a;b', 'a;b;c', false],
	['multiple checkboxes: spaces and repeats', multi, 'a;b', ' b ; a;a', true],
	['multiple checkboxes: spaces and repeats', multi, 'a;b', 'a', false],
	['single-select enumeration exactly', select, 'monthly', 'monthly', true],
	['single-select enumeration exactly', select, 'a;b', 'b;a', false],
	['empty text, null and no value are the same', text, null, '', true],
	['empty text, null and no value are the same', text, null, ' ', false],
	['empty text, null and no value are the same', number, undefined, '', true],
	['empty text, null and no value are the same', number, null, '0', false],
	['empty text, null and no value are the same', datetime, '', null, true],
	['empty text, null and no value are the same', datetime, '2027-01-01T00:00:00Z', '', false],
	['text exactly', text, 'EMEA new business', 'EMEA new business', true],
	['text exactly', text, 'EMEA new business', 'EMEA new business ', false],
	['text exactly', text, '42500', '42500.0', false],
	['no property definition: as text', undefined, '42500', '42500', true],
	['no property definition: as text', undefined, '42500', '42500.0', false],
];

describe('sameStoredValue: equal as HubSpot stores it', () => {
	it.each(cases)('%s: %p (%#)', (_rule, definition, stored, sent, equal) => {
		expect(sameStoredValue(definition, stored, sent)).toBe(equal);
	});

	it('has an equal and an unequal case for every rule', () => {
		const rules = new Map<string, Set<boolean>>();
		for (const [rule, , , , equal] of cases)
			rules.set(rule, (rules.get(rule) ?? new Set()).add(equal));
		for (const [rule, outcomes] of rules)
			expect({ rule, outcomes: [...outcomes].sort() }).toEqual({ rule, outcomes: [false, true] });
	});
});

describe('canonicalNumber', () => {
	it('writes a number as plain decimal text, digit for digit', () => {
		expect(canonicalNumber('+0042500.500')).toBe('42500.5');
		expect(canonicalNumber('1.5e-25')).toBe('0.00000000000000000000000015');
		expect(canonicalNumber('-0.0')).toBe('0');
		expect(canonicalNumber('12345678901234567890123')).toBe('12345678901234567890123');
		expect(canonicalNumber('0x10')).toBeUndefined();
		expect(canonicalNumber('')).toBeUndefined();
	});
});
