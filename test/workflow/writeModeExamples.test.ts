/**
 * The Write Mode examples in both compare modes and every API version (harness/writeModeVariants,
 * as the e2e runs them in real n8n): the change counts of the example in each, what is written and
 * stored, the `written` flag of every Success item, and only the variant's API version's paths used.
 */
import { listExamples, loadExample, changeCountsOf } from '../../harness/examples';
import { writeModeVariants } from '../../harness/writeModeVariants';
import { useSandbox } from '../../testkit/sandboxFixture';
import { pairedIndexes, run } from '../../testkit/workflowRun';

const sandbox = useSandbox({ rateLimit: false });

const examples = listExamples()
	.map(loadExample)
	.filter((example) => example.meta?.expected?.changes);
const cases = examples.flatMap((example) =>
	writeModeVariants(example).map(
		(variant) => [example.file, variant.writeMode, variant.apiVersion, variant] as const,
	),
);

describe('Write Mode examples in both modes and every API version', () => {
	it('cover update by record ID, update by a unique property and upsert, each in its own example', () => {
		const checked = examples.map((example) => {
			const node = example.nodes.find((n) => n.name === example.meta!.expected!.node)!;
			return `${String(node.parameters.operation)} by ${node.parameters.idProperty || 'record ID'}`;
		});
		expect(checked.sort()).toEqual([
			'batchUpdate by external_goal_key',
			'batchUpdate by record ID',
			'batchUpsert by external_goal_key',
		]);
		// each example is six variants, one of them as saved
		for (const example of examples) {
			const variants = writeModeVariants(example);
			expect(variants).toHaveLength(6);
			expect(variants.filter((v) => v.asSaved).length).toBeLessThanOrEqual(1);
		}
	});

	it.each(cases)('%s in %s on %s', async (_file, writeMode, apiVersion, variant) => {
		const { expected } = variant;
		const result = await run(variant.workflow, sandbox);
		expect(result.run.status).toBe('success');
		const [success = [], errors = []] = result.outputsOf(expected.node);
		expect(changeCountsOf(success, errors)).toEqual(expected.changes);
		const paired = [...pairedIndexes(success), ...pairedIndexes(errors)].sort((a, b) => a - b);
		expect(paired).toEqual([...Array(expected.success + expected.error).keys()]);
		// a preview writes nothing; changed writes exactly what changes
		expect(
			success.map(
				(item) => item.json.written === (writeMode === 'changed' && item.json.change !== 'none'),
			),
		).not.toContain(false);
		const counters = sandbox.counters();
		expect(counters.recordsCreated + counters.recordsUpdated).toBe(expected.written);
		expect(sandbox.store.size).toBe(expected.stored);
		// every request on the variant's version's paths (its reads included)
		const used = Object.keys(counters.requestsByOperation);
		expect(used.length).toBeGreaterThan(0);
		expect(used.filter((key) => !key.endsWith(` ${apiVersion}`))).toEqual([]);
		expect(used).toContain(`batchRead ${apiVersion}`);
	});
});
