/** Local HubSpot goal_targets API sandbox: the stand-in for HubSpot in tests, demo, benchmark and e2e runs. */
export { startSandbox } from './server';
export type { Sandbox } from './server';
export type {
	FaultKind,
	FaultOptions,
	ObjectOperation,
	RateLimitOptions,
	SandboxCounters,
	SandboxOptions,
} from './types';
export { ALL_FAULT_KINDS, OBJECT_OPERATIONS } from './types';
export type { ApiVersion } from './routes';
export { API_VERSIONS } from './routes';
export { MAX_SEARCH_LIMIT, MAX_SEARCH_RESULTS } from './search';
export { GoalTargetStore } from './store';
export type { GoalTargetRecord } from './store';
export { GOAL_TARGET_PROPERTIES, UNIQUE_PROPERTY_NAMES, OBJECT_TYPE_ID } from './properties';
export type { PropertyDefinition, PropertyOption, PropertyType } from './properties';
export { SANDBOX_TOKENS, SANDBOX_OAUTH, READ_SCOPE, WRITE_SCOPE } from './auth';
export { MAX_BATCH_INPUTS } from './batchInput';
export { createPrng } from './prng';
export type { Prng } from './prng';
