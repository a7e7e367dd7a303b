/**
 * What every object-endpoint handler gets and gives back: the request (body, query, version, id in the path)
 * and an outcome (status, body, and what it did to the store for the counters).
 */
import { HubSpotError } from './errors';
import { Prng } from './prng';
import { ApiVersion } from './routes';
import { GoalTargetStore } from './store';

export interface OperationRequest {
	raw: string;
	query: URLSearchParams;
	version: ApiVersion;
	/** The `{goalTargetId}` / `{objectId}` path segment of single-record calls. */
	objectId?: string;
	store: GoalTargetStore;
	/** Shuffles batch results (HubSpot returns them in any order); null keeps input order. */
	shuffle: Prng | null;
	/** Properties the account requires on every record (enforced on 2026-09 writes). */
	requiredProperties: readonly string[];
}

export interface OperationOutcome {
	status: number;
	/** Absent for 204. */
	body?: unknown;
	created?: number;
	updated?: number;
	archived?: number;
	/** Inputs that failed (inside a 207, or all inputs of a request refused as a whole). */
	rejected?: number;
}

export const refused = (status: number, body: HubSpotError, rejected = 0): OperationOutcome => ({
	status,
	body,
	rejected,
});
