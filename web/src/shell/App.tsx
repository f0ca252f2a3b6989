// The root: public pages (map, announcements, statistics) need no session and never load staff code;
// every other path is the staff application, loaded lazily.
import { lazy, Suspense } from 'react';
import { useLocation } from '../lib/router';
import { Loading } from '../lib/ui';
import { isPublicPath } from '../public/paths';

const PublicApp = lazy(() => import('../public/PublicApp'));
const StaffApp = lazy(() => import('./StaffApp'));

export function App() {
  const { pathname } = useLocation();
  return <Suspense fallback={<Loading />}>{isPublicPath(pathname) ? <PublicApp pathname={pathname} /> : <StaffApp />}</Suspense>;
}
