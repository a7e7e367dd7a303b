import type { AllEntities } from 'n8n-workflow';

import type { GoalTargetOperation } from './goalTarget/GoalTarget.resource';

type NodeMap = {
	goalTarget: GoalTargetOperation;
};

/** Every valid (resource, operation) pair of the node. */
export type HubSpotGoalTargetsType = AllEntities<NodeMap>;
