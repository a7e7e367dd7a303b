/**
 * The node's Options and its other number and switch parameters, checked before anything is sent:
 * an expression can give any value (text, NaN, a negative number, a fraction), and an unchecked one
 * can hang a run (no request slot), retry forever or silently read something else. Each number
 * must be a whole number in its range (digits as text too); each switch true or false (also as the
 * text "true" or "false"); left out or null means the default. Anything else is refused, by name.
 */
export interface BatchUpsertOptions {
	batchSize: number;
	isolateFailures: boolean;
	maxConcurrency: number;
	maxRetries: number;
	timeoutMs: number;
	validateProperties: boolean;
}

/** A whole-number parameter: its label and range, as the README and the parameter descriptions state them. */
export interface WholeNumberRule {
	label: string;
	min: number;
	max: number;
	default: number;
}

/** A switch (boolean) parameter. */
export interface SwitchRule {
	label: string;
	default: boolean;
}

/** A parameter's value as the run uses it, or a message naming the parameter and what it allows. */
export type ValueReading<T> = { ok: true; value: T } | { ok: false; message: string };

/** How a message names a parameter: an entry of the Options collection, or one of its own. */
export type ParameterKind = 'Option' | 'Parameter';

/** The allowed ranges, as the README and the parameter descriptions state them. */
export const NUMBER_OPTIONS = {
	batchSize: { label: 'Batch Size', min: 1, max: 100, default: 100 },
	maxConcurrency: { label: 'Max Concurrent Requests', min: 1, max: 250, default: 250 },
	maxRetries: { label: 'Max Retries', min: 0, max: 10, default: 5 },
	timeout: { label: 'Timeout (Ms)', min: 1_000, max: 300_000, default: 30_000 },
} satisfies Record<string, WholeNumberRule>;

const BOOLEAN_OPTIONS = {
	isolateFailures: { label: 'Isolate Failures', default: true },
	validateProperties: { label: 'Check Values Against HubSpot Properties', default: true },
} satisfies Record<string, SwitchRule>;

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

const range = (rule: WholeNumberRule) =>
	`${rule.min.toLocaleString('en-US')} to ${rule.max.toLocaleString('en-US')}`;

/** A whole number in the rule's range; left out or null gives its default. */
export function readWholeNumber(
	value: unknown,
	name: string,
	rule: WholeNumberRule,
	kind: ParameterKind = 'Option',
): ValueReading<number> {
	if (value === undefined || value === null) return { ok: true, value: rule.default };
	const n = wholeNumber(value);
	if (n !== undefined && n >= rule.min && n <= rule.max) return { ok: true, value: n };
	return {
		ok: false,
		message: `${kind} '${rule.label}' (${name}) must be a whole number from ${range(rule)}, not ${shown(value)}`,
	};
}

/** A switch: true or false, or that as text; left out or null gives its default. */
export function readSwitch(
	value: unknown,
	name: string,
	rule: SwitchRule,
	kind: ParameterKind = 'Option',
): ValueReading<boolean> {
	if (value === undefined || value === null) return { ok: true, value: rule.default };
	const b = switchValue(value);
	if (b !== undefined) return { ok: true, value: b };
	return {
		ok: false,
		message: `${kind} '${rule.label}' (${name}) must be true or false, not ${shown(value)}`,
	};
}

/** An own key of an options collection (an inherited name is not an option). */
export function ownOption(raw: unknown, name: string): unknown {
	return typeof raw === 'object' &&
		raw !== null &&
		!Array.isArray(raw) &&
		Object.prototype.hasOwnProperty.call(raw, name)
		? (raw as Record<string, unknown>)[name]
		: undefined;
}

/** The node's `options` collection as the run uses it, or a message naming the bad option and its range. */
export function readBatchUpsertOptions(raw: unknown): OptionsReading {
	const problems: string[] = [];
	const read = <T>(reading: ValueReading<T>, fallback: T): T => {
		if (reading.ok) return reading.value;
		problems.push(reading.message);
		return fallback;
	};
	const number = (name: keyof typeof NUMBER_OPTIONS): number =>
		read(
			readWholeNumber(ownOption(raw, name), name, NUMBER_OPTIONS[name]),
			NUMBER_OPTIONS[name].default,
		);
	const flag = (name: keyof typeof BOOLEAN_OPTIONS): boolean =>
		read(
			readSwitch(ownOption(raw, name), name, BOOLEAN_OPTIONS[name]),
			BOOLEAN_OPTIONS[name].default,
		);
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
