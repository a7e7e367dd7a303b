/**
 * The sandbox's routes against HubSpot's files, when they are present: every goal-target operation the files list
 * (v3, 2026-03, 2026-09 goal targets and the 2026-09 objects file, with objectType goal_targets and 0-74; the
 * properties reads) is served, with the scope the file asks for; and every route the sandbox serves is in a file.
 */
import {
	HubSpotFile,
	OBJECT_FILES,
	hubSpotDoc,
	hubspotFilesPresent,
} from '../../testkit/hubspotOpenApi';
import { reportHubSpotFiles } from '../../testkit/openapi';
import { VERSIONS, call, objectsPath } from '../../testkit/sandboxCalls';
import { useSandbox } from '../../testkit/sandboxFixture';

reportHubSpotFiles();

const METHODS = ['get', 'post', 'patch', 'delete'] as const;
const PROPERTY_FILES: HubSpotFile[] = ['properties-v3', 'properties-2026-03', 'properties-2026-09'];

/** Minimal bodies that reach the operation's own logic (answers may be 4xx for the body, never "no route"). */
function bodyFor(method: string, path: string): unknown {
	if (method !== 'post' && method !== 'patch') return undefined;
	if (path.endsWith('/search')) return {};
	if (path.endsWith('/batch/read'))
		return { inputs: [{ id: '1' }], properties: [], propertiesWithHistory: [] };
	if (path.endsWith('/batch/archive')) return { inputs: [{ id: '1' }] };
	if (path.includes('/batch/')) return { inputs: [] };
	return { properties: {} };
}

const concrete = (path: string, objectType: string): string =>
	path
		.replace('{objectType}', objectType)
		.replace(/\{(goalTargetId|objectId)\}/, '1')
		.replace('{propertyName}', 'hs_milestone');

type Operations = Record<string, { security?: Array<Record<string, string[]>> }>;
const goalScopes = (op: { security?: Array<Record<string, string[]>> } | undefined): string[] =>
	[...new Set((op?.security ?? []).flatMap((s) => Object.values(s).flat()))].filter((s) =>
		s.startsWith('crm.objects.goals.'),
	);

/**
 * Whether the read scope is enough for an operation. The generic 2026-09 objects file lists every object's scopes
 * on every operation; its goal-target counterpart (same path) says which one goal targets need, and batch upsert,
 * which only the objects file has, is a write.
 */
function readScopeSuffices(file: HubSpotFile, path: string, method: string): boolean {
	let scopes = goalScopes((hubSpotDoc(file).paths[path] as Operations)[method]);
	if (scopes.length > 1)
		scopes = goalScopes(
			(hubSpotDoc('goal-targets-2026-09').paths[path] as Operations | undefined)?.[method],
		);
	return scopes.length === 1 && scopes[0] === 'crm.objects.goals.read';
}

const describeWithHubSpot = hubspotFilesPresent() ? describe : describe.skip;

describeWithHubSpot("routes against HubSpot's files", () => {
	const sb = useSandbox({ rateLimit: false, searchRateLimit: false });

	test("every goal-target operation in the files is served, with the file's scope", async () => {
		let checked = 0;
		for (const file of OBJECT_FILES) {
			for (const [path, item] of Object.entries(hubSpotDoc(file).paths)) {
				for (const method of METHODS) {
					if (!(item as Operations)[method]) continue;
					const readAllowed = readScopeSuffices(file, path, method);
					for (const objectType of path.includes('{objectType}')
						? ['goal_targets', '0-74']
						: ['goal_targets']) {
						const url = concrete(path, objectType);
						const body = bodyFor(method, path);
						const rw = await call<{ message?: string }>(sb, method.toUpperCase(), url, { body });
						expect({
							url,
							method,
							noRoute: rw.status === 404 && /No route/.test(rw.body?.message ?? ''),
						}).toEqual({ url, method, noRoute: false });
						const ro = await call(sb, method.toUpperCase(), url, {
							body,
							token: sb.tokens.readOnly,
						});
						expect({ url, method, forbidden: ro.status === 403 }).toEqual({
							url,
							method,
							forbidden: !readAllowed,
						});
						checked++;
					}
				}
			}
		}
		expect(checked).toBeGreaterThanOrEqual(60);
	});

	test('the property reads in the files are served', async () => {
		for (const file of PROPERTY_FILES) {
			for (const path of Object.keys(hubSpotDoc(file).paths).filter((p) =>
				/\/\{objectType\}(\/\{propertyName\})?$/.test(p),
			)) {
				if (!hubSpotDoc(file).paths[path].get) continue;
				const res = await call(sb, 'GET', concrete(path, 'goal_targets'));
				expect({ path, status: res.status }).toEqual({ path, status: 200 });
			}
		}
	});

	test('every route the sandbox serves is in a file of its version', () => {
		const filesOf: Record<string, HubSpotFile[]> = {
			v3: ['goal-targets-v3'],
			'2026-03': ['goal-targets-2026-03'],
			'2026-09': ['goal-targets-2026-09', 'objects-2026-09'],
		};
		const served: Array<[string, string]> = [
			['get', ''],
			['post', ''],
			['get', '/{id}'],
			['patch', '/{id}'],
			['delete', '/{id}'],
			['post', '/batch/upsert'],
			['post', '/batch/create'],
			['post', '/batch/read'],
			['post', '/batch/update'],
			['post', '/batch/archive'],
			['post', '/search'],
		];
		for (const version of VERSIONS) {
			for (const [method, suffix] of served) {
				const declared = filesOf[version].some((file) =>
					Object.entries(hubSpotDoc(file).paths).some(([p, item]) => {
						const template = p
							.replace('{objectType}', 'goal_targets')
							.replace(/\{(goalTargetId|objectId)\}/, '{id}');
						return (
							template === objectsPath(version, suffix) &&
							(item as Record<string, unknown>)[method] !== undefined
						);
					}),
				);
				expect({ version, method, suffix, declared }).toEqual({
					version,
					method,
					suffix,
					declared: true,
				});
			}
		}
	});
});
