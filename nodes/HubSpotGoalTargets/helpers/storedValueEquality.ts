/**
 * Whether a value sent to HubSpot equals the value HubSpot holds, as HubSpot stores it rather than
 * as text, by the property's type: numbers by value (`42500`, `42500.0`, `4.25e4`), date-times by
 * instant (ISO 8601 in any offset, or epoch milliseconds), dates by day, booleans, multiple-choice
 * enumerations (`a;b`) as sets; empty text and `null` are the same (no value). Text is compared as
 * it is. A value that does not read as its type is compared as text.
 */
import { readDateValue } from './dates';
import type { HubSpotProperty } from './propertySchema';
import { expandExponent } from './values';

const DAY_MS = 86_400_000;

const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

const EPOCH_MS = /^-?\d{1,16}$/;

function isEmpty(value: unknown): boolean {
	return value === null || value === undefined || value === '';
}

function asText(value: unknown): string {
	return typeof value === 'string' ? value : String(value);
}

/**
 * A number as canonical decimal text, digit for digit (no rounding through a JavaScript number,
 * so big integers and long fractions compare exactly): no sign for zero, no leading zeros, no
 * trailing fraction zeros, no exponent. Undefined when the text is no decimal number.
 */
export function canonicalNumber(text: string): string | undefined {
	const trimmed = text.trim();
	if (!DECIMAL.test(trimmed)) return undefined;
	const plain = /e/i.test(trimmed) ? expandExponent(trimmed) : trimmed;
	if (plain === undefined) return undefined;
	const negative = plain.startsWith('-');
	const unsigned = plain.replace(/^[-+]/, '');
	const [whole = '', fraction = ''] = unsigned.split('.');
	const digits = whole.replace(/^0+/, '') || '0';
	const decimals = fraction.replace(/0+$/, '');
	if (digits === '0' && decimals === '') return '0';
	return `${negative ? '-' : ''}${digits}${decimals ? `.${decimals}` : ''}`;
}

/** An instant in ms from epoch milliseconds or ISO 8601 text (a zone-less one is UTC). */
function instantOf(text: string): number | undefined {
	const trimmed = text.trim();
	if (EPOCH_MS.test(trimmed)) return Number(trimmed);
	const reading = readDateValue(trimmed);
	return reading?.ok ? reading.instant : undefined;
}

/** Midnight UTC of the day a value names: epoch ms (its UTC day), `YYYY-MM-DD`, or ISO text (its day as written). */
function dayOf(text: string): number | undefined {
	const trimmed = text.trim();
	if (EPOCH_MS.test(trimmed)) return Math.floor(Number(trimmed) / DAY_MS) * DAY_MS;
	const reading = readDateValue(trimmed);
	return reading?.ok ? reading.day : undefined;
}

function booleanOf(text: string): boolean | undefined {
	const word = text.trim().toLowerCase();
	return word === 'true' ? true : word === 'false' ? false : undefined;
}

function optionSet(text: string): string[] {
	return [
		...new Set(
			text
				.split(';')
				.map((part) => part.trim())
				.filter((part) => part !== ''),
		),
	].sort();
}

function sameBy<T>(read: (text: string) => T | undefined, stored: string, sent: string): boolean {
	const a = read(stored);
	const b = read(sent);
	return a !== undefined && b !== undefined ? a === b : stored === sent;
}

/**
 * Whether `sent` (the text the node sends) leaves HubSpot's value `stored` as it is. `property` is
 * the account's definition (its type); without one the values are compared as text.
 */
export function sameStoredValue(
	property: HubSpotProperty | undefined,
	stored: unknown,
	sent: unknown,
): boolean {
	if (isEmpty(stored) || isEmpty(sent)) return isEmpty(stored) && isEmpty(sent);
	const a = asText(stored);
	const b = asText(sent);
	switch (property?.type) {
		case 'number':
			return sameBy(canonicalNumber, a, b);
		case 'bool':
			return sameBy(booleanOf, a, b);
		case 'datetime':
			return sameBy(instantOf, a, b);
		case 'date':
			return sameBy(dayOf, a, b);
		case 'enumeration':
			return property.fieldType === 'checkbox'
				? optionSet(a).join(';') === optionSet(b).join(';')
				: a === b;
		default:
			return a === b;
	}
}
