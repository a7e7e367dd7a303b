/**
 * The bench's rows, where they are written and how they are printed. The default run replaces
 * results.json's runs and keeps its `writeMode` section; the Write Mode scenario at full size replaces
 * only that section; anything else goes to results-partial.json (not in git).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

import { fmt, log, pct } from './measure';
import type { Plan } from './plan';
import type { Breakdown } from './timeline';
import { MODE_LABEL, type Mode } from './workflow';

export interface RunRow {
	who: string;
	n8n?: string;
	engine?: string;
	mode?: Mode;
	/** HubSpot's rolling window W, ms */
	windowMs: number;
	/** added by the sandbox to every request, ms */
	latencyMs: number;
	/** requests per 10 s */
	tier: number;
	/** M: requests per W */
	windowMax: number;
	records: number;
	/** R: upserts of 100 */
	requestsNeeded: number;
	/** floor((R-1)/M)·W + L */
	ceilingSeconds: number;
	/** the node's executionTime from n8n's run data; the client's wall time */
	seconds: number;
	recordsPerSecond: number;
	ofCeiling: number;
	/** the client's time ÷ this run's, same tier, window and latency */
	ratioToClient?: number;
	/** all requests the sandbox answered, 429s and the property read included */
	requests: number;
	answered429: number;
	rate429: number;
	lost: number;
	success?: number;
	errors?: number;
	readMs?: number;
	readMicrosPerItem?: number;
	/** the sandbox process's CPU (user + system) over the run, per request it answered */
	standInCpuMsPerRequest?: number;
	standInCpuMs?: number;
	error?: string;
	/** the machine's 1-minute load average when the run ended */
	loadAverage?: number;
	/** where the node's time went against the ceiling (bench/timeline.ts) */
	breakdown?: Breakdown;
}

const isClient = (row: RunRow) => row.who.startsWith('@hubspot');

/** Each node row's ratio to the client run at the same window, latency and tier. */
export function setRatios(table: RunRow[]): void {
	for (const row of table) {
		const client = table.find(
			(t) =>
				isClient(t) &&
				t.tier === row.tier &&
				t.windowMs === row.windowMs &&
				t.latencyMs === row.latencyMs,
		);
		if (client && row !== client) row.ratioToClient = client.seconds / row.seconds;
	}
}

const write = (file: string, value: unknown) =>
	writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/**
 * Writes what was measured so far (after every run: a long run on a shared machine may be cut short).
 * The default run's section, and the Write Mode scenario's at full size when run alone or with the
 * default run, merge into results.json; anything else goes to results-partial.json. Returns the files.
 */
export function save(
	plan: Plan,
	main: Record<string, unknown> | undefined,
	writeMode: object | undefined,
	dir = __dirname,
): string[] {
	const resultsFile = path.join(dir, 'results.json');
	const partialFile = path.join(dir, 'results-partial.json');
	let results: Record<string, unknown> | undefined;
	let partial: Record<string, unknown> | undefined;
	if (main) {
		if (plan.isDefault) results = { ...main };
		else partial = { ...main };
	}
	if (writeMode) {
		const whole = plan.scale === 1 && (plan.isDefault || plan.parts.size === 1);
		if (whole) results = { ...results, writeMode };
		else partial = { ...partial, writeMode };
	}
	if (results) {
		const before = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
		write(resultsFile, { ...before, ...results });
	}
	if (partial) write(partialFile, partial);
	return [...(results ? [resultsFile] : []), ...(partial ? [partialFile] : [])];
}

const seconds = (ms: number | undefined) => (ms === undefined ? '?' : fmt(ms / 1000, 2));

export function printTable(table: RunRow[]): void {
	if (table.length === 0) return;
	log('');
	log(
		'| who | input mode | W / L | tier | records | time | ceiling | of ceiling | vs client | 429s | lost | reading items | first answer / first window / later windows over W | in flight | stand-in CPU / request | load |',
	);
	log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
	for (const r of table) {
		const read =
			r.readMs !== undefined
				? `${fmt(r.readMs / 1000, 2)} s (${fmt(r.readMicrosPerItem ?? 0, 1)} µs/item)`
				: '–';
		const b = r.breakdown;
		const where = b
			? `${seconds(b.firstAnswerMs)} / ${seconds(b.firstWindowMs)} / ${seconds(b.totalWindowExcessMs)} s`
			: '–';
		log(
			`| ${r.who} | ${r.mode ? MODE_LABEL[r.mode] : '–'} | ${r.windowMs / 1000} s / ${r.latencyMs} ms | ${r.tier} | ${fmt(r.records)} | ${fmt(r.seconds, 1)} s | ${fmt(r.ceilingSeconds, 1)} s | ${pct(r.ofCeiling)} | ${r.ratioToClient ? `${fmt(r.ratioToClient, 2)}×` : '–'} | ${r.answered429} (${pct(r.rate429)}) | ${r.lost} | ${read} | ${where} | ${b?.maxInFlight ?? '–'} | ${r.standInCpuMsPerRequest !== undefined ? `${fmt(r.standInCpuMsPerRequest, 2)} ms` : '?'} | ${r.loadAverage !== undefined ? fmt(r.loadAverage, 1) : '?'} |${r.error ? ` ${r.error}` : ''}`,
		);
	}
}
