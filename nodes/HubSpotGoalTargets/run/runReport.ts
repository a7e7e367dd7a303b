import type { IExecuteFunctions } from 'n8n-workflow';

import type { RunResult } from '../engine/batchRunner';
import { isCancelled } from '../engine/cancel';
import type { SinkResult } from '../engine/inputSink';
import type { CompareMode } from '../engine/recordComparison';
import { NODE_CATEGORIES, type InputOutcome } from '../engine/types';
import { hubSpotApiError } from '../transport/errors';
import { changeCounts, changeSummary } from './changeReport';
import type { ItemsRead } from './readItems';
import { writtenReport } from './writtenReport';

function summaryOf(run: RunResult, outcomes: InputOutcome[], seconds: string): string {
	const { stats } = run;
	const succeeded = run.outcomes.filter((outcome) => outcome.ok).length;
	const unknown = outcomes.filter(
		(o) => !o.ok && o.error.category === NODE_CATEGORIES.unknownOutcome,
	).length;
	return (
		`${succeeded} of ${outcomes.length} inputs succeeded in ${stats.requests} requests over ${seconds} s` +
		(stats.retries
			? `; ${stats.retries} retries after errors (${(stats.backoffWaitMs / 1000).toFixed(1)} s of pauses)`
			: '') +
		(stats.rateLimited ? `; ${stats.rateLimited} rate-limit answers waited out` : '') +
		(stats.waitedMs ? `; ${(stats.waitedMs / 1000).toFixed(1)} s spent waiting for HubSpot` : '') +
		(stats.isolationRequests
			? `; ${stats.isolationRequests} extra requests to isolate refused inputs`
			: '') +
		(unknown ? `; ${unknown} inputs whose answer was lost (may have been written)` : '')
	);
}

/** A finished batch run, as the report needs it. */
export interface FinishedRun {
	result: SinkResult;
	/** Every input's outcome, in input order: HubSpot's and the node's own refusals. */
	outcomes: InputOutcome[];
	read: ItemsRead;
	/** Write Mode `changed` or `preview`, when the run compared. */
	writeMode?: CompareMode;
	/** Whether the operation writes: a run that stops says what it had written. */
	writes: boolean;
	startedAt: number;
	signal?: AbortSignal;
}

/**
 * Tells what a batch run did: the log's summary, the editor's hints (Write Mode's counts; retries,
 * waits, isolation or a cancel), and, when the run had to stop (bad token, spent daily quota)
 * and the node does not continue on error, the error it stops with, saying what was written.
 */
export function reportRun(node: IExecuteFunctions, run: FinishedRun): void {
	const { result, outcomes, read, writeMode } = run;
	const { stats } = result;
	const summary = summaryOf(result, outcomes, ((Date.now() - run.startedAt) / 1000).toFixed(1));
	const changes =
		writeMode && result.requests
			? changeSummary(writeMode, changeCounts(outcomes), result.requests)
			: undefined;
	if (changes) node.logger.info(`HubSpot Goal Targets: ${changes}`);
	const { readMs, readSpanMs } = read;
	node.logger.info(
		`HubSpot Goal Targets: ${summary}; ${read.itemsRead} items read in ${readMs} ms (${read.evaluatedByN8n} parameter values evaluated by n8n; ${readSpanMs} ms from the first to the last, with requests going out in between)`,
		{ ...stats, readMs, readSpanMs },
	);

	if (result.fatal && !node.continueOnFail()) {
		const { details } = result.fatal;
		const category = details.category ? `HubSpot category: ${details.category}.` : '';
		const written = run.writes ? writtenReport(result.writeOutcomes) : '';
		throw hubSpotApiError(node.getNode(), details, {
			description: `${category} ${written}`.trim() || undefined,
		});
	}
	if (changes)
		node.addExecutionHints({ message: `HubSpot Goal Targets: ${changes}`, location: 'outputPane' });
	if (
		stats.retries ||
		stats.rateLimited ||
		stats.isolationRequests ||
		stats.waitedMs ||
		isCancelled(run.signal)
	) {
		node.addExecutionHints({ message: `HubSpot Goal Targets: ${summary}`, location: 'outputPane' });
	}
}
