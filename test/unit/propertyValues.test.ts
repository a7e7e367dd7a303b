import type { HubSpotProperty } from '../../nodes/HubSpotGoalTargets/helpers/propertySchema';
import { convertPropertyValue, propertyRefusal } from '../../nodes/HubSpotGoalTargets/helpers/propertyValues';

const number: HubSpotProperty = { name: 'amount', type: 'number' };
const bool: HubSpotProperty = { name: 'flag', type: 'bool', fieldType: 'booleancheckbox' };
const date: HubSpotProperty = { name: 'day', type: 'date' };
const datetime: HubSpotProperty = { name: 'at', type: 'datetime' };
const milestone: HubSpotProperty = {
	name: 'hs_milestone',
	type: 'enumeration',
	fieldType: 'select',
	options: [
		{ label: 'Monthly', value: 'monthly' },
		{ label: 'Quarterly', value: 'quarterly' },
	],
};
const multi: HubSpotProperty = { ...milestone, name: 'multi', fieldType: 'checkbox' };
const owner: HubSpotProperty = { name: 'hubspot_owner_id', type: 'enumeration', options: [] };

const ok = (value: string) => ({ ok: true, value });

describe('convertPropertyValue', () => {
	it.each([
		[1500, '1500'],
		[1e21, '1000000000000000000000'],
		['  42.50 ', '42.50'],
		['+7', '7'],
		['1e3', '1000'],
		[-0.25, '-0.25'],
	])('number %p → %p', (input, expected) => expect(convertPropertyValue(input, number)).toEqual(ok(expected)));

	it.each(['lots', '12abc', true, '1,000'])('refuses %p for a number', (input) => {
		expect(convertPropertyValue(input, number)).toMatchObject({ ok: false, reason: expect.stringMatching(/is not a number/) });
	});

	it.each([
		[true, 'true'],
		[false, 'false'],
		['Yes', 'true'],
		['0', 'false'],
		['TRUE', 'true'],
	])('bool %p → %p', (input, expected) => expect(convertPropertyValue(input, bool)).toEqual(ok(expected)));

	it('refuses a bool that is neither', () => {
		expect(convertPropertyValue('maybe', bool)).toMatchObject({ ok: false, reason: expect.stringMatching(/true or false/) });
	});

	it.each([
		['2027-03-15', '1805068800000'],
		['2027-03-15T23:59:59.999Z', '1805068800000'],
		[new Date(Date.UTC(2027, 2, 15, 12)), '1805068800000'],
		[1805068800000 + 3_600_000, '1805068800000'],
		['1805068800000', '1805068800000'],
	])('date %p → midnight UTC in ms %p', (input, expected) => expect(convertPropertyValue(input, date)).toEqual(ok(expected)));

	it.each([
		['2027-01-31T23:59:59.999Z', '2027-01-31T23:59:59.999Z'],
		['2027-01-31 10:00', '2027-01-31T10:00:00.000Z'],
		['2027-01-31', '2027-01-31T00:00:00.000Z'],
		['2027-01-31T10:00:00+02:00', '2027-01-31T08:00:00.000Z'],
		[1800000000000, '2027-01-15T08:00:00.000Z'],
		[{ toMillis: () => 1800000000000 }, '2027-01-15T08:00:00.000Z'],
	])('datetime %p → ISO 8601 %p', (input, expected) => expect(convertPropertyValue(input, datetime)).toEqual(ok(expected)));

	it.each([[date], [datetime]])('refuses text that is no date for %p', (property) => {
		expect(convertPropertyValue('first of the month', property)).toMatchObject({ ok: false, reason: expect.stringMatching(/is not a date/) });
	});

	it('takes an enumeration value or its label, and lists the allowed values otherwise', () => {
		expect(convertPropertyValue('monthly', milestone)).toEqual(ok('monthly'));
		expect(convertPropertyValue('Quarterly', milestone)).toEqual(ok('quarterly'));
		expect(convertPropertyValue('weekly', milestone)).toEqual({
			ok: false,
			reason: "'weekly' is not one of the allowed options: monthly, quarterly",
		});
		expect(convertPropertyValue('monthly; Quarterly', multi)).toEqual(ok('monthly;quarterly'));
		expect(convertPropertyValue('71001', owner)).toEqual(ok('71001'));
	});

	it('clears with null or empty, and refuses objects whatever the type', () => {
		expect(convertPropertyValue(null, number)).toEqual(ok(''));
		expect(convertPropertyValue('', date)).toEqual(ok(''));
		expect(convertPropertyValue({ a: 1 }, number)).toMatchObject({ ok: false });
		expect(convertPropertyValue(['a'], milestone)).toMatchObject({ ok: false });
	});

	it('falls back to plain text for unknown properties', () => {
		expect(convertPropertyValue(3, undefined)).toEqual(ok('3'));
	});
});

describe('propertyRefusal', () => {
	it('refuses unknown and read-only properties', () => {
		expect(propertyRefusal(undefined)).toMatch(/not a goal target property/);
		expect(propertyRefusal({ name: 'x', calculated: true })).toMatch(/read-only/);
		expect(propertyRefusal({ name: 'x', modificationMetadata: { readOnlyValue: true } })).toMatch(/read-only/);
		expect(propertyRefusal({ name: 'x', hidden: true })).toBeUndefined();
	});
});
