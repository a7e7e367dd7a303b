/**
 * A worker dies (SIGKILL to its process group) while its executions are writing. Reports what
 * the sandbox holds of their records against what n8n says about them, checks the other worker's
 * executions are untouched, tries n8n's Retry, then sends the lost records again (as a caller
 * would) and shows that every record ends up stored once: what the killed runs wrote is updated,
 * not duplicated.
 */
import { log, sleep, waitFor } from '../util';
import { batchesFor, checkExecution, type ScenarioContext } from './loadScenario';
import {
	executionDetail,
	fireExecutions,
	listExecutions,
	retryExecution,
	waitForEnded,
	type ExecutionDetail,
} from './executions';
import { accountView } from './records';
import { WORKFLOW_ID } from './workflow';

export interface KilledBatch {
	prefix: string;
	/** records of it in the sandbox at the kill / once n8n had given up on the execution */
	storedAtKill: number;
	storedAfter: number;
}

export interface KilledExecution {
	id: string;
	/** n8n's status for it once it gave up on it */
	status: string;
	/** n8n's message for it */
	message?: string;
	/** whether n8n still holds the records it was started with (what its Retry would need) */
	holdsInput: boolean;
	/** Success items n8n stored for it */
	successItems: number;
}

export interface Rerun {
	/** n8n's Retry of the first killed execution: HTTP status, and the new execution's status and Success count */
	retry: {
		httpStatus: number;
		message?: string;
		execution?: string;
		status?: string;
		success?: number;
	};
	/** the killed executions' records sent to the webhook again */
	resent: number;
	statuses: string[];
	created: number;
	updated: number;
	/** per killed batch: records stored, keys stored twice */
	stored: Array<{ prefix: string; stored: number }>;
	duplicates: number;
}

export interface KillFigures {
	killedAfterMs: number;
	/** from the kill until n8n had marked every lost execution as ended */
	detectedAfterMs: number;
	executions: KilledExecution[];
	batches: KilledBatch[];
	survivors: number;
	rerun?: Rerun;
}

const KILLED_WORKER = 1;

export async function killScenario(ctx: ScenarioContext, tag = 'kill'): Promise<KillFigures> {
	const { checks, cluster, sandbox, cfg } = ctx;
	const main = cluster.main;
	await sandbox.reset();
	const known = new Set((await listExecutions(main, WORKFLOW_ID)).map((e) => e.id));
	const batches = batchesFor(tag, cfg);
	const upserts = Math.ceil(cfg.records / cfg.batchSize) * cfg.executions;
	log(
		`${tag}: starting ${cfg.executions} executions; worker ${KILLED_WORKER} gets SIGKILL after ${Math.round(cfg.killAt * 100)}% of ${upserts} upserts`,
	);
	const t0 = Date.now();
	const fired = await fireExecutions(main, batches);
	checks.check(
		`${tag}: webhook accepted all ${fired.length} calls`,
		fired.every((f) => f.status === 200),
	);

	await waitFor(
		'the run to be under way',
		async () =>
			(await sandbox.requests()).filter((r) => r.status === 200 && r.path.endsWith('/batch/upsert'))
				.length >=
			upserts * cfg.killAt,
		10 * 60_000,
		100,
	);
	const running = (await listExecutions(main, WORKFLOW_ID)).filter(
		(e) => !known.has(e.id) && e.status === 'running',
	);
	const onVictim = running.filter((e) => cluster.workerOf(e.id) === KILLED_WORKER).map((e) => e.id);
	await cluster.killWorker(KILLED_WORKER);
	const killedAt = Date.now();
	log(
		`${tag}: SIGKILL to worker ${KILLED_WORKER} ${((killedAt - t0) / 1000).toFixed(1)} s in; it was running executions ${onVictim.join(', ') || 'none'}`,
	);
	checks.check(
		`${tag}: the killed worker was running executions`,
		onVictim.length > 0,
		`${running.length} running in all`,
	);
	// Requests the worker had fully sent before it died are still answered (the sandbox adds its latency):
	// they count as written at the kill. Anything stored after that would have been sent after the kill.
	await sleep(cfg.latencyMs + 2_000);
	const atKill = accountView((await sandbox.state()).records);

	// n8n notices when the job's lock expires (QUEUE_WORKER_LOCK_DURATION) and a live worker's stalled check runs.
	const ended = await waitForEnded(main, WORKFLOW_ID, cfg.executions, known, 10 * 60_000);
	const detectedAfterMs = Date.now() - killedAt;
	const after = accountView((await sandbox.state()).records);
	const details: ExecutionDetail[] = [];
	for (const e of ended) details.push(await executionDetail(main, e.id));

	const executions: KilledExecution[] = [];
	const survived = new Set<string>();
	for (const d of details) {
		if (onVictim.includes(d.id)) {
			const k: KilledExecution = {
				id: d.id,
				status: d.status,
				message: d.workflowError ?? d.nodeError,
				holdsInput: d.prefix !== undefined,
				successItems: d.success.length,
			};
			executions.push(k);
			log(
				`${tag}: execution ${k.id} (killed worker): n8n says "${k.status}"${k.message ? ` — ${k.message}` : ''}; ${k.successItems} Success items; its records ${k.holdsInput ? 'are' : 'are no longer'} in its stored data`,
			);
			checks.check(
				`${tag}: n8n does not call killed execution ${k.id} a success`,
				k.status !== 'success',
				k.status,
			);
			continue;
		}
		const b = batches.find((x) => x.prefix === d.prefix);
		if (
			!checks.check(
				`${tag}: execution ${d.id} (other worker) belongs to a batch`,
				b !== undefined,
				d.prefix,
			)
		)
			continue;
		survived.add(b!.prefix);
		checkExecution(
			checks,
			`${tag} ${b!.prefix} (execution ${d.id}, survived)`,
			d,
			cfg.records,
			after,
		);
	}
	checks.check(
		`${tag}: every execution n8n ran is accounted for`,
		executions.length + survived.size === cfg.executions,
		`${executions.length} killed + ${survived.size} survived`,
	);
	const lost = batches.filter((b) => !survived.has(b.prefix));
	const killedBatches: KilledBatch[] = lost.map((b) => ({
		prefix: b.prefix,
		storedAtKill: atKill.countByPrefix.get(b.prefix) ?? 0,
		storedAfter: after.countByPrefix.get(b.prefix) ?? 0,
	}));
	for (const k of killedBatches) {
		log(
			`${tag} ${k.prefix} (lost with the worker): the sandbox holds ${k.storedAtKill} of its ${cfg.records} records at the kill, ${k.storedAfter} once n8n gave up`,
		);
		checks.check(
			`${tag} ${k.prefix}: nothing of it was written after the kill`,
			k.storedAfter === k.storedAtKill,
			`${k.storedAtKill} -> ${k.storedAfter}`,
		);
	}
	checks.check(
		`${tag}: no key stored twice`,
		after.duplicateKeys.length === 0,
		`${after.duplicateKeys.length}`,
	);
	log(
		`${tag}: n8n had ended the killed executions ${(detectedAfterMs / 1000).toFixed(1)} s after the kill`,
	);

	await cluster.restartWorker(KILLED_WORKER);
	const rerun = await rerunLost(ctx, tag, executions, lost);
	return {
		killedAfterMs: killedAt - t0,
		detectedAfterMs,
		executions,
		batches: killedBatches,
		survivors: survived.size,
		rerun,
	};
}

/**
 * n8n's Retry of one killed execution (reported: it needs the execution's input, which n8n may no
 * longer hold), then what a caller does: send the lost records to the webhook again. Each record
 * must end up stored once: what the killed run wrote is updated, the rest created.
 */
async function rerunLost(
	ctx: ScenarioContext,
	tag: string,
	killed: KilledExecution[],
	lost: ReturnType<typeof batchesFor>,
): Promise<Rerun | undefined> {
	const { checks, cluster, sandbox, cfg } = ctx;
	const main = cluster.main;
	if (killed.length === 0 || lost.length === 0) return undefined;
	const retry: Rerun['retry'] = { httpStatus: 0 };
	{
		const seen = new Set((await listExecutions(main, WORKFLOW_ID)).map((e) => e.id));
		const res = await retryExecution(main, killed[0].id);
		retry.httpStatus = res.status;
		retry.message =
			res.status === 200
				? undefined
				: String(res.body?.message ?? JSON.stringify(res.body)).slice(0, 200);
		if (res.status === 200) {
			const [again] = await waitForEnded(main, WORKFLOW_ID, 1, seen, 2 * 60_000);
			const d = await executionDetail(main, again.id);
			Object.assign(retry, { execution: d.id, status: d.status, success: d.success.length });
		}
		log(
			`${tag}: n8n's Retry of execution ${killed[0].id}: HTTP ${retry.httpStatus}${retry.message ? ` (${retry.message})` : ''}${retry.execution ? `; execution ${retry.execution} ${retry.status}, ${retry.success} Success items` : ''}`,
		);
	}
	await sleep(cfg.window.intervalMs);
	const beforeResend = await sandbox.state();
	const counters = beforeResend.counters;
	const heldBefore = accountView(beforeResend.records).countByPrefix;
	const writtenBefore = lost.reduce((n, b) => n + (heldBefore.get(b.prefix) ?? 0), 0);
	const seen = new Set((await listExecutions(main, WORKFLOW_ID)).map((e) => e.id));
	log(`${tag}: sending the records of ${lost.length} lost executions to the webhook again`);
	const fired = await fireExecutions(main, lost);
	checks.check(
		`${tag} re-run: webhook accepted all ${fired.length} calls`,
		fired.every((f) => f.status === 200),
	);
	const ended = await waitForEnded(main, WORKFLOW_ID, lost.length, seen, 10 * 60_000);
	const state = await sandbox.state();
	const view = accountView(state.records);
	const statuses: string[] = [];
	for (const e of ended) {
		const d = await executionDetail(main, e.id);
		statuses.push(d.status);
		checkExecution(checks, `${tag} ${d.prefix} re-run (execution ${d.id})`, d, cfg.records, view);
	}
	const rerun: Rerun = {
		retry,
		resent: lost.length,
		statuses,
		created: state.counters.recordsCreated - counters.recordsCreated,
		updated: state.counters.recordsUpdated - counters.recordsUpdated,
		stored: lost.map((b) => ({ prefix: b.prefix, stored: view.countByPrefix.get(b.prefix) ?? 0 })),
		duplicates: view.duplicateKeys.length,
	};
	log(
		`${tag} re-run: the sandbox created ${rerun.created} and updated ${rerun.updated} records (the killed runs had written ${writtenBefore}); ${rerun.duplicates} keys stored twice`,
	);
	for (const s of rerun.stored)
		checks.check(
			`${tag} ${s.prefix} re-run: each record stored once`,
			s.stored === cfg.records,
			`${s.stored} of ${cfg.records}`,
		);
	checks.check(
		`${tag} re-run: no key stored twice`,
		rerun.duplicates === 0,
		String(rerun.duplicates),
	);
	checks.check(
		`${tag} re-run: what the killed runs wrote was updated, the rest created`,
		rerun.updated === writtenBefore && rerun.created === lost.length * cfg.records - writtenBefore,
		`created ${rerun.created}, updated ${rerun.updated}, written before ${writtenBefore}`,
	);
	return rerun;
}
