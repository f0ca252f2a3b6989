import { useEffect, type ReactNode } from 'react';
import LoginScreen from '../auth/LoginScreen';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../lib/router';
import { ErrorNotice, Loading } from '../lib/ui';
import { DemoBanner } from './DemoBanner';
import { homePath, resolveRoute } from './routes';
import { Shell } from './Shell';

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

export function App() {
  const { t } = useI18n();
  const { status, checkError, recheck, can } = useSession();
  const { pathname, search } = useLocation();
  const route = resolveRoute(pathname);

  // signed out: remember where the user was going; signed in: leave /login and /
  useEffect(() => {
    if (status === 'signed-out' && pathname !== '/login') {
      const next = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + (search.toString() ? `?${search.toString()}` : ''))}`;
      navigate(`/login${next}`, { replace: true });
    } else if (status === 'signed-in' && (pathname === '/login' || pathname === '/')) {
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
      pathname === '/' || pathname === '/login' ? null : (
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
