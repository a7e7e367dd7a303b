/** A run's row, read from its sandbox right after the run: the sandbox's CPU first, before the large reads. */
import { loadavg } from 'node:os';

import { expectedProperties, ID_PROPERTY, type Row } from '../testkit/workload';
import { ceilingSeconds } from './measure';
import type { Tier } from './plan';
import type { RunRow } from './results';
import type { SandboxChild, SandboxRecord } from './sandboxChild';
import { breakdown } from './timeline';

/** Inputs whose record is missing from the sandbox or holds other values than sent. */
export function lostRecords(
	records: Array<Pick<SandboxRecord, 'properties'>>,
	rows: Row[],
): number {
	const byKey = new Map(records.map((record) => [record.properties[ID_PROPERTY], record]));
	let lost = 0;
	for (const row of rows) {
		const record = byKey.get(row.key);
		const want = expectedProperties(row);
		if (!record || Object.entries(want).some(([k, v]) => record.properties[k] !== v)) lost++;
	}
	return lost;
}

export interface RunContext {
	sandbox: SandboxChild;
	rows: Row[];
	tier: Tier;
	windowMs: number;
	latencyMs: number;
}

/**
 * `who` took `seconds` for the rows; `node` (a node run) adds the breakdown of its time from the
 * sandbox's request log, from the node's start.
 */
export async function runRow(
	run: RunContext,
	who: string,
	seconds: number,
	extra: Partial<RunRow>,
	node?: { startTime?: number },
): Promise<RunRow> {
	const { sandbox, rows, tier, windowMs, latencyMs } = run;
	const usage = await sandbox.usage();
	const requestLog = node ? await sandbox.requests() : undefined;
	const { counters, records } = await sandbox.state();
	const requestsNeeded = Math.ceil(rows.length / 100);
	const ceiling = ceilingSeconds(requestsNeeded, tier.max, windowMs, latencyMs);
	return {
		who,
		...extra,
		windowMs,
		latencyMs,
		tier: tier.perTenSeconds,
		windowMax: tier.max,
		records: rows.length,
		requestsNeeded,
		ceilingSeconds: ceiling,
		seconds,
		recordsPerSecond: rows.length / seconds,
		ofCeiling: ceiling / seconds,
		requests: counters.requests,
		answered429: counters.rateLimited429,
		rate429: counters.requests ? counters.rateLimited429 / counters.requests : 0,
		lost: lostRecords(records, rows),
		standInCpuMsPerRequest: usage.cpuMsPerRequest ?? undefined,
		standInCpuMs: usage.cpuUserMs + usage.cpuSystemMs,
		loadAverage: loadavg()[0],
		breakdown: requestLog ? breakdown(requestLog, node?.startTime, tier.max, windowMs) : undefined,
	};
}
