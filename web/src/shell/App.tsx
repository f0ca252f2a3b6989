// The root: public pages (map, announcements, statistics) need no session and never load staff code;
// every other path is the staff application, loaded lazily.
import { lazy, Suspense } from 'react';
import { preloadable } from '../lib/preloadable';
import { useLocation } from '../lib/router';
import { Loading } from '../lib/ui';
import { isPublicPath } from '../public/paths';

const PublicApp = preloadable(() => import('../public/PublicApp'));
const StaffApp = lazy(() => import('./StaffApp'));

/**
 * The code of a public page, loaded before the first render (main.tsx) so that it renders at once. On
 * the map its chunk is on its way already (index.html asked for it beside the app's code).
 */
export async function preloadPage(pathname: string): Promise<void> {
  if (!isPublicPath(pathname)) return;
  await PublicApp.preload();
  await (await import('../public/PublicApp')).preloadScreen(pathname);
}

export function App() {
  const { pathname } = useLocation();
  return <Suspense fallback={<Loading />}>{isPublicPath(pathname) ? <PublicApp pathname={pathname} /> : <StaffApp />}</Suspense>;
}
