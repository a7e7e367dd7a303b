/**
 * The node's Options, checked before anything is sent: an expression can give any value (text,
 * NaN, a negative number, a fraction), and an unchecked one can hang a run (no request slot) or
 * retry forever. Each number must be a whole number in its range; each switch true or false.
 */
export interface BatchUpsertOptions {
	batchSize: number;
	isolateFailures: boolean;
	maxConcurrency: number;
	maxRetries: number;
	timeoutMs: number;
	validateProperties: boolean;
}

interface WholeNumberOption {
	label: string;
	min: number;
	max: number;
	default: number;
}

/** The allowed ranges, as the README and the parameter descriptions state them. */
export const NUMBER_OPTIONS = {
	batchSize: { label: 'Batch Size', min: 1, max: 100, default: 100 },
	maxConcurrency: { label: 'Max Concurrent Requests', min: 1, max: 16, default: 8 },
	maxRetries: { label: 'Max Retries', min: 0, max: 10, default: 5 },
	timeout: { label: 'Timeout (Ms)', min: 1_000, max: 300_000, default: 30_000 },
} satisfies Record<string, WholeNumberOption>;

const BOOLEAN_OPTIONS = {
	isolateFailures: { label: 'Isolate Failures', default: true },
	validateProperties: { label: 'Check Values Against HubSpot Properties', default: true },
} satisfies Record<string, { label: string; default: boolean }>;

export type OptionsReading =
	| { ok: true; options: BatchUpsertOptions }
	| { ok: false; message: string };

function shown(value: unknown): string {
	if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
		return String(value);
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : String(value);
}

function wholeNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
	if (typeof value === 'string' && /^\s*[-+]?\d{1,15}\s*$/.test(value)) return Number(value);
	return undefined;
}

function switchValue(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string' && /^\s*(true|false)\s*$/i.test(value))
		return value.trim().toLowerCase() === 'true';
	return undefined;
}

/** The node's `options` collection as the run uses it, or a message naming the bad option and its range. */
export function readBatchUpsertOptions(raw: unknown): OptionsReading {
	const given =
		typeof raw === 'object' && raw !== null && !Array.isArray(raw)
			? (raw as Record<string, unknown>)
			: {};
	const own = (name: string) =>
		Object.prototype.hasOwnProperty.call(given, name) ? given[name] : undefined;
	const problems: string[] = [];
	const number = (name: keyof typeof NUMBER_OPTIONS): number => {
		const spec: WholeNumberOption = NUMBER_OPTIONS[name];
		const value = own(name);
		if (value === undefined || value === null) return spec.default;
		const n = wholeNumber(value);
		if (n !== undefined && n >= spec.min && n <= spec.max) return n;
		const range = `${spec.min.toLocaleString('en-US')} to ${spec.max.toLocaleString('en-US')}`;
		problems.push(
			`Option '${spec.label}' (${name}) must be a whole number from ${range}, not ${shown(value)}`,
		);
		return spec.default;
	};
	const flag = (name: keyof typeof BOOLEAN_OPTIONS): boolean => {
		const spec = BOOLEAN_OPTIONS[name];
		const value = own(name);
		if (value === undefined || value === null) return spec.default;
		const b = switchValue(value);
		if (b !== undefined) return b;
		problems.push(`Option '${spec.label}' (${name}) must be true or false, not ${shown(value)}`);
		return spec.default;
	};
	const options: BatchUpsertOptions = {
		batchSize: number('batchSize'),
		maxConcurrency: number('maxConcurrency'),
		maxRetries: number('maxRetries'),
		timeoutMs: number('timeout'),
		isolateFailures: flag('isolateFailures'),
		validateProperties: flag('validateProperties'),
	};
	return problems.length === 0
		? { ok: true, options }
		: { ok: false, message: problems.join('; ') };
}
