/**
 * Does a project schema agree with HubSpot's? "Agree" means: anything valid under ours is valid under theirs
 * (ours may be stricter, never looser), so a body that passes the project's schema on a fresh clone would also
 * pass HubSpot's files. Checked two ways:
 * - structurally (compareSchemas): every name theirs requires, ours requires; every name ours requires exists in
 *   theirs (unless listed in BEYOND_HUBSPOT_FILES); types, enums, string formats and array bounds of shared
 *   properties are compatible, recursively through $refs, maps and arrays; oneOf in theirs needs one branch;
 * - by samples (samplesOf): a minimal and a full instance generated from ours, plus the schema's `examples`,
 *   must be valid under ours and under theirs.
 */
import { hubSpotDoc, HubSpotFile } from './hubspotOpenApi';
import { JsonSchema, ProjectSchema, projectSchemaDocuments } from './projectSchemas';

/** Properties HubSpot sends but its files do not list (the default Error schema has no `status` etc.). */
export const BEYOND_HUBSPOT_FILES: Array<{ schema: ProjectSchema; names: string[]; why: string }> =
	[
		{
			schema: 'error',
			names: ['status'],
			why: "HubSpot's error bodies carry status: 'error' (the OAuth endpoint: its error code)",
		},
		{
			schema: 'rate-limit-error',
			names: ['status', 'errorType', 'policyName'],
			why: "HubSpot's rate-limit documentation shows these in every 429 body; policyName tells a burst from the daily limit",
		},
	];

interface Ours {
	node: JsonSchema;
	/** The project file the node lives in, for resolving refs. */
	file: string;
}
interface Theirs {
	node: JsonSchema;
	file: HubSpotFile;
}

function pointer(doc: JsonSchema, fragment: string): JsonSchema {
	let node: unknown = doc;
	for (const part of fragment.split('/').filter(Boolean))
		node = (node as Record<string, unknown>)[part];
	if (!node) throw new Error(`Unresolvable ref #${fragment}`);
	return node as JsonSchema;
}

function resolveOurs({ node, file }: Ours): Ours {
	while (typeof node.$ref === 'string') {
		const [target, fragment = ''] = node.$ref.split('#');
		file = target || file;
		const doc = projectSchemaDocuments().get(file);
		if (!doc) throw new Error(`Unresolvable ref ${node.$ref} in ${file}`);
		node = pointer(doc, fragment);
	}
	return { node, file };
}

function resolveTheirs({ node, file }: Theirs): Theirs {
	while (typeof node.$ref === 'string')
		node = pointer(hubSpotDoc(file) as unknown as JsonSchema, node.$ref.replace(/^#/, ''));
	return { node, file };
}

const typesOf = (s: JsonSchema): string[] | undefined => {
	if (Array.isArray(s.type)) return s.type as string[];
	if (typeof s.type === 'string') return [s.type];
	return undefined;
};
const enumOf = (s: JsonSchema): unknown[] | undefined =>
	'const' in s ? [s.const] : Array.isArray(s.enum) ? (s.enum as unknown[]) : undefined;
const propsOf = (s: JsonSchema) => (s.properties ?? {}) as Record<string, JsonSchema>;
const requiredOf = (s: JsonSchema) => (s.required ?? []) as string[];
const isMap = (s: JsonSchema) =>
	typeof s.additionalProperties === 'object' && s.additionalProperties !== null;

/** Problems that make some instance valid under ours but invalid under theirs; [] when they agree. */
export function compareSchemas(
	schema: ProjectSchema,
	counterpart: { file: HubSpotFile; schema: string },
): string[] {
	const problems: string[] = [];
	const beyond = new Set(
		BEYOND_HUBSPOT_FILES.filter((b) => b.schema === schema).flatMap((b) => b.names),
	);
	const ours = { node: { $ref: `${schema}.json` }, file: `${schema}.json` };
	const theirs = {
		node: { $ref: `#/components/schemas/${counterpart.schema}` },
		file: counterpart.file,
	};
	compare(ours, theirs, '', problems, beyond);
	return problems;
}

function compare(
	oursIn: Ours,
	theirsIn: Theirs,
	at: string,
	problems: string[],
	beyond: Set<string>,
): void {
	const ours = resolveOurs(oursIn);
	const theirs = resolveTheirs(theirsIn);
	const o = ours.node;
	const t = theirs.node;
	const where = at || '(root)';

	const branches = (t.oneOf ?? t.anyOf) as JsonSchema[] | undefined;
	if (branches) {
		const results = branches.map((b) => {
			const p: string[] = [];
			compare(ours, { node: b, file: theirs.file }, at, p, beyond);
			return p;
		});
		if (!results.some((p) => p.length === 0))
			problems.push(...results.sort((a, b) => a.length - b.length)[0]);
		return;
	}

	const oTypes = typesOf(o);
	const tTypes = typesOf(t);
	if (tTypes) {
		if (!oTypes) problems.push(`${where}: ours allows any type, theirs only ${tTypes.join('|')}`);
		for (const type of oTypes ?? []) {
			if (!tTypes.includes(type) && !(type === 'integer' && tTypes.includes('number'))) {
				problems.push(`${where}: ours allows ${type}, theirs only ${tTypes.join('|')}`);
			}
		}
	}
	const tEnum = enumOf(t);
	if (tEnum) {
		const oEnum = enumOf(o);
		if (!oEnum)
			problems.push(`${where}: theirs allows only ${JSON.stringify(tEnum)}, ours any value`);
		for (const v of oEnum ?? [])
			if (!tEnum.includes(v))
				problems.push(`${where}: ours allows ${JSON.stringify(v)}, theirs does not`);
	}
	if (
		typeof t.format === 'string' &&
		(tTypes ?? []).includes('string') &&
		o.format !== t.format &&
		!enumOf(o)
	) {
		problems.push(
			`${where}: theirs requires format ${t.format}, ours ${o.format ? `has ${String(o.format)}` : 'none'}`,
		);
	}
	if (
		typeof t.maxItems === 'number' &&
		!(typeof o.maxItems === 'number' && o.maxItems <= t.maxItems)
	) {
		problems.push(
			`${where}: theirs allows at most ${t.maxItems} items, ours ${String(o.maxItems ?? 'any number')}`,
		);
	}
	if (
		typeof t.minItems === 'number' &&
		!(typeof o.minItems === 'number' && o.minItems >= t.minItems)
	) {
		problems.push(
			`${where}: theirs needs at least ${t.minItems} items, ours ${String(o.minItems ?? 0)}`,
		);
	}

	if (o.items && t.items)
		compare(
			{ node: o.items as JsonSchema, file: ours.file },
			{ node: t.items as JsonSchema, file: theirs.file },
			`${at}/[]`,
			problems,
			beyond,
		);

	const oProps = propsOf(o);
	const tProps = propsOf(t);
	for (const name of requiredOf(t)) {
		if (!requiredOf(o).includes(name))
			problems.push(`${where}: theirs requires "${name}", ours does not`);
	}
	for (const name of requiredOf(o)) {
		if (!(name in tProps) && !isMap(t) && !(at === '' && beyond.has(name))) {
			problems.push(`${where}: ours requires "${name}", theirs does not know it`);
		}
	}
	if (t.additionalProperties === false) {
		if (o.additionalProperties !== false)
			problems.push(`${where}: theirs is closed, ours allows other properties`);
		for (const name of Object.keys(oProps))
			if (!(name in tProps))
				problems.push(`${where}: ours allows "${name}", theirs (closed) does not`);
	}
	for (const [name, schema] of Object.entries(oProps)) {
		const other = tProps[name] ?? (isMap(t) ? (t.additionalProperties as JsonSchema) : undefined);
		if (other)
			compare(
				{ node: schema, file: ours.file },
				{ node: other, file: theirs.file },
				`${at}/${name}`,
				problems,
				beyond,
			);
	}
	if (isMap(o)) {
		if (isMap(t)) {
			compare(
				{ node: o.additionalProperties as JsonSchema, file: ours.file },
				{ node: t.additionalProperties as JsonSchema, file: theirs.file },
				`${at}/*`,
				problems,
				beyond,
			);
		} else if (t.additionalProperties === false) {
			problems.push(`${where}: ours is a map, theirs is closed`);
		}
	}
}

const SAMPLE_STRINGS: Record<string, string> = {
	'date-time': '2027-01-31T23:59:59.999Z',
	uuid: '5d2d2f4e-4a3b-4c1d-9e8f-0a1b2c3d4e5f',
};

/** A minimal (required only, fewest items) or full (every property, two items) instance of one of our nodes. */
function sampleOf(input: Ours, full: boolean): unknown {
	const { node: s, file } = resolveOurs(input);
	const e = enumOf(s);
	if (e) return full ? e[e.length - 1] : e[0];
	const type = typesOf(s)?.[0];
	switch (type) {
		case 'string':
			if (typeof s.format === 'string') return SAMPLE_STRINGS[s.format] ?? 'x';
			if (s.pattern === '^[0-9]+$') return full ? '12345' : '1';
			return 'x'.repeat(Math.max(1, (s.minLength as number | undefined) ?? 1));
		case 'integer':
			return (s.minimum as number | undefined) ?? (full ? 42 : 0);
		case 'number':
			return full ? 1.5 : 0;
		case 'boolean':
			return full;
		case 'array': {
			const min = (s.minItems as number | undefined) ?? 0;
			const count = Math.min(
				full ? Math.max(min, 2) : min,
				(s.maxItems as number | undefined) ?? Infinity,
			);
			return Array.from({ length: count }, () =>
				sampleOf({ node: s.items as JsonSchema, file }, full),
			);
		}
		case 'object': {
			const out: Record<string, unknown> = {};
			for (const [name, schema] of Object.entries(propsOf(s))) {
				if (full || requiredOf(s).includes(name))
					out[name] = sampleOf({ node: schema, file }, full);
			}
			if (full && isMap(s))
				out.some_property = sampleOf({ node: s.additionalProperties as JsonSchema, file }, full);
			return out;
		}
		default:
			return null;
	}
}

/** Generated minimal and full samples, then the schema's own `examples`. */
export function samplesOf(schema: ProjectSchema): Array<{ label: string; value: unknown }> {
	const ours = { node: { $ref: `${schema}.json` }, file: `${schema}.json` };
	const examples = (resolveOurs(ours).node.examples ?? []) as unknown[];
	return [
		{ label: 'minimal generated', value: sampleOf(ours, false) },
		{ label: 'full generated', value: sampleOf(ours, true) },
		...examples.map((value, i) => ({ label: `example ${i + 1}`, value })),
	];
}
