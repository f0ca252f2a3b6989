// The staff application: sign-in, session, units and the shell. A chunk of its own: the public pages never load it.
import { useEffect, type ReactNode } from 'react';
import LoginScreen from '../auth/LoginScreen';
import { SessionProvider, useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../lib/router';
import { ErrorNotice, Loading } from '../lib/ui';
import { DemoBanner } from './DemoBanner';
import { homePath, resolveRoute } from './routes';
import { Shell } from './Shell';
import { UnitsProvider } from '../units/UnitsProvider';
import { registerServiceWorker } from '../public/offline';

function Frame({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <DemoBanner />
      {children}
    </>
  );
}

/** The staff application: sign-in, the shell and the staff screens. Loaded only on staff paths. */
function StaffRoutes() {
  const { t } = useI18n();
  // Staff screens reopen without network too (the scanner's queue lives on the device).
  useEffect(() => registerServiceWorker(), []);
  const { status, checkError, recheck, can } = useSession();
  const { pathname, search } = useLocation();
  const route = resolveRoute(pathname);

  // signed out: remember where the user was going; signed in: leave /login
  useEffect(() => {
    if (status === 'signed-out' && pathname !== '/login') {
      const next = `?next=${encodeURIComponent(pathname + (search.toString() ? `?${search.toString()}` : ''))}`;
      navigate(`/login${next}`, { replace: true });
    } else if (status === 'signed-in' && pathname === '/login') {
      const next = search.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : homePath(can), { replace: true });
    }
  }, [status, pathname, search, can]);

  useEffect(() => {
    if (status === 'signed-in' && route) document.title = `${t(route.title)} · Vigil`;
  }, [status, route, t]);

  if (status === 'checking') {
    return <Frame>{checkError === undefined ? <Loading /> : <ErrorNotice error={checkError} onRetry={recheck} />}</Frame>;
  }
  if (status === 'signed-out') {
    return (
      <Frame>
        <main id="main" tabIndex={-1}>
          <LoginScreen />
        </main>
      </Frame>
    );
  }
  let content: ReactNode;
  if (!route) {
    content =
      pathname === '/login' ? null : (
        <div className="card">
          <h1>{t('common.notFoundPage')}</h1>
          <Link to="/">{t('common.home')}</Link>
        </div>
      );
  } else if (route.needs && !can(route.needs)) {
    content = <p className="notice notice-info">{t('common.noPermission')}</p>;
  } else {
    content = route.render();
  }
  return (
    <Frame>
      <Shell pathname={pathname}>{content}</Shell>
    </Frame>
  );
}

export default function StaffApp() {
  return (
    <SessionProvider>
      <UnitsProvider>
        <StaffRoutes />
      </UnitsProvider>
    </SessionProvider>
  );
}
