/**
 * The checks on a Write Mode run (`changed` or `preview`) in real n8n: what each Success item says
 * it meant for its record, the execution hint n8n keeps with the node's run, what the sandbox was
 * asked for, and (a variant) that every request used the variant's API version.
 */
import type { Sandbox } from '../sandbox';
import type { Checks } from './util';
import type { NodeOutputs, RunAssertOptions } from './workflows';

/** The checked node's `options.writeMode` in the workflow as imported. */
export function writeModeOf(workflow: any, nodeName: string): string | undefined {
	const node = (workflow?.nodes as any[] | undefined)?.find((n) => n.name === nodeName);
	const mode = node?.parameters?.options?.writeMode;
	return typeof mode === 'string' ? mode : undefined;
}

/** The line the node adds as an execution hint, as the expected counts would read in it. */
function expectedHintCounts(
	mode: string,
	c: { created: number; updated: number; unchanged: number; failed: number },
): string {
	return mode === 'preview'
		? `Preview, nothing written: ${c.created} to create, ${c.updated} to update, ${c.unchanged} unchanged, ${c.failed} failed;`
		: `Write Changes Only: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.failed} failed;`;
}

export function writeModeChecks(
	checks: Checks,
	sandbox: Sandbox,
	run: any,
	out: NodeOutputs,
	o: RunAssertOptions,
	writeMode: string | undefined,
): void {
	const L = o.label;
	const expected = o.expected.changes!;
	const { success, error } = out;
	const count = (change: string) => success.filter((i) => i.json?.change === change).length;
	const got = {
		created: count('create'),
		updated: count('update'),
		unchanged: count('none'),
		failed: error.length,
	};
	checks.check(
		`${L}: change counts ${JSON.stringify(expected)}`,
		JSON.stringify(got) === JSON.stringify(expected),
		`got ${JSON.stringify(got)}`,
	);
	if (writeMode !== 'changed' && writeMode !== 'preview') {
		checks.check(`${L}: node is in Write Mode changed or preview`, false, writeMode);
		return;
	}
	const wrongWritten = success.filter(
		(i) => i.json?.written !== (writeMode === 'changed' && i.json?.change !== 'none'),
	);
	checks.check(
		`${L}: each Success item's written is ${writeMode === 'preview' ? 'false' : "true unless change is 'none'"}`,
		wrongWritten.length === 0,
		wrongWritten.length ? JSON.stringify(wrongWritten[0].json).slice(0, 300) : undefined,
	);
	const changesOk = (i: any) => {
		const changes = i.json?.changes;
		if (i.json?.change !== 'update') return changes === undefined;
		const entries = Object.values<any>(changes ?? {});
		return entries.length > 0 && entries.every((c) => c && 'from' in c && 'to' in c);
	};
	const badChanges = success.filter((i) => !changesOk(i));
	checks.check(
		`${L}: 'update' items list their changes { from, to }, the others none`,
		badChanges.length === 0,
		badChanges.length ? JSON.stringify(badChanges[0].json).slice(0, 300) : undefined,
	);
	if (writeMode === 'preview' && o.idProperty) {
		// nothing created: the key of each record a preview would create is still free
		const created = success.filter(
			(i) =>
				i.json?.change === 'create' &&
				(i.json?.id !== undefined ||
					sandbox.store.findIdByUnique(
						o.idProperty!,
						String(i.json?.properties?.[o.idProperty!]),
					) !== undefined),
		);
		checks.check(
			`${L}: preview's 'create' items have no id and their ${o.idProperty} is not in the store`,
			created.length === 0,
			created.length ? JSON.stringify(created[0].json).slice(0, 300) : undefined,
		);
	}
	const hints: string[] = (run?.data?.resultData?.runData?.[o.expected.node]?.[0]?.hints ?? []).map(
		(h: any) => String(h?.message ?? ''),
	);
	const hint = hints.find((h) => h.includes(expectedHintCounts(writeMode, expected)));
	checks.check(
		`${L}: execution hint says ${expectedHintCounts(writeMode, expected)}`,
		hint !== undefined,
		hints.join(' | ') || 'no hints',
	);
	if (!o.freshStore) return;
	const byOperation = sandbox.counters().requestsByOperation;
	const version = o.expected.apiVersion;
	if (version) {
		const others = Object.keys(byOperation).filter((key) => !key.endsWith(` ${version}`));
		checks.check(
			`${L}: every request on API version ${version}'s paths`,
			Object.keys(byOperation).length > 0 && others.length === 0,
			JSON.stringify(byOperation),
		);
	}
	// the hint's batch reads are the sandbox's (the workflow reads nothing else); a preview writes nothing
	const reads = Object.entries(byOperation)
		.filter(([key]) => key.startsWith('batchRead '))
		.reduce((sum, [, n]) => sum + n, 0);
	const sent = /; \d+ requests? \((\d+) batch reads?, (\d+) writes?\)/.exec(hint ?? '');
	checks.check(
		`${L}: the hint's batch reads are the sandbox's (${reads})${writeMode === 'preview' ? ', 0 writes' : ''}`,
		!!sent && Number(sent[1]) === reads && (writeMode !== 'preview' || Number(sent[2]) === 0),
		hint,
	);
}
