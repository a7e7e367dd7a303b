import { DateTime } from 'luxon';

import type { HubSpotProperty } from '../../../nodes/HubSpotGoalTargets/helpers/propertySchema';
import {
	convertPropertyValue,
	propertyRefusal,
} from '../../../nodes/HubSpotGoalTargets/helpers/propertyValues';
import { readDates, readDatesInZones } from '../../../testkit/dateReadings';

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
	])('number %p → %p', (input, expected) =>
		expect(convertPropertyValue(input, number)).toEqual(ok(expected)),
	);

	it.each(['lots', '12abc', true, '1,000'])('refuses %p for a number', (input) => {
		expect(convertPropertyValue(input, number)).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/is not a number/),
		});
	});

	it.each([
		[true, 'true'],
		[false, 'false'],
		['Yes', 'true'],
		['0', 'false'],
		['TRUE', 'true'],
	])('bool %p → %p', (input, expected) =>
		expect(convertPropertyValue(input, bool)).toEqual(ok(expected)),
	);

	it('refuses a bool that is neither', () => {
		expect(convertPropertyValue('maybe', bool)).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/true or false/),
		});
	});

	it.each([
		['2027-03-15', '1805068800000'],
		['2027-03-15T23:59:59.999Z', '1805068800000'],
		[new Date(Date.UTC(2027, 2, 15, 12)), '1805068800000'],
		[1805068800000 + 3_600_000, '1805068800000'],
		['1805068800000', '1805068800000'],
	])('date %p → midnight UTC in ms %p', (input, expected) =>
		expect(convertPropertyValue(input, date)).toEqual(ok(expected)),
	);

	it.each([
		['2027-01-31T23:59:59.999Z', '2027-01-31T23:59:59.999Z'],
		['2027-01-31 10:00', '2027-01-31T10:00:00.000Z'],
		['2027-01-31', '2027-01-31T00:00:00.000Z'],
		['2027-01-31T10:00:00+02:00', '2027-01-31T08:00:00.000Z'],
		[1800000000000, '2027-01-15T08:00:00.000Z'],
		[{ toMillis: () => 1800000000000 }, '2027-01-15T08:00:00.000Z'],
	])('datetime %p → ISO 8601 %p', (input, expected) =>
		expect(convertPropertyValue(input, datetime)).toEqual(ok(expected)),
	);

	it.each([[date], [datetime]])('refuses text that is no date for %p', (property) => {
		expect(convertPropertyValue('first of the month', property)).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/is not a date/),
		});
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

describe('convertPropertyValue never silently changes a value', () => {
	it('reads dates and date-times the same whatever time zone the process runs in', () => {
		// npm run test:timezones also runs this whole file under TZ.
		const here = readDates();
		const zones = [
			'Pacific/Kiritimati',
			'Pacific/Pago_Pago',
			'America/Los_Angeles',
			'Australia/Adelaide',
		];
		const elsewhere = readDatesInZones(zones);
		expect(elsewhere.map((run) => run.runtimeZone)).toEqual(zones);
		for (const run of elsewhere) expect(run.readings).toEqual(here);
	});

	it.each([
		['0x10', /is not a number: '0x10' \(only decimal digits are read as numbers\)/],
		['0b101', /is not a number: '0b101'/],
		['0o17', /is not a number: '0o17'/],
		['Infinity', /is not a number/],
		['1e400', /out of range/],
	])('refuses %p for a number instead of reading it another way', (input, reason) => {
		expect(convertPropertyValue(input, number)).toEqual({
			ok: false,
			reason: expect.stringMatching(reason),
		});
	});

	it.each([
		[1.5e-25, '0.00000000000000000000000015'],
		['1.5e-25', '0.00000000000000000000000015'],
		['1.50E+3', '1500'],
		['-2.5e-3', '-0.0025'],
		['123456789012345678901234567890', '123456789012345678901234567890'],
		['1.23456789012345678901e5', '123456.789012345678901'],
		[-1e-7, '-0.0000001'],
	])('writes number %p digit for digit as %p', (input, expected) => {
		expect(convertPropertyValue(input, number)).toEqual(ok(expected));
	});

	it.each([
		['2027-02-30', /'2027-02-30' is not a day of the calendar/],
		['2027-02-29', /not a day of the calendar/],
		['2027-13-01', /not a day of the calendar/],
		['2027-04-31', /not a day of the calendar/],
		['2027-01-31T24:00:00Z', /not a time of day/],
		['2027', /'2027' may be a year or seconds, not milliseconds since 1970/],
		[2027, /2027 may be a year or seconds/],
		['1805068800', /may be a year or seconds/],
		['12/31/2027', /is not a date: '12\/31\/2027' \(use YYYY-MM-DD\)/],
		['31.12.2027', /is not a date/],
		['Dec 31 2027', /is not a date/],
		['2027-12-31 10:00 PST', /is not a date/],
	])('refuses date %p', (input, reason) => {
		expect(convertPropertyValue(input, date)).toEqual({
			ok: false,
			reason: expect.stringMatching(reason),
		});
	});

	it.each([
		['2028-02-29', '1835395200000'],
		['2027-03-15T00:00:00.000+01:00', '1805068800000'],
		['2027-03-15T23:00:00-05:00', '1805068800000'],
		['2027-03-15 08:30', '1805068800000'],
	])('reads date %p as the day written, on any server: %p', (input, expected) => {
		expect(convertPropertyValue(input, date)).toEqual(ok(expected));
	});

	it('reads a Luxon DateTime in a date field as the day it shows in its own zone', () => {
		const berlinMidnight = DateTime.fromISO('2027-03-15T00:00:00', { zone: 'Europe/Berlin' });
		expect(convertPropertyValue(berlinMidnight, date)).toEqual(ok('1805068800000'));
		const tokyoEvening = DateTime.fromISO('2027-03-15T23:30:00', { zone: 'Asia/Tokyo' });
		expect(convertPropertyValue(tokyoEvening, date)).toEqual(ok('1805068800000'));
		expect(convertPropertyValue(berlinMidnight, datetime)).toEqual(ok('2027-03-14T23:00:00.000Z'));
	});

	it.each([
		['2027-02-30T10:00:00Z', /not a day of the calendar/],
		['12/31/2027 10:00', /is not a date and time: '12\/31\/2027 10:00' \(use ISO 8601/],
		['Fri Dec 31 2027 10:00:00', /is not a date and time/],
		['2027', /may be a year or seconds/],
		['2027-01-31T10:00:00+25:00', /time zone/],
	])('refuses date-time %p', (input, reason) => {
		expect(convertPropertyValue(input, datetime)).toEqual({
			ok: false,
			reason: expect.stringMatching(reason),
		});
	});

	it.each([
		['2027-12-31T10:00:00', '2027-12-31T10:00:00.000Z'],
		['2027-12-31T10:00:00.123456Z', '2027-12-31T10:00:00.123Z'],
		['2027-12-31T10:00:00+0530', '2027-12-31T04:30:00.000Z'],
		['2027-12-31T10:00-08', '2027-12-31T18:00:00.000Z'],
		['0099-06-01', '0099-06-01T00:00:00.000Z'],
		[new Date(0), '1970-01-01T00:00:00.000Z'],
	])('reads date-time %p the same on every server: %p', (input, expected) => {
		expect(convertPropertyValue(input, datetime)).toEqual(ok(expected));
	});
});

describe('propertyRefusal', () => {
	it('refuses unknown and read-only properties', () => {
		expect(propertyRefusal(undefined)).toMatch(/not a goal target property/);
		expect(propertyRefusal({ name: 'x', calculated: true })).toMatch(/read-only/);
		expect(propertyRefusal({ name: 'x', modificationMetadata: { readOnlyValue: true } })).toMatch(
			/read-only/,
		);
		expect(propertyRefusal({ name: 'x', hidden: true })).toBeUndefined();
	});
});
