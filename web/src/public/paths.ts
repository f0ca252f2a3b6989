// Paths anyone may open without signing in. Everything else belongs to the staff application.
import { matchPath } from '../lib/router';

export const PUBLIC_PATHS = [
  '/', '/announcements', '/announcements/:id', '/stats',
  // citizens' check-in: a venue's poster, the personal code, health declarations, and scanned codes
  '/v/:code', '/me', '/declare', '/p/:code', '/d/:code',
  // a citizen's own test results, and the certificate verifier (works offline)
  '/results', '/verify',
  // vaccination: registering and booking (the health book), one's own certificate
  '/vaccination', '/vaccination/certificate',
] as const;

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((pattern) => matchPath(pattern, pathname) !== null);
}
