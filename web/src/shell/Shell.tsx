import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Link } from '../lib/router';
import { Loading } from '../lib/ui';
import { LanguageSwitch } from './LanguageSwitch';
import { Nav } from './Nav';
import { UserBlock } from './UserBlock';

/** Header, navigation (a side bar on wide screens, a menu on narrow ones) and the main area. */
export function Shell({ pathname, children }: { pathname: string; children: ReactNode }) {
  const { t } = useI18n();
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(pathname);

  useEffect(() => {
    setMenuOpen(false);
    if (pathname !== firstPath.current) mainRef.current?.focus({ preventScroll: true });
    firstPath.current = pathname;
  }, [pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMenuOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  return (
    <div className={menuOpen ? 'shell menu-open' : 'shell'}>
      <header className="header">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </Link>
        <div className="header-tools">
          <LanguageSwitch />
          <UserBlock className="user-header" />
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="app-menu"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            <span aria-hidden="true">{menuOpen ? '✕' : '☰'}</span> {t('nav.menu')}
          </button>
        </div>
      </header>
      <div className="body">
        <div id="app-menu" className="sidebar">
          <Nav pathname={pathname} onNavigate={() => setMenuOpen(false)} />
          <UserBlock className="user-menu" />
        </div>
        <main id="main" ref={mainRef} tabIndex={-1} className="main">
          <Suspense fallback={<Loading />}>{children}</Suspense>
        </main>
      </div>
    </div>
  );
}
