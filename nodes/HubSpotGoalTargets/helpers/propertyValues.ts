import type { HubSpotProperty } from './propertySchema';
import { readDateValue } from './dates';
import {
	expandExponent,
	numberToPlainString,
	toHubSpotValue,
	type ValueConversion,
} from './values';

function quoted(value: unknown): string {
	return typeof value === 'string' ? `'${value}'` : String(value);
}

/** Decimal text only: JavaScript would also read "0x10" as 16 and "0b101" as 5, which nobody means in a sheet. */
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function toNumberString(value: unknown): ValueConversion {
	if (typeof value === 'number') {
		return Number.isFinite(value)
			? { ok: true, value: numberToPlainString(value) }
			: { ok: false, reason: `is not a finite number` };
	}
	if (typeof value === 'string') {
		const text = value.trim();
		if (DECIMAL.test(text)) {
			if (!Number.isFinite(Number(text)))
				return { ok: false, reason: `is out of range for a number: ${quoted(value)}` };
			// Digit for digit as given: no rounding through a JavaScript number.
			const plain = /e/i.test(text) ? expandExponent(text) : text.replace(/^\+/, '');
			if (plain !== undefined) return { ok: true, value: plain };
			return { ok: false, reason: `is out of range for a number: ${quoted(value)}` };
		}
	}
	const hint =
		typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))
			? ' (only decimal digits are read as numbers)'
			: '';
	return { ok: false, reason: `is not a number: ${quoted(value)}${hint}` };
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
	if (typeof text !== 'string')
		return { ok: false, reason: `must be one of the allowed options, not ${typeof value}` };
	// Owner and other externally defined options are not listed: HubSpot checks those itself.
	if (options.length === 0) return { ok: true, value: text };
	const multi = property.fieldType === 'checkbox';
	const parts = multi
		? text
				.split(';')
				.map((part) => part.trim())
				.filter((part) => part !== '')
		: [text.trim()];
	const chosen: string[] = [];
	for (const part of parts) {
		const exact = options.find((option) => option.value === part);
		const byLabel =
			exact ?? options.find((option) => (option.label ?? '').toLowerCase() === part.toLowerCase());
		if (!byLabel?.value) {
			const allowed = options
				.filter((option) => !option.hidden)
				.map((option) => option.value)
				.join(', ');
			return { ok: false, reason: `${quoted(part)} is not one of the allowed options: ${allowed}` };
		}
		chosen.push(byLabel.value);
	}
	return { ok: true, value: chosen.join(';') };
}

function toDateString(value: unknown): ValueConversion {
	const reading = readDateValue(value);
	if (!reading) return { ok: false, reason: `is not a date: ${quoted(value)} (use YYYY-MM-DD)` };
	if (!reading.ok)
		return { ok: false, reason: `is not a date: ${reading.reason} (use YYYY-MM-DD)` };
	// HubSpot date properties take midnight UTC of the day, in milliseconds.
	return { ok: true, value: String(reading.day) };
}

function toDateTimeString(value: unknown): ValueConversion {
	const reading = readDateValue(value);
	if (!reading)
		return {
			ok: false,
			reason: `is not a date and time: ${quoted(value)} (use ISO 8601, e.g. 2027-01-31T10:00:00Z)`,
		};
	if (!reading.ok)
		return {
			ok: false,
			reason: `is not a date and time: ${reading.reason} (use ISO 8601, e.g. 2027-01-31T10:00:00Z)`,
		};
	return { ok: true, value: new Date(reading.instant).toISOString() };
}

/**
 * A workflow value as HubSpot expects it for this property's type: numbers as plain decimals,
 * booleans as true/false, dates as midnight UTC in milliseconds, date-times as ISO 8601, and
 * enumerations checked against their options (a label is taken for its value).
 */
export function convertPropertyValue(
	value: unknown,
	property: HubSpotProperty | undefined,
): ValueConversion {
	if (value === null || value === undefined || value === '') return { ok: true, value: '' };
	if (!property) return toHubSpotValue(value);
	if (
		typeof value === 'object' &&
		!(value instanceof Date) &&
		typeof (value as { toMillis?: unknown }).toMillis !== 'function'
	) {
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
