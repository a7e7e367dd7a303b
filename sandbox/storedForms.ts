/**
 * The forms in which the sandbox stores property values and returns them, so that a client that compares what it
 * sends with what HubSpot holds is tested against HubSpot's forms, not against an echo of its own text:
 * - datetime: ISO 8601 in UTC with milliseconds, `2027-01-31T10:00:00.000Z` (the form of `createdAt`/`updatedAt`
 *   in HubSpot's OpenAPI examples, `2019-10-30T03:30:17.883Z`), whatever offset or epoch milliseconds were sent;
 * - date: `YYYY-MM-DD` (HubSpot's properties guide). Guess, noted: the example object in HubSpot's OpenAPI files
 *   shows a date property as epoch milliseconds at midnight UTC (`"property_date": "1572480000000"`); a client
 *   should read both;
 * - bool: `true` / `false` (the files' example: `"property_checkbox": "false"`);
 * - number: HubSpot documents nothing about the text it returns for a number. Guess, noted: plain decimal text
 *   without trailing zeros in the fraction, leading zeros, a `+` sign or an exponent (`42500.0` and `4.25e4` are
 *   returned as `42500`), digit for digit (no rounding through a floating-point number);
 * - enumeration: the option value as sent (the files' example of a multiple checkbox: `"chocolate;strawberry"`);
 * - string: as sent.
 * A property without a value is not stored; reads that ask for it by name return it as `null` (see objectView.ts).
 */

/** Digits with an optional fraction and exponent: a value validate.ts accepts for a number property. */
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A number as plain decimal text: `+042500.50` -> `42500.5`, `4.25e4` -> `42500`, `-0.0` -> `0`. */
export function storedNumber(value: string): string {
	const m = DECIMAL.exec(value);
	if (!m || `${m[2]}${m[3] ?? ''}` === '') return value;
	const [, sign, whole, fraction = '', exponentText = '0'] = m;
	const exponent = Number(exponentText);
	let digits = `${whole}${fraction}`;
	let point = whole.length + exponent;
	const leading = /^0*/.exec(digits)![0].length;
	digits = digits.slice(leading).replace(/0+$/, '');
	point -= leading;
	if (digits === '') return '0';
	const plain =
		point <= 0
			? `0.${'0'.repeat(-point)}${digits}`
			: point >= digits.length
				? `${digits}${'0'.repeat(point - digits.length)}`
				: `${digits.slice(0, point)}.${digits.slice(point)}`;
	return `${sign === '-' ? '-' : ''}${plain}`;
}
