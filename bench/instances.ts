/**
 * The n8n installs the bench runs in: the packed node installed as a community package, a credential
 * for each sandbox, and the workflow of each tier and input mode.
 */
import { N8nInstance, type N8nFlavor } from '../e2e/n8n';
import { installIntoNodesDir, type PackedPackage } from '../e2e/package';
import { makeId } from '../e2e/workflows';
import type { Row } from '../testkit/workload';
import { fmt, log } from './measure';
import { CREDENTIAL_ID, CREDENTIAL_NAME, workflowFor, type Mode } from './workflow';

export interface BenchInstance {
	instance: N8nInstance;
	/** workflow id by `${mode} ${tier}` */
	ids: Map<string, string>;
}

export interface InstanceSetup {
	workDir: string;
	/** the `npm pack` tarball */
	packed: PackedPackage;
	/** one credential per sandbox, by key */
	sandboxes: Array<{ key: string; url: string; token: string }>;
	/** the workflows to import: the rows of each tier, with its sandbox's key; none for Write Mode only */
	tiers: Array<{ perTenSeconds: number; key: string; rows: Row[] }>;
	modes: Mode[];
	nodeOptions: Record<string, unknown>;
}

export async function prepareInstance(
	flavor: N8nFlavor,
	setup: InstanceSetup,
): Promise<BenchInstance> {
	const instance = new N8nInstance(flavor, setup.workDir);
	await installIntoNodesDir(setup.packed, instance.nodesDir);
	const credentials = setup.sandboxes.map(({ key, url, token }) => ({
		id: CREDENTIAL_ID(key),
		name: CREDENTIAL_NAME(key),
		type: 'hubSpotGoalTargetsTokenApi',
		data: { accessToken: token, baseUrl: url },
	}));
	if ((await instance.importCredentials(credentials)).code !== 0)
		throw new Error(`${flavor.label}: import:credentials failed`);
	const ids = new Map<string, string>();
	// one import per tier: at 250 per 10 s a workflow holds 124,500 rows (about 25 MB)
	for (const tier of setup.tiers) {
		const workflows = setup.modes.map((mode, n) => {
			const id = makeId(`bench${mode}`, tier.perTenSeconds * 10 + n);
			ids.set(`${mode} ${tier.perTenSeconds}`, id);
			return workflowFor(id, mode, tier.key, tier.rows, setup.nodeOptions);
		});
		const started = Date.now();
		const imported = await instance.importWorkflow(workflows, `import-bench-${tier.perTenSeconds}`);
		if (imported.code !== 0) throw new Error(`${flavor.label}: import:workflow failed`);
		log(
			`  ${flavor.label}: ${workflows.length} workflows of ${fmt(tier.rows.length)} rows imported in ${fmt((Date.now() - started) / 1000, 1)} s`,
		);
	}
	return { instance, ids };
}
