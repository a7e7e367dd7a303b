/**
 * The single-record writes: POST .../goal_targets (create, 201 SimplePublicObject), PATCH .../{id}?idProperty=
 * (update, 200 SimplePublicObject, 404 when no live record), DELETE .../{id} (archive, 204 even when missing).
 * They share the batch checks; a refused input becomes the whole answer (400, 404 or 409).
 */
import {
	checkIdProperty,
	checkPropertiesExist,
	parseJsonObject,
	parseProperties,
	traceIdOf,
} from './batchInput';
import { StandardError, apiError } from './errors';
import { OperationOutcome, OperationRequest, refused } from './operation';
import { executeBatchCreate } from './batchCreate';
import { applyUpdate } from './batchUpdate';
import { BatchBody } from './batchResponse';

const STATUS_OF: Record<string, number> = { OBJECT_NOT_FOUND: 404, CONFLICT: 409 };

function asWholeError(error: StandardError): OperationOutcome {
	return refused(
		STATUS_OF[error.category] ?? 400,
		apiError(error.category, error.message, { errors: error.errors }),
		1,
	);
}

/** Create one record: a batch create of one input with a trace id, unwrapped. */
export function createOne(req: OperationRequest): OperationOutcome {
	const body = parseJsonObject(req.raw);
	if (!body.ok) return refused(400, body.error, 1);
	const properties = parseProperties(body.value.properties, 'input', 1);
	if (!properties.ok) return refused(400, properties.error, 1);
	const raw = JSON.stringify({
		inputs: [{ properties: properties.value, objectWriteTraceId: 'single' }],
	});
	const out = executeBatchCreate({ ...req, raw, shuffle: null });
	const batch = out.body as BatchBody<Record<string, unknown>>;
	if (out.status >= 400) return out;
	if (batch.errors?.length) return asWholeError(batch.errors[0]);
	const { objectWriteTraceId: _trace, ...created } = batch.results[0];
	return { status: 201, body: created, created: 1 };
}

export function updateOne(req: OperationRequest): OperationOutcome {
	const body = parseJsonObject(req.raw);
	if (!body.ok) return refused(400, body.error, 1);
	const properties = parseProperties(body.value.properties, 'input', 1);
	if (!properties.ok) return refused(400, properties.error, 1);
	const idProperty = req.query.get('idProperty') ?? '';
	const problem =
		checkIdProperty(idProperty, true, 1) ?? checkPropertiesExist([properties.value], 1);
	if (problem && !problem.ok) return refused(400, problem.error, 1);
	const trace = traceIdOf(body.value.objectWriteTraceId);
	const out = applyUpdate(req, {
		id: req.objectId ?? '',
		idProperty,
		properties: properties.value,
		objectWriteTraceId: trace,
	});
	return out.ok ? { status: 200, body: out.object, updated: 1 } : asWholeError(out.error);
}

export function archiveOne(req: OperationRequest): OperationOutcome {
	return { status: 204, archived: req.store.archive(req.objectId ?? '') ? 1 : 0 };
}
