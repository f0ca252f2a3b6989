// Roles and what each may do. Scope (which units) is separate: see scope.ts.
export const ROLES = [
  'admin',
  'health_officer',
  'tracer',
  'lab_technician',
  'vaccinator',
  'facility_manager',
  'checkpoint_staff',
  'camera_viewer',
  'meeting_organizer',
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'users:manage',
  'audit:read',
  'units:edit',
  'people:read',
  'people:write',
  'people:merge',
  'places:edit',
  'zones:edit',
  'stats:edit',
  'announcements:edit',
  'announcements:publish',
  'levels:edit',
  'levels:publish',
  'venues:edit',
  'checkins:write',
  'checkins:read',
  'declarations:read',
  'cases:read',
  'cases:write',
  'tracing:run',
  'notifications:read',
  'notifications:send',
  'testing:collect',
  'testing:lab',
  'testing:read',
  'testing:manage',
  'vaccination:record', 'vaccination:stock', 'vaccination:read', 'vaccination:schedule', 'vaccination:export',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  health_officer: [
    'units:edit', 'people:read', 'people:write', 'people:merge', 'places:edit', 'zones:edit', 'stats:edit',
    'announcements:edit', 'announcements:publish', 'levels:edit', 'levels:publish',
    'venues:edit', 'checkins:write', 'checkins:read', 'declarations:read', 'cases:read', 'cases:write', 'tracing:run',
    'notifications:read', 'notifications:send', 'testing:collect', 'testing:read', 'testing:manage',
    'vaccination:record', 'vaccination:stock', 'vaccination:read', 'vaccination:schedule', 'vaccination:export',
  ],
  // contact tracers read cases and trace them; confirming a case is the health officers' decision
  tracer: [
    'people:read', 'people:write', 'checkins:read', 'declarations:read', 'cases:read', 'tracing:run', 'notifications:read', 'notifications:send',
    'testing:read',
  ],
  // the laboratory receives tubes and enters results (results are read back to check them);
  // lab staff also go out to sample
  lab_technician: ['people:read', 'testing:collect', 'testing:lab', 'testing:read'],
  vaccinator: ['people:read', 'people:write', 'vaccination:record', 'vaccination:read'],
  facility_manager: ['people:read', 'people:write'],
  // staff at a venue or an entry checkpoint: scan people in, see the declarations made there
  checkpoint_staff: ['checkins:write', 'declarations:read'],
  camera_viewer: [],
  meeting_organizer: [],
  viewer: [],
};

export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
