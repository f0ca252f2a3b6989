// Who manages the certificate signing keys. Administrators (users:manage) until roles.ts has a
// permission of its own (proposed: `certificates:keys`, granted to admin only).
import type { Permission } from '../../platform/roles.js';

export const CERTIFICATE_KEYS: Permission = 'users:manage';
