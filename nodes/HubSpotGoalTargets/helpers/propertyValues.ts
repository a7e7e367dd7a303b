import type { HubSpotProperty } from './propertySchema';
import { numberToPlainString, toHubSpotValue, type ValueConversion } from './values';

const DAY_MS = 86_400_000;

/** A date or date-time string without a zone is read as UTC, the same on every server. */
function parseInstant(value: unknown): number | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'object' && value !== null && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		const millis = (value as { toMillis: () => number }).toMillis();
		return Number.isFinite(millis) ? millis : undefined;
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (/^-?\d+$/.test(text)) return Number(text);
	const zoneless = /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.test(text);
	const parsed = Date.parse(zoneless ? `${text.replace(' ', 'T')}${text.length === 10 ? 'T00:00:00' : ''}Z` : text);
	return Number.isNaN(parsed) ? undefined : parsed;
}

function quoted(value: unknown): string {
	return typeof value === 'string' ? `'${value}'` : String(value);
}

function toNumberString(value: unknown): ValueConversion {
	if (typeof value === 'number') {
		return Number.isFinite(value) ? { ok: true, value: numberToPlainString(value) } : { ok: false, reason: `is not a finite number` };
	}
	if (typeof value === 'string') {
		const text = value.trim();
		if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) return { ok: true, value: text.replace(/^\+/, '') };
		const parsed = Number(text);
		if (text !== '' && Number.isFinite(parsed)) return { ok: true, value: numberToPlainString(parsed) };
	}
	return { ok: false, reason: `is not a number: ${quoted(value)}` };
}

const TRUE_WORDS = new Set(['true', 'yes', '1', 'on']);
const FALSE_WORDS = new Set(['false', 'no', '0', 'off']);

function toBoolString(value: unknown): ValueConversion {
	if (typeof value === 'boolean') return { ok: true, value: value ? 'true' : 'false' };
	const text = String(value).trim().toLowerCase();
	if (TRUE_WORDS.has(text)) return { ok: true, value: 'true' };
	if (FALSE_WORDS.has(text)) return { ok: true, value: 'false' };
	return { ok: false, reason: `is not a boolean (true or false): ${quoted(value)}` };
}

function toEnumerationString(value: unknown, property: HubSpotProperty): ValueConversion {
	const options = (property.options ?? []).filter((option) => typeof option.value === 'string');
	const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
	if (typeof text !== 'string') return { ok: false, reason: `must be one of the allowed options, not ${typeof value}` };
	// Owner and other externally defined options are not listed: HubSpot checks those itself.
	if (options.length === 0) return { ok: true, value: text };
	const multi = property.fieldType === 'checkbox';
	const parts = multi ? text.split(';').map((part) => part.trim()).filter((part) => part !== '') : [text.trim()];
	const chosen: string[] = [];
	for (const part of parts) {
		const exact = options.find((option) => option.value === part);
		const byLabel = exact ?? options.find((option) => (option.label ?? '').toLowerCase() === part.toLowerCase());
		if (!byLabel?.value) {
			const allowed = options.filter((option) => !option.hidden).map((option) => option.value).join(', ');
			return { ok: false, reason: `${quoted(part)} is not one of the allowed options: ${allowed}` };
		}
		chosen.push(byLabel.value);
	}
	return { ok: true, value: chosen.join(';') };
}

function toDateString(value: unknown): ValueConversion {
	const instant = parseInstant(value);
	if (instant === undefined) return { ok: false, reason: `is not a date: ${quoted(value)} (use YYYY-MM-DD)` };
	// HubSpot date properties take midnight UTC of the day, in milliseconds.
	return { ok: true, value: String(Math.floor(instant / DAY_MS) * DAY_MS) };
}

function toDateTimeString(value: unknown): ValueConversion {
	const instant = parseInstant(value);
	if (instant === undefined) return { ok: false, reason: `is not a date and time: ${quoted(value)} (use ISO 8601)` };
	return { ok: true, value: new Date(instant).toISOString() };
}

/**
 * A workflow value as HubSpot expects it for this property's type: numbers as plain decimals,
 * booleans as true/false, dates as midnight UTC in milliseconds, date-times as ISO 8601, and
 * enumerations checked against their options (a label is taken for its value).
 */
export function convertPropertyValue(value: unknown, property: HubSpotProperty | undefined): ValueConversion {
	if (value === null || value === undefined || value === '') return { ok: true, value: '' };
	if (!property) return toHubSpotValue(value);
	if (typeof value === 'object' && !(value instanceof Date) && typeof (value as { toMillis?: unknown }).toMillis !== 'function') {
		return toHubSpotValue(value);
	}
	switch (property.type) {
		case 'number':
			return toNumberString(value);
		case 'bool':
			return toBoolString(value);
		case 'enumeration':
			return toEnumerationString(value, property);
		case 'date':
			return toDateString(value);
		case 'datetime':
			return toDateTimeString(value);
		default:
			return toHubSpotValue(value);
	}
}

/** Why a property cannot be written, when it cannot: unknown to the account, or read-only. */
export function propertyRefusal(property: HubSpotProperty | undefined): string | undefined {
	if (!property) return `is not a goal target property in this HubSpot account`;
	if (property.modificationMetadata?.readOnlyValue === true || property.calculated === true) {
		return `is read-only in HubSpot (HubSpot sets or calculates it)`;
	}
	return undefined;
}
