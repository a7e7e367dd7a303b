/**
 * Per-input checks of writes against what is already stored: unique values held by another record, and
 * (2026-09) the account's required properties. Each failure is one StandardError for that input.
 */
import { StandardError, inputError } from './errors';
import { UNIQUE_PROPERTY_NAMES } from './properties';
import { GoalTargetStore } from './store';

type InputRef = { id?: unknown; objectWriteTraceId?: unknown };

/** CONFLICT when a unique value the input sets is held by another live record. */
export function uniqueConflictError(
	store: GoalTargetStore,
	properties: Record<string, string>,
	targetId: string | undefined,
	input: InputRef,
): StandardError | undefined {
	for (const name of UNIQUE_PROPERTY_NAMES) {
		const value = properties[name];
		if (value === undefined || value === '') continue;
		const owner = store.findIdByUnique(name, value);
		if (owner === undefined || owner === targetId) continue;
		const message = `A goal target with ${name}=${value} already exists (id ${owner}); values of ${name} must be unique.`;
		return inputError(
			'CONFLICT',
			message,
			[
				{
					message,
					code: 'UNIQUE_VALUE_CONFLICT',
					context: { propertyName: [name], existingId: [owner] },
				},
			],
			input,
		);
	}
	return undefined;
}

/**
 * MISSING_REQUIRED_PROPERTY when the record would lack (or clear) a property the account requires.
 * HubSpot enforces these admin rules from 2026-09 on; `current` is the stored record's values (none for a create).
 */
export function missingRequiredError(
	required: readonly string[],
	properties: Record<string, string>,
	current: Record<string, string> | undefined,
	input: InputRef,
): StandardError | undefined {
	const missing = required.filter((name) => {
		const value = Object.prototype.hasOwnProperty.call(properties, name)
			? properties[name]
			: current?.[name];
		return value === undefined || value === '';
	});
	if (missing.length === 0) return undefined;
	const message = `Missing required properties: ${missing.join(', ')}`;
	return inputError(
		'VALIDATION_ERROR',
		message,
		missing.map((name) => ({
			message: `Property "${name}" is required by this account's validation rules.`,
			code: 'MISSING_REQUIRED_PROPERTY',
			context: { propertyName: [name] },
		})),
		input,
	);
}
