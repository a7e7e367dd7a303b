import { getUniqueProperties } from './loadOptions';
import { getPropertyColumns } from './resourceMapping';

export const loadOptions = { getUniqueProperties };
export const resourceMapping = { getPropertyColumns };
