import type { Permission } from '../../platform/roles.js';

/** Recording doses given and doses wasted at a site: vaccinators and health officers. */
export const VACCINATION_RECORD: Permission = 'vaccination:record';
/** The stock: receiving shipments, allocating and transferring lots, sites, the reconciliation. */
export const VACCINATION_STOCK: Permission = 'vaccination:stock';
/** Reading stock on hand and people's dose histories (audited). */
export const VACCINATION_READ: Permission = 'vaccination:read';
/** Vaccination sessions, their time slots, invitations and reminders; the registrations list. */
export const VACCINATION_SCHEDULE: Permission = 'vaccination:schedule';
/** Exporting doses to the national registry (FHIR R4, CSV) and recording its answers. */
export const VACCINATION_EXPORT: Permission = 'vaccination:export';
