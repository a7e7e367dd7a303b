/**
 * The shipped code's layers point one way (see ARCHITECTURE.md): every import of nodes/ and
 * credentials/ is read with TypeScript's own parser (type-only imports and re-exports included)
 * and checked against the direction, and the import graph must have no cycle.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import ts from 'typescript';

const root = path.resolve(__dirname, '..');
const NODE_DIR = 'nodes/HubSpotGoalTargets';

type Layer =
	| 'node'
	| 'actions'
	| 'methods'
	| 'run'
	| 'engine'
	| 'transport'
	| 'helpers'
	| 'credentials';

/** What each layer may import besides itself; anything else is against the direction. */
const MAY_IMPORT: Record<Layer, Layer[]> = {
	node: ['actions', 'methods'],
	actions: ['run', 'engine', 'transport', 'helpers'],
	methods: ['transport', 'helpers'],
	run: ['engine', 'transport', 'helpers'],
	engine: ['transport', 'helpers'],
	transport: ['helpers'],
	helpers: [],
	credentials: ['transport'],
};

/** One concept per file: a longer file says why in its header ("Longer than 300 lines: ..."). */
const MAX_LINES = 300;

/** The only package shipped code may import (n8n's community-node rules). */
const PACKAGES = new Set(['n8n-workflow']);

function layerOf(file: string): Layer | undefined {
	if (file.startsWith('credentials/')) return 'credentials';
	if (file === `${NODE_DIR}/HubSpotGoalTargets.node.ts`) return 'node';
	const [top] = file.slice(NODE_DIR.length + 1).split('/');
	const layers: Layer[] = ['actions', 'methods', 'run', 'engine', 'transport', 'helpers'];
	return layers.find((layer) => layer === top);
}

/**
 * Inside actions/: the files that dispatch (actions/*.ts) above the resource's list of operations
 * (actions/goalTarget/*.ts), above each operation's folder, above common/ (what several operations
 * share). An operation's folder imports only itself and common/, never another operation.
 */
function actionsPlace(file: string): { rank: number; folder?: string } {
	const parts = file.slice(`${NODE_DIR}/actions/`.length).split('/');
	if (parts.length === 1) return { rank: 3 };
	if (parts.length === 2) return { rank: 2 };
	if (parts[1] === 'common') return { rank: 0, folder: 'common' };
	return { rank: 1, folder: parts[1] };
}

/** Why `from` may not import `to`; undefined when it may. */
function againstDirection(from: string, to: string): string | undefined {
	const a = layerOf(from);
	const b = layerOf(to);
	if (!a || !b) return `${!a ? from : to} is in no layer`;
	if (a !== b) return MAY_IMPORT[a].includes(b) ? undefined : `${a}/ may not import ${b}/`;
	if (a !== 'actions') return undefined;
	const pa = actionsPlace(from);
	const pb = actionsPlace(to);
	if (pa.rank < pb.rank) return 'inside actions/, an import points up';
	if (pa.rank === 1 && pb.rank === 1 && pa.folder !== pb.folder)
		return `operation ${pa.folder}/ may not import operation ${pb.folder}/ (shared code goes in common/)`;
	return undefined;
}

/** A cycle of the graph, as a path that starts and ends at the same file; undefined when there is none. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (file: string): string[] | undefined => {
		if (state.get(file) === 'done') return undefined;
		if (state.get(file) === 'open') return [...stack.slice(stack.indexOf(file)), file];
		state.set(file, 'open');
		stack.push(file);
		for (const next of graph.get(file) ?? []) {
			const cycle = visit(next);
			if (cycle) return cycle;
		}
		stack.pop();
		state.set(file, 'done');
		return undefined;
	};
	for (const file of [...graph.keys()].sort()) {
		const cycle = visit(file);
		if (cycle) return cycle;
	}
	return undefined;
}

function sourceFiles(dir: string): string[] {
	return readdirSync(path.join(root, dir)).flatMap((name) => {
		const file = `${dir}/${name}`;
		if (statSync(path.join(root, file)).isDirectory()) return sourceFiles(file);
		return name.endsWith('.ts') ? [file] : [];
	});
}

function resolve(from: string, specifier: string): string {
	const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
	for (const candidate of [`${base}.ts`, `${base}/index.ts`]) {
		try {
			if (statSync(path.join(root, candidate)).isFile()) return candidate;
		} catch {
			// not this one
		}
	}
	throw new Error(`${from}: cannot resolve '${specifier}'`);
}

/** The shipped files and what each imports: other files (resolved), and packages. */
function importGraph(): { files: Map<string, string[]>; packages: Array<[string, string]> } {
	const files = new Map<string, string[]>();
	const packages: Array<[string, string]> = [];
	for (const file of [...sourceFiles('nodes'), ...sourceFiles('credentials')]) {
		const { importedFiles } = ts.preProcessFile(
			readFileSync(path.join(root, file), 'utf8'),
			true,
			true,
		);
		const local: string[] = [];
		for (const { fileName } of importedFiles) {
			if (fileName.startsWith('.')) local.push(resolve(file, fileName));
			else packages.push([file, fileName]);
		}
		files.set(file, local);
	}
	return { files, packages };
}

describe('the layers of nodes/ and credentials/ point one way', () => {
	const { files, packages } = importGraph();

	it('reads every shipped source file and its imports', () => {
		expect(files.size).toBeGreaterThan(80);
		expect(files.get(`${NODE_DIR}/HubSpotGoalTargets.node.ts`)).toContain(
			`${NODE_DIR}/actions/router.ts`,
		);
	});

	it('puts every file in a layer', () => {
		expect([...files.keys()].filter((file) => layerOf(file) === undefined)).toEqual([]);
	});

	it('has no import against the direction', () => {
		const wrong: string[] = [];
		for (const [from, imports] of files) {
			for (const to of imports) {
				const why = againstDirection(from, to);
				if (why) wrong.push(`${from} -> ${to}: ${why}`);
			}
		}
		expect(wrong).toEqual([]);
	});

	it('has no import cycle', () => {
		expect(findCycle(files)).toBeUndefined();
	});

	it('keeps every file under 300 lines, or says in its header comment why not', () => {
		const long = [...files.keys()].filter((file) => {
			const text = readFileSync(path.join(root, file), 'utf8');
			const header = /^\/\*\*[\s\S]*?\*\//.exec(text)?.[0] ?? '';
			return text.split('\n').length > MAX_LINES && !/Longer than 300 lines:/.test(header);
		});
		expect(long).toEqual([]);
	});

	it('imports no package but n8n-workflow', () => {
		expect(packages.filter(([, name]) => !PACKAGES.has(name))).toEqual([]);
	});
});

describe('the check itself', () => {
	const file = (place: string) => `${NODE_DIR}/${place}`;

	it('refuses an import against the direction', () => {
		expect(againstDirection(file('engine/chunk.ts'), file('run/runContext.ts'))).toBe(
			'engine/ may not import run/',
		);
		expect(againstDirection(file('helpers/dates.ts'), file('engine/types.ts'))).toBe(
			'helpers/ may not import engine/',
		);
		expect(againstDirection(file('transport/request.ts'), file('engine/retryPolicy.ts'))).toBe(
			'transport/ may not import engine/',
		);
		expect(againstDirection(file('methods/loadOptions.ts'), file('run/runContext.ts'))).toBe(
			'methods/ may not import run/',
		);
		expect(
			againstDirection(
				file('actions/goalTarget/search/search.operation.ts'),
				file('actions/goalTarget/getAll/listRequest.ts'),
			),
		).toMatch(/^operation search\/ may not import operation getAll\//);
		expect(
			againstDirection(
				file('actions/goalTarget/common/writeInput.ts'),
				file('actions/goalTarget/batchUpsert/batchUpsert.input.ts'),
			),
		).toBe('inside actions/, an import points up');
	});

	it('lets an import point down or stay in its place', () => {
		expect(againstDirection(file('run/runContext.ts'), file('engine/pacer.ts'))).toBeUndefined();
		expect(againstDirection(file('engine/pacer.ts'), file('engine/windowLog.ts'))).toBeUndefined();
		expect(
			againstDirection(
				file('actions/goalTarget/batchUpsert/batchUpsert.operation.ts'),
				file('actions/goalTarget/common/writeOperation.ts'),
			),
		).toBeUndefined();
		expect(
			againstDirection('credentials/X.credentials.ts', file('transport/baseUrl.ts')),
		).toBeUndefined();
	});

	it('finds a cycle, type-only imports included', () => {
		const graph = new Map([
			['a.ts', ['b.ts']],
			['b.ts', ['c.ts']],
			['c.ts', ['a.ts']],
			['d.ts', []],
		]);
		expect(findCycle(graph)).toEqual(['a.ts', 'b.ts', 'c.ts', 'a.ts']);
		expect(
			findCycle(
				new Map([
					['a.ts', ['b.ts']],
					['b.ts', []],
				]),
			),
		).toBeUndefined();
	});
});

describe('the unit tests mirror the source tree', () => {
	// A unit test of nodes/HubSpotGoalTargets/<folder>/<file>.ts lives in test/unit/<folder>/, so a
	// newcomer finds the tests of a file where the file is.
	it('every folder under test/unit/ is a folder of the node', () => {
		const unitRoot = path.join(root, 'test/unit');
		const folders = (dir: string): string[] =>
			readdirSync(dir)
				.filter((name) => statSync(path.join(dir, name)).isDirectory())
				.flatMap((name) => [name, ...folders(path.join(dir, name)).map((f) => `${name}/${f}`)]);
		const strays = folders(unitRoot).filter(
			(folder) =>
				!statSync(path.join(root, NODE_DIR, folder), { throwIfNoEntry: false })?.isDirectory(),
		);
		expect(strays).toEqual([]);
		expect(readdirSync(unitRoot).filter((name) => name.endsWith('.test.ts'))).toEqual([]);
	});
});
