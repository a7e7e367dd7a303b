/**
 * Conversion of workflow values to HubSpot's property value strings.
 * HubSpot takes every property value as a string; an empty string clears it.
 */

export type ValueConversion = { ok: true; value: string } | { ok: false; reason: string };

export function toHubSpotValue(value: unknown): ValueConversion {
	if (value === null || value === undefined) return { ok: true, value: '' };
	if (typeof value === 'string') return { ok: true, value };
	if (typeof value === 'boolean') return { ok: true, value: value ? 'true' : 'false' };
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return { ok: false, reason: `is not a finite number (${value})` };
		return { ok: true, value: numberToPlainString(value) };
	}
	if (typeof value === 'bigint') return { ok: true, value: value.toString() };
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) return { ok: false, reason: 'is an invalid date' };
		return { ok: true, value: value.toISOString() };
	}
	if (Array.isArray(value)) {
		return {
			ok: false,
			reason: 'is an array; HubSpot property values must be text, numbers or booleans',
		};
	}
	return {
		ok: false,
		reason: 'is an object; HubSpot property values must be text, numbers or booleans',
	};
}

/** Exponents beyond a double's range: such a value has no faithful plain form worth sending. */
const MAX_EXPONENT = 400;

/**
 * Decimal text with an exponent ("1.5e-25", "-2E+3") as plain decimal text, digit for digit:
 * "0.00000000000000000000000015", "-2000". Undefined when the text is no such number.
 */
export function expandExponent(text: string): string | undefined {
	const match = /^([-+]?)(\d*)(?:\.(\d*))?[eE]([-+]?\d+)$/.exec(text);
	if (!match) return undefined;
	const [, sign, whole, fraction = '', exponentText] = match;
	const exponent = Number(exponentText);
	if (whole + fraction === '' || Math.abs(exponent) > MAX_EXPONENT) return undefined;
	let digits = whole + fraction;
	let point = whole.length + exponent;
	const leadingZeros = /^0*/.exec(digits)![0].length;
	digits = digits.slice(leadingZeros).replace(/0+$/, '');
	point -= leadingZeros;
	if (digits === '') return '0';
	const plain =
		point <= 0
			? `0.${'0'.repeat(-point)}${digits}`
			: point >= digits.length
				? `${digits}${'0'.repeat(point - digits.length)}`
				: `${digits.slice(0, point)}.${digits.slice(point)}`;
	return `${sign === '-' ? '-' : ''}${plain}`;
}

/** A number as plain decimal text: 1e21 becomes "1000000000000000000000", 1.5e-25 "0.00000000000000000000000015". */
export function numberToPlainString(value: number): string {
	const text = String(value);
	// String() gives the shortest text that reads back as the same number; only its exponent is expanded.
	return /e/i.test(text) ? (expandExponent(text) ?? text) : text;
}
