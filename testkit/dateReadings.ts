/**
 * Dates and date-times read into HubSpot date and datetime fields, here and in a child process under other time
 * zones: Node takes a TZ set at run time, but jest gives each test file a copy of `process.env`, so a test
 * cannot change its own zone. Run as a script, it prints the readings under each zone it is given.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

import { DateTime } from 'luxon';

import { convertPropertyValue } from '../nodes/HubSpotGoalTargets/helpers/propertyValues';

/**
 * Days and times as written, with and without an offset, around a DST change (2027-03-14 in the US), on a day a
 * zone skips an hour of, and at the edges of a day.
 */
const inputs = (): unknown[] => [
	'2027-03-14',
	'2027-03-14T02:30:00',
	'2027-03-15 08:30',
	'2027-12-31T23:30:00',
	'2027-03-15T23:00:00-05:00',
	'2028-02-29',
	'0099-06-01',
	new Date(Date.UTC(2027, 2, 15, 12)),
	1805068800000 + 3_600_000,
	DateTime.fromISO('2027-03-15T23:30:00', { zone: 'Asia/Tokyo' }),
];

/** Each input read into a date field and into a datetime field. */
export function readDates(): unknown[] {
	return inputs().map((input) => [
		convertPropertyValue(input, { name: 'day', type: 'date' }),
		convertPropertyValue(input, { name: 'at', type: 'datetime' }),
	]);
}

export interface ZoneReadings {
	zone: string;
	/** The zone the child process's runtime reports: `zone` when it took it. */
	runtimeZone: string;
	readings: unknown[];
}

/** `readDates()` in a child process, once under each of `zones`. */
export function readDatesInZones(zones: string[]): ZoneReadings[] {
	const tsx = path.resolve(__dirname, '../node_modules/.bin/tsx');
	const out = execFileSync(tsx, [__filename, ...zones], { encoding: 'utf8' });
	return JSON.parse(out) as ZoneReadings[];
}

if (require.main === module) {
	const readings = process.argv.slice(2).map((zone): ZoneReadings => {
		process.env.TZ = zone;
		const runtimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
		return { zone, runtimeZone, readings: readDates() };
	});
	process.stdout.write(JSON.stringify(readings));
}
