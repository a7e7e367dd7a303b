/**
 * The project's own schemas (test/contract/schemas) are sound on their own, and, when HubSpot's OpenAPI files
 * are present, agree with every HubSpot counterpart in the v3, 2026-03 and 2026-09 files: anything valid under
 * ours is valid under theirs (structurally, and by generated and documented samples).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import {
	HUBSPOT_FILE_DEVIATIONS,
	applyDeviation,
	hubspotFilesPresent,
	loadHubSpotFile,
	validateAgainstHubSpot,
} from '../../testkit/hubspotOpenApi';
import { hubspotCounterparts, reportHubSpotFiles, requestSchemaFor } from '../../testkit/openapi';
import {
	PROJECT_SCHEMAS,
	PROJECT_SCHEMA_DIR,
	ProjectSchema,
	projectSchemaDocuments,
	validateProjectSchema,
} from '../../testkit/projectSchemas';
import { BEYOND_HUBSPOT_FILES, compareSchemas, samplesOf } from '../../testkit/schemaAgreement';

reportHubSpotFiles();

/** Samples of a schema that are valid under it (search filters' conditional rules reject some generated ones). */
function validSamples(name: ProjectSchema) {
	return samplesOf(name).filter((s) => validateProjectSchema(name, s.value).valid);
}

describe("the project's schemas", () => {
	test('every schema file is a listed shape (or defs.json), and the README lists each', () => {
		const files = fs.readdirSync(PROJECT_SCHEMA_DIR).filter((f) => f.endsWith('.json'));
		expect(files.sort()).toEqual([...PROJECT_SCHEMAS.map((n) => `${n}.json`), 'defs.json'].sort());
		const readme = fs.readFileSync(path.join(PROJECT_SCHEMA_DIR, 'README.md'), 'utf8');
		for (const name of PROJECT_SCHEMAS) expect(readme).toContain(`\`${name}\``);
		for (const [file, doc] of projectSchemaDocuments()) expect(doc.$id).toBe(file);
	});

	test.each([...PROJECT_SCHEMAS])('%s: its samples and examples are valid under it', (name) => {
		const samples = samplesOf(name);
		const valid = validSamples(name);
		expect(valid.map((s) => s.label)).toContain('minimal generated');
		for (const s of samples.filter((x) => x.label.startsWith('example'))) {
			expect(validateProjectSchema(name, s.value)).toMatchObject({ errors: [], valid: true });
		}
		expect(valid.length).toBeGreaterThanOrEqual(2);
	});

	test("requestSchemaFor names the request schema of any version's batch and search paths", () => {
		expect(requestSchemaFor('/crm/v3/objects/goal_targets/batch/upsert')).toBe(
			'batch-upsert-request',
		);
		expect(requestSchemaFor('/crm/objects/2026-03/goal_targets/batch/read?archived=true')).toBe(
			'batch-read-request',
		);
		expect(requestSchemaFor('/crm/objects/2026-09/0-74/batch/archive')).toBe(
			'batch-archive-request',
		);
		expect(requestSchemaFor('/crm/objects/2026-09/goal_targets/search')).toBe('search-request');
		expect(requestSchemaFor('/crm/v3/objects/goal_targets/batch/create')).toBe(
			'batch-create-request',
		);
		expect(requestSchemaFor('/crm/v3/objects/goal_targets/batch/update')).toBe(
			'batch-update-request',
		);
		expect(requestSchemaFor('/crm/v3/objects/goal_targets')).toBeUndefined();
		expect(requestSchemaFor('/crm/v3/objects/goal_targets/batch/nope')).toBeUndefined();
	});

	test('they refuse what the node and the sandbox must never send', () => {
		const input = {
			id: 'k',
			idProperty: 'external_goal_key',
			objectWriteTraceId: '0',
			properties: { hs_target_amount: '10' },
		};
		expect(validateProjectSchema('batch-upsert-request', { inputs: [input] }).valid).toBe(true);
		const refused: Array<[ProjectSchema, unknown, RegExp]> = [
			[
				'batch-upsert-request',
				{ inputs: [{ ...input, properties: { hs_target_amount: 10 } }] },
				/must be string/,
			],
			[
				'batch-upsert-request',
				{ inputs: Array(101).fill(input) },
				/must NOT have more than 100 items/,
			],
			[
				'batch-upsert-request',
				{ inputs: [{ ...input, objectWriteTraceId: undefined }] },
				/objectWriteTraceId/,
			],
			[
				'batch-read-request',
				{ inputs: [{ id: '1' }], properties: [], propertiesWithHistory: [], archived: true },
				/additional properties/,
			],
			[
				'search-request',
				{
					filterGroups: [{ filters: [{ propertyName: 'a', operator: 'BETWEEN', value: '1' }] }],
					sorts: [],
					properties: [],
					limit: 10,
				},
				/highValue/,
			],
			[
				'search-request',
				{ filterGroups: [], sorts: ['hs_goal_name'], properties: [], limit: 201 },
				/must be object[\s\S]*must be <= 200/,
			],
			[
				'batch-upsert-response',
				{ status: 'DONE', results: [], startedAt: 'x', completedAt: 'y' },
				/allowed values[\s\S]*date-time/,
			],
			[
				'upsert-object',
				{
					id: '1',
					properties: {},
					createdAt: '2027-01-01T00:00:00Z',
					updatedAt: '2027-01-01T00:00:00Z',
					archived: false,
				},
				/new/,
			],
			[
				'error',
				{ status: 'error', message: 'm', category: 'C', correlationId: 'not-a-uuid' },
				/uuid/,
			],
			[
				'rate-limit-error',
				{
					status: 'error',
					message: 'm',
					category: 'C',
					correlationId: '5d2d2f4e-4a3b-4c1d-9e8f-0a1b2c3d4e5f',
					errorType: 'RATE_LIMIT',
				},
				/policyName/,
			],
			[
				'standard-error',
				{ status: 'error', category: 'C', message: 'm' },
				/context[\s\S]*errors[\s\S]*links/,
			],
			[
				'property',
				{
					name: 'a',
					label: 'A',
					type: 'text',
					fieldType: 'text',
					groupName: 'g',
					description: '',
					options: [],
					hasUniqueValue: false,
					modificationMetadata: {
						archivable: true,
						readOnlyDefinition: false,
						readOnlyValue: false,
					},
				},
				/allowed values/,
			],
			['oauth-token', { access_token: 'a', expires_in: 1, token_type: 'bearer' }, /refresh_token/],
		];
		for (const [name, value, problem] of refused) {
			const r = validateProjectSchema(name, value);
			expect({ name, valid: r.valid }).toEqual({ name, valid: false });
			expect(r.errors.join('\n')).toMatch(problem);
		}
	});
});

const describeWithHubSpot = hubspotFilesPresent() ? describe : describe.skip;

describeWithHubSpot("agreement with HubSpot's OpenAPI files", () => {
	test('counterparts are found in every version: upsert in v3, 2026-03 and the 2026-09 objects file', () => {
		expect(hubspotCounterparts('batch-upsert-request').map((c) => c.file)).toEqual([
			'goal-targets-v3',
			'goal-targets-2026-03',
			'objects-2026-09',
		]);
		expect(hubspotCounterparts('batch-read-request').map((c) => c.file)).toEqual([
			'goal-targets-v3',
			'goal-targets-2026-03',
			'goal-targets-2026-09',
			'objects-2026-09',
		]);
		expect(hubspotCounterparts('property').map((c) => c.file)).toEqual([
			'properties-v3',
			'properties-2026-03',
			'properties-2026-09',
		]);
		expect(hubspotCounterparts('error')).toHaveLength(8);
		for (const name of PROJECT_SCHEMAS) expect(hubspotCounterparts(name).length).toBeGreaterThan(0);
	});

	test.each([...PROJECT_SCHEMAS])(
		'%s: structurally no looser than any HubSpot counterpart',
		(name) => {
			const problems = hubspotCounterparts(name).flatMap((c) =>
				compareSchemas(name, c).map((p) => `${c.file}:${c.schema} ${p}`),
			);
			expect(problems).toEqual([]);
		},
	);

	test.each([...PROJECT_SCHEMAS])(
		'%s: every sample valid under ours is valid under each HubSpot counterpart',
		(name) => {
			const failures: string[] = [];
			for (const sample of validSamples(name)) {
				for (const c of hubspotCounterparts(name)) {
					const r = validateAgainstHubSpot(c.file, c.schema, sample.value);
					if (!r.valid) failures.push(`${sample.label} vs ${r.schema}: ${r.errors.join('; ')}`);
				}
			}
			expect(failures).toEqual([]);
		},
	);

	test('the check can fail: a looser or different copy of a schema is caught, structurally and by samples', () => {
		const docs = projectSchemaDocuments();
		const original = docs.get('upsert-object.json')!;
		const counterpart = hubspotCounterparts('upsert-object')[0];
		const mutate = (change: (doc: Record<string, any>) => void): string[] => {
			const copy = structuredClone(original) as Record<string, any>;
			change(copy);
			docs.set('upsert-object.json', copy);
			try {
				return compareSchemas('upsert-object', counterpart);
			} finally {
				docs.set('upsert-object.json', original);
			}
		};
		expect(mutate(() => undefined)).toEqual([]);
		expect(mutate((d) => (d.required = d.required.filter((n: string) => n !== 'new')))).toEqual([
			`(root): theirs requires "new", ours does not`,
		]);
		expect(mutate((d) => (d.properties.archived = { type: 'string' }))).toEqual([
			'/archived: ours allows string, theirs only boolean',
		]);
		expect(mutate((d) => (d.properties.createdAt = { type: 'string' }))).toEqual([
			'/createdAt: theirs requires format date-time, ours none',
		]);
		expect(mutate((d) => d.required.push('createdBy'))).toEqual([
			`(root): ours requires "createdBy", theirs does not know it`,
		]);
		expect(
			mutate(
				(d) =>
					(d.properties.properties = {
						type: 'object',
						additionalProperties: { type: ['string', 'number'] },
					}),
			),
		).toEqual(['/properties/*: ours allows number, theirs only string']);
		// By samples: a minimal upsert result without `new` is refused by HubSpot's schema.
		const r = validateAgainstHubSpot(counterpart.file, counterpart.schema, {
			id: '1',
			properties: {},
			createdAt: '2027-01-01T00:00:00Z',
			updatedAt: '2027-01-01T00:00:00Z',
			archived: false,
		});
		expect(r.errors.join()).toMatch(/new/);
	});

	test('each deviation from HubSpot files is still needed, and each extension is still missing from them', () => {
		for (const d of HUBSPOT_FILE_DEVIATIONS) {
			for (const file of d.files) {
				const schemas = structuredClone(loadHubSpotFile(file).components.schemas);
				expect({ deviation: d.why, file, changes: applyDeviation(schemas, d) }).toEqual({
					deviation: d.why,
					file,
					changes: true,
				});
			}
		}
		for (const b of BEYOND_HUBSPOT_FILES) {
			for (const c of hubspotCounterparts(b.schema)) {
				const known = Object.keys(
					(loadHubSpotFile(c.file).components.schemas[c.schema].properties ?? {}) as object,
				);
				expect(b.names.filter((n) => known.includes(n))).toEqual([]);
			}
		}
	});
});
