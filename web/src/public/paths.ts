// Paths anyone may open without signing in. Everything else belongs to the staff application.
import { matchPath } from '../lib/router';

export const PUBLIC_PATHS = ['/', '/announcements', '/announcements/:id', '/stats'] as const;

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((pattern) => matchPath(pattern, pathname) !== null);
}
