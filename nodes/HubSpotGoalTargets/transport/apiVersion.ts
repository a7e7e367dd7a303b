import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

/**
 * HubSpot's API versions the node speaks, and the paths of each. v3 is HubSpot's original path
 * scheme (unsupported after September 2027); the dated versions (released each March and
 * September) put the version in the path.
 */
const API_VERSIONS = ['v3', '2026-03', '2026-09'] as const;

export type ApiVersion = (typeof API_VERSIONS)[number];

const DEFAULT_API_VERSION: ApiVersion = 'v3';

const OBJECT_TYPE = 'goal_targets';

function asApiVersion(value: unknown): ApiVersion {
	if ((API_VERSIONS as readonly unknown[]).includes(value)) return value as ApiVersion;
	throw new RangeError(
		`API Version must be one of ${API_VERSIONS.join(', ')}, got ${JSON.stringify(value)}`,
	);
}

/** A goal-target objects path, e.g. `/batch/upsert` → `/crm/objects/2026-09/goal_targets/batch/upsert`. */
export function objectsPath(version: ApiVersion, suffix = ''): string {
	const base =
		version === 'v3' ? `/crm/v3/objects/${OBJECT_TYPE}` : `/crm/objects/${version}/${OBJECT_TYPE}`;
	return `${base}${suffix}`;
}

/** The goal-target properties path of a version. */
export function propertiesPath(version: ApiVersion): string {
	return version === 'v3'
		? `/crm/v3/properties/${OBJECT_TYPE}`
		: `/crm/properties/${version}/${OBJECT_TYPE}`;
}

/** The node's API Version parameter, in a run or in the editor (where a missing one means v3). */
export function apiVersionOf(context: IExecuteFunctions | ILoadOptionsFunctions): ApiVersion {
	const value =
		'getInputData' in context
			? context.getNodeParameter('apiVersion', 0, DEFAULT_API_VERSION)
			: context.getNodeParameter('apiVersion', DEFAULT_API_VERSION);
	return asApiVersion(value);
}
