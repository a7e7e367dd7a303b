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
		return { ok: false, reason: 'is an array; HubSpot property values must be text, numbers or booleans' };
	}
	return { ok: false, reason: 'is an object; HubSpot property values must be text, numbers or booleans' };
}

/** A number as plain decimal text: 1e21 becomes "1000000000000000000000", never exponent notation. */
export function numberToPlainString(value: number): string {
	const text = String(value);
	if (!/e/i.test(text)) return text;
	// toLocaleString with grouping off gives the full decimal expansion.
	return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}
