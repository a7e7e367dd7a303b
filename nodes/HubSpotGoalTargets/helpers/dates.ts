/**
 * Reading dates and date-times from workflow values, the same on every server: only ISO 8601
 * text (a zone-less one is UTC), epoch milliseconds, JS dates and Luxon DateTimes. For a date
 * property the day is the one the value shows: as written in ISO text, in its own zone for a
 * DateTime, the UTC day for a JS date or epoch milliseconds. Text such as
 * "12/31/2027" is refused: JavaScript reads it in the server's time zone, so its day would depend
 * on where n8n runs. Impossible days ("2027-02-30") are refused instead of rolling over.
 */

const DAY_MS = 86_400_000;

/** Below this, a number is more likely a year, seconds or a spreadsheet serial than milliseconds (3 March 1973). */
const MIN_EPOCH_MS = 1e11;

/** The range of a JavaScript date. */
const MAX_EPOCH_MS = 8.64e15;

const ISO_8601 =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

export type DateReading =
	| {
			ok: true;
			/** The instant, in ms since 1970 (UTC). */
			instant: number;
			/** Midnight UTC, in ms, of the day the value names: the day as written for ISO text, the UTC day otherwise. */
			day: number;
	  }
	| { ok: false; reason: string };

function daysInMonth(year: number, month: number): number {
	if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Midnight UTC of a day; Date.UTC alone would read the years 0 to 99 as 1900 to 1999. */
function utcDay(year: number, month: number, day: number): number {
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	return date.getTime();
}

/** `bare` numbers may be years or seconds; a Date or DateTime object is an instant, whatever its value. */
function fromEpoch(ms: number, shown: string, bare = true): DateReading {
	if (!Number.isFinite(ms) || Math.abs(ms) > MAX_EPOCH_MS)
		return { ok: false, reason: `${shown} is out of range` };
	if (bare && Math.abs(ms) < MIN_EPOCH_MS) {
		return {
			ok: false,
			reason: `${shown} may be a year or seconds, not milliseconds since 1970`,
		};
	}
	return { ok: true, instant: ms, day: Math.floor(ms / DAY_MS) * DAY_MS };
}

function fromIsoText(text: string): DateReading | undefined {
	const match = ISO_8601.exec(text);
	if (!match) return undefined;
	const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
	const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
		return { ok: false, reason: `'${text}' is not a day of the calendar` };
	}
	if (hour > 23 || minute > 59 || second > 59)
		return { ok: false, reason: `'${text}' is not a time of day` };
	let offsetMinutes = 0;
	if (zone !== undefined && zone.toUpperCase() !== 'Z') {
		const zoneMatch = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
		const [zoneHours, zoneMinutes] = [Number(zoneMatch[2]), Number(zoneMatch[3] ?? '0')];
		if (zoneHours > 23 || zoneMinutes > 59)
			return { ok: false, reason: `'${text}' has no valid time zone offset` };
		offsetMinutes = (zoneMatch[1] === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
	}
	const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
	const dayMs = utcDay(year, month, day);
	const instant = dayMs + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
	return { ok: true, instant, day: dayMs };
}

function isDate(value: unknown): value is Date {
	return Object.prototype.toString.call(value) === '[object Date]';
}

function hasToMillis(value: unknown): value is { toMillis: () => number; toISODate?: unknown } {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { toMillis?: unknown }).toMillis === 'function'
	);
}

/** A workflow value as a date and instant, or why it is not one; undefined when it is not a kind of date at all. */
export function readDateValue(value: unknown): DateReading | undefined {
	if (isDate(value)) {
		const ms = value.getTime();
		return Number.isNaN(ms)
			? { ok: false, reason: 'is an invalid date' }
			: fromEpoch(ms, String(ms), false);
	}
	if (hasToMillis(value)) {
		const reading = fromEpoch(value.toMillis(), 'the date', false);
		// A Luxon DateTime ($now, a date picked in the editor) carries its zone: its day is the one it shows.
		const shown =
			typeof value.toISODate === 'function'
				? (value.toISODate as () => unknown).call(value)
				: undefined;
		const match = typeof shown === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(shown) : null;
		if (!reading.ok || !match) return reading;
		return { ...reading, day: utcDay(Number(match[1]), Number(match[2]), Number(match[3])) };
	}
	if (typeof value === 'number') return fromEpoch(value, String(value));
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (/^-?\d+$/.test(text)) return fromEpoch(Number(text), `'${text}'`);
	return fromIsoText(text);
}
