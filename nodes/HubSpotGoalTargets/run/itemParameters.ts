import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/**
 * Reads a node's parameters item by item, giving exactly what `getNodeParameter(name, itemIndex,
 * fallback)` gives, without asking n8n to evaluate what needs no evaluation.
 *
 * Why: n8n 2.x evaluates every expression in an isolate (`N8N_EXPRESSION_ENGINE=vm`, the default),
 * about 0.7 ms per parameter holding one; a run of 20,000 items with six of them spent 80 s there.
 * Most per-item parameters are plain field references such as `{{ $json.key }}`, which need no
 * JavaScript: the value is read from the item. So, per parameter, once per run:
 * - no expression anywhere in it: n8n reads it once, every item gets a copy;
 * - only plain references (`{{ $json.a }}`, `{{ $json.a.b }}`, `{{ $json["a b"] }}`, `{{ $json.list[0] }}`,
 *   `{{ $json }}`), in a string or anywhere inside an object such as a resource mapper's values:
 *   they are read from the item; an item where a reference does not meet plain data (a missing
 *   parent, a date object, an inherited name) goes to n8n instead;
 * - anything else, or a parameter n8n validates or converts by its description: n8n, item by item.
 */
export interface ItemParameterReader {
	/** This item's value of the parameter (a name or a dotted path), as `getNodeParameter` gives it. */
	get(name: string, itemIndex: number, fallback?: unknown): unknown;
	/** How many reads were left to n8n so far (parameters without expressions count once). */
	readonly evaluatedByN8n: number;
}

/** Marks a value that could not be read from the item: n8n evaluates it instead. */
const UNRESOLVED: unique symbol = Symbol('unresolved');
type Resolved = unknown | typeof UNRESOLVED;

type Resolver = (json: unknown) => Resolved;

type Plan =
	| { kind: 'n8n' }
	| { kind: 'constant'; value: unknown }
	| { kind: 'fromItem'; resolve: Resolver };

/**
 * Property names n8n's expression sandbox refuses or that reach into prototypes: never read
 * directly (nor copied inside a value), so that n8n gives its own answer for them.
 */
const UNSAFE_NAMES = new Set([
	// Also every name objects inherit (toString, valueOf, hasOwnProperty...): n8n's isolate engine
	// reads those from the prototype even when the item has its own field of that name.
	...Object.getOwnPropertyNames(Object.prototype),
	'__proto__',
	'prototype',
	'constructor',
	'getPrototypeOf',
	'setPrototypeOf',
	'getOwnPropertyDescriptor',
	'getOwnPropertyDescriptors',
	'defineProperty',
	'defineProperties',
	'mainModule',
	'binding',
	'_linkedBinding',
	'_load',
	'__defineGetter__',
	'__defineSetter__',
	'__lookupGetter__',
	'__lookupSetter__',
]);

/**
 * The path of a plain `$json` reference filling the whole expression, e.g. `={{ $json.a["b c"][0] }}`
 * → ['a', 'b c', '0']; undefined for anything else (text around the braces, operators, calls,
 * optional chaining, escapes in quoted names).
 */
export function plainJsonReference(raw: string): string[] | undefined {
	const whole =
		/^=\{\{\s*\$json((?:\s*\.\s*[A-Za-z_$][\w$]*|\s*\[\s*(?:"[^"\\]*"|'[^'\\]*'|\d+)\s*\])*)\s*\}\}$/.exec(
			raw,
		);
	if (!whole) return undefined;
	const path: string[] = [];
	const step = /\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)'|(\d+))\s*\])/g;
	let match: RegExpExecArray | null;
	while ((match = step.exec(whole[1])) !== null) {
		const key = match[1] ?? match[2] ?? match[3] ?? match[4];
		// A numeric index with leading zeros is not the same property as its number.
		if (match[4] !== undefined && String(Number(match[4])) !== match[4]) return undefined;
		if (UNSAFE_NAMES.has(key)) return undefined;
		path.push(key);
	}
	return path;
}

function isPlainContainer(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null) return false;
	if (Array.isArray(value)) return true;
	return Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * A deep copy of plain JSON data (strings, finite numbers, booleans, null, plain objects and
 * arrays); UNRESOLVED for anything else, which n8n's engines may hand back differently.
 */
function copyPlain(value: unknown, depth = 0): Resolved {
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return value;
		case 'number':
			return Number.isFinite(value) && !Object.is(value, -0) ? value : UNRESOLVED;
		case 'object': {
			if (value === null) return null;
			if (depth > 64) return UNRESOLVED;
			if (Array.isArray(value)) {
				const copy: unknown[] = new Array(value.length);
				for (let i = 0; i < value.length; i++) {
					if (!(i in value)) return UNRESOLVED;
					const entry = copyPlain(value[i], depth + 1);
					if (entry === UNRESOLVED) return UNRESOLVED;
					copy[i] = entry;
				}
				return copy;
			}
			if (Object.getPrototypeOf(value) !== Object.prototype) return UNRESOLVED;
			const copy: Record<string, unknown> = {};
			for (const key of Object.keys(value)) {
				if (UNSAFE_NAMES.has(key)) return UNRESOLVED;
				const entry = copyPlain((value as Record<string, unknown>)[key], depth + 1);
				if (entry === UNRESOLVED) return UNRESOLVED;
				copy[key] = entry;
			}
			return copy;
		}
		default:
			return UNRESOLVED;
	}
}

function referenceResolver(path: string[]): Resolver {
	return (json) => {
		let current: unknown = json;
		for (let i = 0; i < path.length; i++) {
			if (!isPlainContainer(current)) return UNRESOLVED;
			const key = path[i];
			if (Object.prototype.hasOwnProperty.call(current, key)) {
				current = current[key];
			} else {
				// Missing: undefined at the end of the path; an inherited name or a missing parent is n8n's.
				if (key in current || i < path.length - 1) return UNRESOLVED;
				return undefined;
			}
		}
		return current === undefined ? UNRESOLVED : copyPlain(current);
	};
}

/**
 * Turns a raw parameter value into a per-item resolver when every expression in it is a plain
 * reference; undefined when one is not. Objects and arrays are rebuilt as n8n rebuilds them.
 */
function compile(raw: unknown, depth = 0): Resolver | undefined {
	if (depth > 32) return undefined;
	if (typeof raw === 'string') {
		if (!raw.startsWith('=')) return () => raw;
		const path = plainJsonReference(raw);
		return path ? referenceResolver(path) : undefined;
	}
	if (typeof raw !== 'object' || raw === null) return () => raw;
	if (Array.isArray(raw)) {
		const parts = raw.map((entry) => compile(entry, depth + 1));
		if (parts.some((part) => part === undefined)) return undefined;
		const resolvers = parts as Resolver[];
		return (json) => {
			const out: unknown[] = new Array(resolvers.length);
			for (let i = 0; i < resolvers.length; i++) {
				const value = resolvers[i](json);
				if (value === UNRESOLVED) return UNRESOLVED;
				out[i] = value;
			}
			return out;
		};
	}
	const keys = Object.keys(raw);
	const resolvers: Resolver[] = [];
	for (const key of keys) {
		const part = compile((raw as Record<string, unknown>)[key], depth + 1);
		if (part === undefined) return undefined;
		resolvers.push(part);
	}
	return (json) => {
		const out: Record<string, unknown> = {};
		for (let i = 0; i < keys.length; i++) {
			const value = resolvers[i](json);
			if (value === UNRESOLVED) return UNRESOLVED;
			out[keys[i]] = value;
		}
		return out;
	};
}

function holdsExpression(raw: unknown, depth = 0): boolean {
	if (typeof raw === 'string') return raw.startsWith('=');
	if (typeof raw !== 'object' || raw === null || depth > 32) return depth > 32;
	return Object.values(raw).some((value) => holdsExpression(value, depth + 1));
}

function valueAtPath(parameters: unknown, path: string[]): unknown {
	let current = parameters;
	for (const key of path) {
		if (
			typeof current !== 'object' ||
			current === null ||
			!Object.prototype.hasOwnProperty.call(current, key)
		)
			return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

/**
 * Whether n8n validates or converts this parameter's value after evaluating it (a `validateType`,
 * a resource mapper's `.value`, typed fields in a collection): then n8n reads it, item by item.
 * A name the description does not hold counts as validated.
 */
function validatedByN8n(path: string[], properties: INodeProperties[]): boolean {
	const candidates = properties.filter((property) => property.name === path[0]);
	if (candidates.length === 0) return true;
	return candidates.some((property) => {
		if (property.validateType && !property.ignoreValidationDuringExecution) return true;
		if (property.type === 'resourceMapper') return path[1] === 'value';
		if (property.type === 'collection' || property.type === 'fixedCollection') {
			return JSON.stringify(property.options ?? []).includes('"validateType"');
		}
		return false;
	});
}

/**
 * A reader for one run of a node: `items` are the node's input items (`this.getInputData()`),
 * `properties` the descriptions of the parameters it will read.
 */
export function createItemParameterReader(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	properties: INodeProperties[],
): ItemParameterReader {
	const parameters = context.getNode().parameters;
	const plans = new Map<string, Plan>();
	let evaluatedByN8n = 0;
	const n8n = (name: string, itemIndex: number, fallback: unknown) => {
		evaluatedByN8n++;
		return fallback === undefined
			? context.getNodeParameter(name, itemIndex)
			: context.getNodeParameter(name, itemIndex, fallback);
	};

	const planFor = (name: string, itemIndex: number): Plan => {
		const known = plans.get(name);
		if (known) return known;
		let plan: Plan = { kind: 'n8n' };
		const path = name.split('.');
		const raw = name.includes('[') ? undefined : valueAtPath(parameters, path);
		if (raw !== undefined) {
			if (!holdsExpression(raw)) {
				// Nothing to evaluate: n8n's own reading (with its validation) holds for every item.
				try {
					evaluatedByN8n++;
					const value = copyPlain(context.getNodeParameter(name, itemIndex));
					if (value !== UNRESOLVED) plan = { kind: 'constant', value };
				} catch {
					// n8n refuses it: let it do so for each item, with each item's index.
				}
			} else if (!validatedByN8n(path, properties)) {
				const resolve = compile(raw);
				if (resolve) plan = { kind: 'fromItem', resolve };
			}
		}
		plans.set(name, plan);
		return plan;
	};

	return {
		get evaluatedByN8n() {
			return evaluatedByN8n;
		},
		get(name, itemIndex, fallback) {
			const plan = planFor(name, itemIndex);
			if (plan.kind === 'constant') return copyPlain(plan.value);
			if (plan.kind === 'fromItem') {
				const value = plan.resolve(items[itemIndex]?.json);
				if (value !== UNRESOLVED) return value;
			}
			return n8n(name, itemIndex, fallback);
		},
	};
}
