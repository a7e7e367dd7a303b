/**
 * The goal_targets (objectTypeId 0-74) property schema the sandbox serves and validates against.
 * Shapes follow `Property` in properties-v3.json. HubSpot-defined names come from HubSpot's goals guide
 * (see shared/hubspot/README.md); `external_goal_key`, `goal_sync_id`, `goal_is_stretch`, `goal_review_date`
 * and the archived `goal_legacy_region` stand for properties an account defines itself.
 */

export type PropertyType = 'string' | 'number' | 'bool' | 'enumeration' | 'date' | 'datetime';

export interface PropertyOption {
	label: string;
	value: string;
	description?: string;
	displayOrder: number;
	hidden: boolean;
}

export interface PropertyDefinition {
	name: string;
	label: string;
	type: PropertyType;
	fieldType: string;
	groupName: string;
	description: string;
	options: PropertyOption[];
	hasUniqueValue: boolean;
	hidden: boolean;
	calculated: boolean;
	externalOptions: boolean;
	formField: boolean;
	displayOrder: number;
	hubspotDefined?: boolean;
	referencedObjectType?: string;
	numberDisplayHint?:
		| 'unformatted'
		| 'formatted'
		| 'currency'
		| 'percentage'
		| 'duration'
		| 'probability';
	modificationMetadata: {
		readOnlyValue: boolean;
		readOnlyDefinition: boolean;
		archivable: boolean;
		readOnlyOptions?: boolean;
	};
	createdAt: string;
	updatedAt: string;
	archived: boolean;
	archivedAt?: string;
	createdUserId?: string;
	updatedUserId?: string;
}

export const OBJECT_TYPE_ID = '0-74';
export const OBJECT_TYPE_NAMES = ['goal_targets', OBJECT_TYPE_ID];
export const GROUP = 'goal_target_information';

const HUBSPOT_CREATED = '2023-04-11T14:02:31.412Z';
const CUSTOM_CREATED = '2025-02-03T09:15:00.000Z';

interface Spec {
	name: string;
	label: string;
	type: PropertyType;
	fieldType: string;
	description: string;
	options?: PropertyOption[];
	unique?: boolean;
	hidden?: boolean;
	calculated?: boolean;
	readOnly?: boolean;
	externalOptions?: boolean;
	custom?: boolean;
	archived?: boolean;
	referencedObjectType?: string;
	numberDisplayHint?: PropertyDefinition['numberDisplayHint'];
}

function opts(pairs: Array<[string, string]>): PropertyOption[] {
	return pairs.map(([value, label], i) => ({
		label,
		value,
		description: '',
		displayOrder: i,
		hidden: false,
	}));
}

function define(spec: Spec, index: number): PropertyDefinition {
	const custom = spec.custom === true;
	const readOnly = spec.readOnly === true || spec.calculated === true;
	const def: PropertyDefinition = {
		name: spec.name,
		label: spec.label,
		type: spec.type,
		fieldType: spec.fieldType,
		groupName: GROUP,
		description: spec.description,
		options: spec.options ?? [],
		hasUniqueValue: spec.unique === true,
		hidden: spec.hidden === true,
		calculated: spec.calculated === true,
		externalOptions: spec.externalOptions === true,
		formField: custom,
		displayOrder: custom ? index : -1,
		hubspotDefined: custom ? undefined : true,
		modificationMetadata: {
			readOnlyValue: readOnly,
			readOnlyDefinition: !custom,
			archivable: custom,
			readOnlyOptions: spec.type === 'enumeration' || spec.type === 'bool' ? !custom : undefined,
		},
		createdAt: custom ? CUSTOM_CREATED : HUBSPOT_CREATED,
		updatedAt: custom ? CUSTOM_CREATED : HUBSPOT_CREATED,
		archived: spec.archived === true,
	};
	if (spec.referencedObjectType) def.referencedObjectType = spec.referencedObjectType;
	if (spec.numberDisplayHint) def.numberDisplayHint = spec.numberDisplayHint;
	if (spec.archived) def.archivedAt = '2025-06-30T12:00:00.000Z';
	if (custom) {
		def.createdUserId = '1000001';
		def.updatedUserId = '1000001';
	}
	if (def.modificationMetadata.readOnlyOptions === undefined)
		delete def.modificationMetadata.readOnlyOptions;
	if (def.hubspotDefined === undefined) delete def.hubspotDefined;
	return def;
}

const SPECS: Spec[] = [
	{
		name: 'hs_goal_name',
		label: 'Goal name',
		type: 'string',
		fieldType: 'text',
		description: 'The name of the goal.',
	},
	{
		name: 'hs_target_amount',
		label: 'Target amount',
		type: 'number',
		fieldType: 'number',
		description: 'The target value of the goal for its period.',
		numberDisplayHint: 'formatted',
	},
	{
		name: 'hs_start_datetime',
		label: 'Start date',
		type: 'datetime',
		fieldType: 'date',
		description: 'When the goal period starts.',
	},
	{
		name: 'hs_end_datetime',
		label: 'End date',
		type: 'datetime',
		fieldType: 'date',
		description: 'When the goal period ends.',
	},
	{
		name: 'hs_created_by_user_id',
		label: 'Created by user ID',
		type: 'number',
		fieldType: 'number',
		readOnly: true,
		description: 'The user who created this record. This value is set automatically by HubSpot.',
		numberDisplayHint: 'unformatted',
	},
	{
		name: 'hs_createdate',
		label: 'Object create date/time',
		type: 'datetime',
		fieldType: 'date',
		readOnly: true,
		description:
			'The date and time at which this object was created. This value is automatically set by HubSpot.',
	},
	{
		name: 'hs_lastmodifieddate',
		label: 'Object last modified date/time',
		type: 'datetime',
		fieldType: 'date',
		readOnly: true,
		description:
			'Most recent timestamp of any property update for this object. This value is set automatically by HubSpot.',
	},
	{
		name: 'hs_object_id',
		label: 'Record ID',
		type: 'number',
		fieldType: 'number',
		readOnly: true,
		description: 'The unique ID for this record. This value is set automatically by HubSpot.',
		numberDisplayHint: 'unformatted',
	},
	{
		name: 'hs_group_correlation_uuid',
		label: 'Group correlation UUID',
		type: 'string',
		fieldType: 'text',
		description: 'Links goal targets created together from one goal template.',
	},
	{
		name: 'hs_goal_target_group_id',
		label: 'Goal target group ID',
		type: 'number',
		fieldType: 'number',
		description: 'The goal (group) this target belongs to.',
		numberDisplayHint: 'unformatted',
	},
	{
		name: 'hubspot_owner_id',
		label: 'Assigned user',
		type: 'enumeration',
		fieldType: 'select',
		description: 'The user the goal target is assigned to.',
		externalOptions: true,
		referencedObjectType: 'OWNER',
	},
	{
		name: 'hs_assignee_team_id',
		label: 'Assigned team ID',
		type: 'number',
		fieldType: 'number',
		description: 'The team the goal target is assigned to.',
		numberDisplayHint: 'unformatted',
	},
	{
		name: 'hs_milestone',
		label: 'Milestone',
		type: 'enumeration',
		fieldType: 'select',
		description: 'The period one goal target covers.',
		options: opts([
			['monthly', 'Monthly'],
			['quarterly', 'Quarterly'],
			['annually', 'Annually'],
		]),
	},
	{
		name: 'hs_goal_type',
		label: 'Goal type',
		type: 'enumeration',
		fieldType: 'select',
		description: 'The kind of goal.',
		options: opts([
			['sales_quota', 'Revenue'],
			['deals_created', 'Deals created'],
			['meetings_booked', 'Meetings booked'],
			['calls_made', 'Calls made'],
			['tickets_closed', 'Tickets closed'],
			['custom', 'Custom'],
		]),
	},
	{
		name: 'hs_pipeline_ids',
		label: 'Pipelines',
		type: 'string',
		fieldType: 'text',
		description: 'Semicolon-separated IDs of the pipelines the goal counts.',
	},
	{
		name: 'hs_kpi_value',
		label: 'Current value',
		type: 'number',
		fieldType: 'calculation_equation',
		calculated: true,
		description: 'Progress toward the target. Calculated by HubSpot.',
		numberDisplayHint: 'formatted',
	},
	{
		name: 'hs_legacy_goal_id',
		label: 'Legacy goal ID',
		type: 'string',
		fieldType: 'text',
		hidden: true,
		description: 'Identifier of the goal in the legacy goals tool.',
	},
	{
		name: 'external_goal_key',
		label: 'External goal key',
		type: 'string',
		fieldType: 'text',
		unique: true,
		custom: true,
		description: 'Key of this goal target in the source system. Unique.',
	},
	{
		name: 'goal_sync_id',
		label: 'Goal sync ID',
		type: 'string',
		fieldType: 'text',
		unique: true,
		custom: true,
		description: 'Identifier assigned by the sync job. Unique.',
	},
	{
		name: 'goal_is_stretch',
		label: 'Stretch goal',
		type: 'bool',
		fieldType: 'booleancheckbox',
		custom: true,
		description: 'Whether the target is a stretch target.',
		options: [
			{ label: 'Yes', value: 'true', description: '', displayOrder: 0, hidden: false },
			{ label: 'No', value: 'false', description: '', displayOrder: 1, hidden: false },
		],
	},
	{
		name: 'goal_review_date',
		label: 'Review date',
		type: 'date',
		fieldType: 'date',
		custom: true,
		description: 'Day the target is next reviewed.',
	},
	{
		name: 'goal_legacy_region',
		label: 'Legacy region',
		type: 'enumeration',
		fieldType: 'select',
		custom: true,
		archived: true,
		description: 'Archived: replaced by team assignment.',
		options: opts([
			['emea', 'EMEA'],
			['amer', 'AMER'],
			['apac', 'APAC'],
		]),
	},
];

export const GOAL_TARGET_PROPERTIES: readonly PropertyDefinition[] = SPECS.map((s, i) =>
	define(s, i),
);

/** Live (non-archived) properties by name: the ones an upsert may name. */
const LIVE = new Map(GOAL_TARGET_PROPERTIES.filter((p) => !p.archived).map((p) => [p.name, p]));

export function getLiveProperty(name: string): PropertyDefinition | undefined {
	return LIVE.get(name);
}

export function isReadOnly(def: PropertyDefinition): boolean {
	return def.calculated || def.modificationMetadata.readOnlyValue;
}

export const UNIQUE_PROPERTY_NAMES: readonly string[] = GOAL_TARGET_PROPERTIES.filter(
	(p) => p.hasUniqueValue && !p.archived,
).map((p) => p.name);

/** Properties every read returns (HubSpot's defaults for CRM objects). */
export const DEFAULT_READ_PROPERTIES = ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'];

/** A deep copy so callers cannot change the served schema. */
export function cloneProperty(def: PropertyDefinition): PropertyDefinition {
	return JSON.parse(JSON.stringify(def)) as PropertyDefinition;
}
