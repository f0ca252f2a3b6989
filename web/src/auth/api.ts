import { request } from '../lib/api';

export type Role =
  | 'admin'
  | 'health_officer'
  | 'tracer'
  | 'lab_technician'
  | 'vaccinator'
  | 'facility_manager'
  | 'checkpoint_staff'
  | 'camera_viewer'
  | 'meeting_organizer'
  | 'viewer';

export type Permission =
  | 'people:read' | 'people:write' | 'people:merge' | 'units:edit' | 'users:manage' | 'audit:read'
  | 'places:edit' | 'zones:edit' | 'stats:edit' | 'announcements:edit' | 'announcements:publish' | 'levels:edit' | 'levels:publish'
  | 'venues:edit' | 'checkins:write' | 'checkins:read' | 'declarations:read'
  | 'cases:read' | 'cases:write' | 'tracing:run' | 'notifications:read' | 'notifications:send'
  | 'testing:collect' | 'testing:lab' | 'testing:read' | 'testing:manage'
  | 'vaccination:record' | 'vaccination:stock' | 'vaccination:read' | 'vaccination:schedule' | 'vaccination:export';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
  permissions: string[];
}

export const login = (username: string, password: string) =>
  request<{ token: string; user: User }>('/api/v1/auth/login', { method: 'POST', body: { username, password } });

export const fetchMe = (signal?: AbortSignal) => request<{ user: User }>('/api/v1/auth/me', { signal });

export const changePassword = (currentPassword: string, newPassword: string) =>
  request<null>('/api/v1/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
