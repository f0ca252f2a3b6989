import type { Permission } from '../../platform/roles.js';

/** Cases are health data: read by health officers and tracers, within the case's scope. */
export const CASES_READ: Permission = 'cases:read';
/** Creating, confirming, correcting and closing cases: health officers. */
export const CASES_WRITE: Permission = 'cases:write';
/** Place-and-time tracing reads other people's presence data: audited with a reason. */
export const TRACING_RUN: Permission = 'tracing:run';
