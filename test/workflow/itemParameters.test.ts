/**
 * The fast item parameter reader gives exactly what n8n's own `getNodeParameter` gives: both read
 * the same parameters of the same items inside n8n's engine (n8n-core's WorkflowExecute), over
 * generated items (missing fields, nulls, numbers, arrays, nested objects, dates, odd key names)
 * and generated references (plain ones in many spellings, and ones only n8n can evaluate).
 */
import { inspect, isDeepStrictEqual } from 'node:util';

import { DateTime } from 'luxon';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
} from 'n8n-workflow';
import { Expression } from 'n8n-workflow';

import { loadOwnNode, NODE_TYPE } from '../../harness/nodeTypes';
import { runWorkflow } from '../../harness/runWorkflow';
import {
	createItemParameterReader,
	plainJsonReference,
} from '../../nodes/HubSpotGoalTargets/run/itemParameters';
// A seeded generator (the sandbox's), so a failure can be replayed.
import { createPrng } from '../../sandbox';
import { generatedRowsWorkflow, makeRows, NODE_NAME, nodeTypesFor } from '../../testkit/workload';

const KEYS = [
	'a',
	'b',
	'name',
	'amount',
	'list',
	'a b',
	'with.dot',
	'ä',
	'1',
	'0',
	'',
	'x-y',
	'$x',
	'_u',
	'toString',
	'constructor',
];
const IDENT_KEYS = ['a', 'b', 'name', 'amount', 'list', '$x', '_u', 'toString', 'missing'];

function makeValue(random: () => number, depth: number): unknown {
	const leaves: Array<() => unknown> = [
		() => `text ${Math.floor(random() * 100)}`,
		() => '',
		() => '  spaced  ',
		() => '2027-01-31',
		() => '2027-01-31T10:00:00.000Z',
		() => '={{ $json.a }}',
		() => 0,
		() => -0,
		() => Math.floor(random() * 1e6) - 5e5,
		() => random() * 1000,
		() => 1e21,
		() => Number.NaN,
		() => Number.POSITIVE_INFINITY,
		() => true,
		() => false,
		() => null,
		() => undefined,
		() => new Date(Date.UTC(2027, Math.floor(random() * 12), 1)),
		() => DateTime.fromISO('2027-03-15T08:30:00.000Z', { zone: 'utc' }),
	];
	const r = random();
	if (depth < 3 && r < 0.15)
		return Array.from({ length: Math.floor(random() * 4) }, () => makeValue(random, depth + 1));
	if (depth < 3 && r < 0.3) return makeObject(random, depth + 1);
	return leaves[Math.floor(random() * leaves.length)]();
}

function makeObject(random: () => number, depth: number): IDataObject {
	const object: IDataObject = {};
	for (const key of KEYS) {
		if (random() < 0.45) continue; // a missing field
		object[key] = makeValue(random, depth) as IDataObject[string];
	}
	if (random() < 0.05)
		Object.defineProperty(object, '__proto__', { value: { a: 1 }, enumerable: true });
	return object;
}

/** Expressions: plain references in many spellings, and forms only n8n can evaluate. */
function references(): string[] {
	const refs = new Set<string>(['={{ $json }}', '={{$json}}']);
	for (const k of IDENT_KEYS) {
		refs.add(`={{ $json.${k} }}`);
		refs.add(`={{$json.${k}}}`);
		refs.add(`={{\n\t$json.${k}\n}}`);
		refs.add(`={{ $json . ${k} }}`);
		refs.add(`={{ $json["${k}"] }}`);
		refs.add(`={{ $json['${k}'] }}`);
		refs.add(`={{ $json.${k}[0] }}`);
		refs.add(`={{ $json.${k}[2] }}`);
		for (const k2 of ['a', 'name', 'list', 'missing']) refs.add(`={{ $json.${k}.${k2} }}`);
		refs.add(`={{ $json.${k}.a.b }}`);
		refs.add(`={{ $json.${k}["a b"] }}`);
	}
	for (const k of KEYS) refs.add(`={{ $json[${JSON.stringify(k)}] }}`);
	for (const k of ['a b', 'with.dot', 'ä', '', '1'])
		refs.add(`={{ $json.list[${JSON.stringify(k)}] }}`);
	// Only n8n can evaluate these (or refuse them): text around the braces, operators, calls.
	for (const other of [
		'= {{ $json.a }}',
		'={{ $json.a }} ',
		'={{ $json.a }}\n',
		'={{ $json.a }}{{ $json.b }}',
		'=a: {{ $json.a }}',
		"={{ $json.a ?? 'none' }}",
		'={{ $json.a?.b }}',
		'={{ $json.name.length }}',
		'={{ $json.list.length }}',
		'={{ $json.list[01] }}',
		'={{ $json["a\\"b"] }}',
		'={{ $json.a + 1 }}',
		'={{ String($json.amount) }}',
		'={{ $json.constructor }}',
		'={{ $json.__proto__ }}',
		'={{ $json["__proto__"] }}',
		'={{ $json.toString() }}',
		'={{ $("Rows").item.json.a }}',
		'={{ $input.item.json.a }}',
		'={{ $json.a /* comment */ }}',
		'={{ $itemIndex }}',
		'=plain text after the equals sign',
		'=',
		'plain text',
		'',
	]) {
		refs.add(other);
	}
	return [...refs];
}

const REFS = references();
const REF_PARAMETERS: INodeProperties[] = REFS.map((_, i) => ({
	displayName: `Ref ${i}`,
	name: `ref${i}`,
	type: 'string',
	default: '',
}));

interface Comparison {
	reads: number;
	mismatches: Array<{ name: string; itemIndex: number; n8n: string; fast: string }>;
	/** Reads the reader left to n8n. */
	delegated: number;
}

/**
 * A value as it was at the moment it was read, types and all (n8n's legacy engine hands back the
 * item's own objects, and its later reads may change them: a luxon date becomes text in place).
 */
function snapshot(value: unknown, depth = 0): unknown {
	if (depth > 40) return ['deep'];
	if (value === undefined) return ['undefined'];
	if (typeof value === 'number') return ['number', Object.is(value, -0) ? '-0' : String(value)];
	if (typeof value === 'function') return ['function', value.name];
	if (typeof value !== 'object' || value === null) return [typeof value, value];
	if (value instanceof Date) return ['Date', String(value.getTime())];
	if (DateTime.isDateTime(value)) return ['DateTime', value.toISO()];
	if (Array.isArray(value))
		return [
			'Array',
			Array.from({ length: value.length }, (_, i) =>
				i in value ? snapshot(value[i], depth + 1) : ['hole'],
			),
		];
	const prototype = Object.getPrototypeOf(value) as object | null;
	const kind =
		prototype === Object.prototype
			? 'Object'
			: prototype === null
				? 'null-prototype'
				: prototype.constructor?.name;
	return [
		kind,
		Object.keys(value).map((key) => [
			key,
			snapshot((value as Record<string, unknown>)[key], depth + 1),
		]),
	];
}

function read(get: () => unknown): unknown {
	try {
		return snapshot(get());
	} catch (error) {
		return ['error', error instanceof Error ? error.message : String(error)];
	}
}

/**
 * Our node's description plus one string parameter per reference; its execute reads every named
 * parameter of every item, through n8n or through the reader, into `out[item][name]`.
 */
function probeNode(
	names: string[],
	via: 'n8n' | 'reader',
	out: unknown[][],
	counts: { delegated: number },
	fallbacks: Record<string, unknown>,
): INodeType {
	const own = loadOwnNode();
	const properties = [...own.description.properties, ...REF_PARAMETERS];
	return {
		description: { ...own.description, properties },
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const items = this.getInputData();
			const counting = Object.create(this) as IExecuteFunctions;
			counting.getNodeParameter = ((...args: unknown[]) => {
				counts.delegated++;
				return (this.getNodeParameter as (...a: unknown[]) => unknown)(...args);
			}) as IExecuteFunctions['getNodeParameter'];
			const reader = createItemParameterReader(counting, items, properties);
			for (let i = 0; i < items.length; i++) {
				out.push(
					names.map((name) => {
						const fallback = fallbacks[name];
						if (via === 'reader') return read(() => reader.get(name, i, fallback));
						return read(() =>
							fallback === undefined
								? this.getNodeParameter(name, i)
								: this.getNodeParameter(name, i, fallback),
						);
					}),
				);
			}
			return [[{ json: {} }], []];
		},
	} as INodeType;
}

/** Runs the same workflow on fresh copies of the same items twice: read by n8n, read by the reader. */
async function compare(
	parameters: IDataObject,
	names: string[],
	rows: () => IDataObject[],
	fallbacks: Record<string, unknown> = {},
): Promise<Comparison> {
	const results: Record<'n8n' | 'reader', unknown[][]> = { n8n: [], reader: [] };
	const counts = { delegated: 0 };
	for (const via of ['n8n', 'reader'] as const) {
		const workflow = generatedRowsWorkflow();
		const node = workflow.nodes.find((n) => n.name === NODE_NAME)!;
		node.parameters = { ...node.parameters, ...parameters } as INodeParameters;
		const types = nodeTypesFor(rows());
		types.add(
			NODE_TYPE,
			probeNode(names, via, results[via], via === 'reader' ? counts : { delegated: 0 }, fallbacks),
		);
		const result = await runWorkflow(workflow, { credentials: {}, nodeTypes: types });
		expect(result.errorOf(NODE_NAME)).toBeUndefined();
	}
	const comparison: Comparison = { reads: 0, mismatches: [], delegated: counts.delegated };
	results.n8n.forEach((values, itemIndex) =>
		values.forEach((n8n, k) => {
			comparison.reads++;
			const fast = results.reader[itemIndex]?.[k];
			if (!isDeepStrictEqual(n8n, fast)) {
				const show = (v: unknown) =>
					inspect(v, { depth: 8, breakLength: Infinity, compact: true }).slice(0, 600);
				comparison.mismatches.push({ name: names[k], itemIndex, n8n: show(n8n), fast: show(fast) });
			}
		}),
	);
	return comparison;
}

function rowsFor(seed: number, count: number): IDataObject[] {
	const random = createPrng(seed);
	return Array.from({ length: count }, () => makeObject(random, 0));
}

/**
 * `N8N_EXPRESSION_ENGINE=vm` runs n8n 2.x's default engine (isolated-vm, Node 24 only:
 * `npm run test:vm` with the e2e's Node 24); otherwise n8n's legacy engine.
 */
const ENGINE = process.env.N8N_EXPRESSION_ENGINE === 'vm' ? 'vm' : 'legacy';
// The isolate evaluates each expression in about a millisecond: give the generated cases time.
if (ENGINE === 'vm') jest.setTimeout(20 * 60_000);
beforeAll(async () => {
	if (ENGINE === 'vm')
		await Expression.initExpressionEngine({
			engine: 'vm',
			poolSize: 1,
			maxCodeCacheSize: 1024,
			bridgeTimeout: 5000,
			bridgeMemoryLimit: 128,
		});
	expect(Expression.getActiveImplementation()).toBe(ENGINE);
});
afterAll(async () => await Expression.disposeExpressionEngine());

describe(`createItemParameterReader gives what getNodeParameter gives (${ENGINE} engine)`, () => {
	it('recognises plain $json references only', () => {
		expect(plainJsonReference('={{ $json.a }}')).toEqual(['a']);
		expect(plainJsonReference('={{$json.a.b}}')).toEqual(['a', 'b']);
		expect(plainJsonReference('={{ $json["a b"][0] }}')).toEqual(['a b', '0']);
		expect(plainJsonReference("={{\n $json['x'] \n}}")).toEqual(['x']);
		expect(plainJsonReference('={{ $json }}')).toEqual([]);
		for (const other of [
			'= {{ $json.a }}',
			'={{ $json.a }} ',
			'={{ $json.a + 1 }}',
			'={{ $json.constructor }}',
			'={{ $json[01] }}',
			'={{ $json["a\\"b"] }}',
			'{{ $json.a }}',
		]) {
			expect(plainJsonReference(other)).toBeUndefined();
		}
	});

	it(`every reference (${REFS.length}) over 80 generated items, one string parameter each`, async () => {
		const parameters: IDataObject = {};
		REFS.forEach((ref, i) => (parameters[`ref${i}`] = ref));
		const comparison = await compare(
			parameters,
			REFS.map((_, i) => `ref${i}`),
			() => rowsFor(1, 80),
		);
		expect(comparison.mismatches.slice(0, 5)).toEqual([]);
		expect(comparison.reads).toBe(REFS.length * 80);
		// Many reads are answered from the item (the rest meet dates, NaN, missing parents...): the test is not vacuous.
		expect(comparison.delegated).toBeLessThan(comparison.reads * 0.8);
	});

	it("our node's own parameters: ID, trace id, resource mapper (with typed schema), JSON, options, fallbacks", async () => {
		const random = createPrng(7);
		const pick = () => REFS[Math.floor(random() * REFS.length)];
		const types = ['string', 'number', 'boolean', 'dateTime', 'options'];
		for (let run = 0; run < 4; run++) {
			const plainOnly = run % 2 === 0;
			const plain = REFS.filter((ref) => plainJsonReference(ref) !== undefined);
			const ref = () => (plainOnly ? plain[Math.floor(random() * plain.length)] : pick());
			const value: IDataObject = {};
			const schema: IDataObject[] = [];
			for (let k = 0; k < 12; k++) {
				value[`p${k}`] = k % 5 === 4 ? ['constant', 42, true, null, '=constant'][k % 5] : ref();
				schema.push({
					id: `p${k}`,
					displayName: `P ${k}`,
					required: k === 0,
					defaultMatch: false,
					display: true,
					type: types[k % types.length],
					removed: false,
					options: [{ name: 'A', value: 'a' }],
				});
			}
			const parameters: IDataObject = {
				idProperty: run === 3 ? '={{ $json.name }}' : 'external_goal_key',
				idValue: ref(),
				objectWriteTraceId: run === 1 ? '' : ref(),
				properties: {
					mappingMode: run === 2 ? 'autoMapInputData' : 'defineBelow',
					value: run === 2 ? null : value,
					matchingColumns: [],
					schema,
				},
				options: { batchSize: 50, isolateFailures: false },
			};
			const names = [
				'authentication',
				'resource',
				'operation',
				'idProperty',
				'inputMode',
				'idValue',
				'objectWriteTraceId',
				'properties',
				'properties.value',
				'properties.mappingMode',
				'properties.schema',
				'options',
				'options.batchSize',
				'options.timeout',
				'inputsJson',
			];
			const fallbacks = { 'options.timeout': 1234, inputsJson: 'none', 'properties.value': {} };
			const fields = await compare(parameters, names, () => rowsFor(100 + run, 60), fallbacks);
			expect(fields.mismatches.slice(0, 5)).toEqual([]);
			const json = await compare(
				{ ...parameters, inputMode: 'json', inputsJson: ref() },
				names,
				() => rowsFor(200 + run, 60),
				fallbacks,
			);
			expect(json.mismatches.slice(0, 5)).toEqual([]);
		}
	});

	it('the README example (ID + 5 properties as plain references, plain rows): n8n evaluates nothing per item', async () => {
		const workflow = generatedRowsWorkflow();
		const parameters = workflow.nodes.find((n) => n.name === NODE_NAME)!.parameters as IDataObject;
		const names = ['idProperty', 'idValue', 'properties', 'objectWriteTraceId', 'options'];
		const comparison = await compare(parameters, names, () => makeRows(500));
		expect(comparison.mismatches).toEqual([]);
		// Only the parameters without expressions, read once each.
		expect(comparison.delegated).toBeLessThanOrEqual(3);
	});
});
