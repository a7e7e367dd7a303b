/**
 * Rewrites the resource-mapper schema saved in each example to what the node offers for the
 * sandbox's properties (the test examples.test.ts fails when they drift apart).
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';

import type { ResourceMapperFields } from 'n8n-workflow';

import { EXAMPLES_DIR, listExamples, loadExample } from '../harness/examples';
import { expectedMapperSchema, mapperOf } from '../harness/exampleSchema';
import { loadOptionsContext } from '../harness/loadOptions';
import { loadOwnNode } from '../harness/nodeTypes';
import { startSandbox } from '../sandbox';

async function main() {
	const sandbox = await startSandbox({ rateLimit: false });
	try {
		const context = loadOptionsContext(
			{},
			{
				hubSpotGoalTargetsTokenApi: { accessToken: sandbox.tokens.readWrite, baseUrl: sandbox.url },
			},
		);
		const { fields } = (await loadOwnNode().methods!.resourceMapping!.getPropertyColumns.call(
			context,
		)) as ResourceMapperFields;
		for (const file of listExamples()) {
			const example = loadExample(file);
			const mapper = mapperOf(example);
			if (!mapper) continue;
			mapper.schema = expectedMapperSchema(mapper, fields);
			const { file: _file, ...workflow } = example;
			writeFileSync(path.join(EXAMPLES_DIR, file), `${JSON.stringify(workflow, null, 1)}\n`);
			console.log(`${file}: ${mapper.schema.length} fields in the mapper schema`);
		}
	} finally {
		await sandbox.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
