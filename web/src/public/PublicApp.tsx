// The light public layout: brand, sections (map, announcements, statistics, my QR code, health
// declaration), language, staff sign-in link and the demo label.
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { Link, matchPath } from '../lib/router';
import { preloadable } from '../lib/preloadable';
import { preloadMapData } from '../map/useMapData';
import { Loading } from '../lib/ui';
import { DemoBanner } from '../shell/DemoBanner';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { startCheckinSync } from '../checkin/sync';
import { registerServiceWorker } from './offline';
import './public.css';

const MapScreen = preloadable(() => import('../map/MapScreen'));
const AnnouncementsScreen = lazy(() => import('../announcements/AnnouncementsScreen'));
const AnnouncementScreen = lazy(() => import('../announcements/AnnouncementScreen'));
const StatsScreen = lazy(() => import('../stats/StatsScreen'));
const VenueScreen = lazy(() => import('../checkin/VenueScreen'));
const MeScreen = lazy(() => import('../checkin/MeScreen'));
const DeclareScreen = lazy(() => import('../checkin/DeclareScreen'));
const ScanInfoScreen = lazy(() => import('../checkin/ScanInfoScreen'));
const LookupScreen = lazy(() => import('../testing/LookupScreen'));
const VerifierScreen = lazy(() => import('../verify/VerifierScreen'));
const VaccinationRegisterScreen = lazy(() => import('../vaccination/register/RegisterScreen'));
const VaccinationCertificateScreen = lazy(() => import('../vaccination/stock/CertificateScreen'));

const SECTIONS: { to: string; label: MessageKey }[] = [
  { to: '/', label: 'public.map' },
  { to: '/announcements', label: 'public.announcements' },
  { to: '/stats', label: 'public.stats' },
  { to: '/me', label: 'checkin.nav.me' },
  { to: '/declare', label: 'checkin.nav.declare' },
  { to: '/results', label: 'lookup.nav' },
  { to: '/vaccination', label: 'vaccination.public.register' },
  { to: '/vaccination/certificate', label: 'vaccination.public.certificate' },
];

function screenFor(pathname: string): { title: MessageKey; node: ReactNode } {
  const announcement = matchPath('/announcements/:id', pathname);
  if (announcement) return { title: 'public.announcements', node: <AnnouncementScreen key={announcement.id} id={announcement.id ?? ''} /> };
  if (pathname === '/announcements') return { title: 'public.announcements', node: <AnnouncementsScreen /> };
  if (pathname === '/stats') return { title: 'public.stats', node: <StatsScreen /> };
  const venue = matchPath('/v/:code', pathname);
  if (venue) return { title: 'checkin.checkIn', node: <VenueScreen key={venue.code} code={venue.code ?? ''} /> };
  if (pathname === '/me') return { title: 'checkin.nav.me', node: <MeScreen /> };
  if (pathname === '/declare') return { title: 'checkin.nav.declare', node: <DeclareScreen /> };
  if (pathname === '/results') return { title: 'lookup.title', node: <LookupScreen /> };
  if (pathname === '/vaccination') return { title: 'vaccination.public.register', node: <VaccinationRegisterScreen /> };
  if (pathname === '/vaccination/certificate') return { title: 'vaccination.public.certificate', node: <VaccinationCertificateScreen /> };
  if (pathname === '/verify') return { title: 'verify.title', node: <VerifierScreen /> };
  if (matchPath('/p/:code', pathname)) return { title: 'checkin.scan.personTitle', node: <ScanInfoScreen kind="person" /> };
  if (matchPath('/d/:code', pathname)) return { title: 'checkin.scan.declarationTitle', node: <ScanInfoScreen kind="declaration" /> };
  return { title: 'public.map', node: <MapScreen /> };
}

/**
 * Loads the screen of a path before it is shown (the map, with the data that has arrived within a
 * moment; the other screens load when opened).
 */
export async function preloadScreen(pathname: string): Promise<void> {
  if (pathname === '/') await Promise.all([MapScreen.preload(), preloadMapData(100)]);
}

function sectionOf(pathname: string): string {
  return pathname.startsWith('/announcements') ? '/announcements' : pathname;
}

export default function PublicApp({ pathname }: { pathname: string }) {
  const { t } = useI18n();
  const screen = screenFor(pathname);
  const isMap = pathname === '/';

  useEffect(() => {
    document.title = `${t(screen.title)} · ${t('public.siteName')}`;
  }, [screen.title, t]);

  useEffect(() => registerServiceWorker(), []);
  // check-ins tapped without network are sent from whichever public page is open when it returns
  useEffect(() => startCheckinSync(), []);

  return (
    <div className={isMap ? 'public public-map-page' : 'public'}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <DemoBanner />
      <header className="public-header">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('public.tagline')}</span>
        </Link>
        <nav className="public-nav" aria-label={t('nav.main')}>
          {SECTIONS.map((section) => (
            <Link key={section.to} to={section.to} aria-current={sectionOf(pathname) === section.to ? 'page' : undefined}>
              {t(section.label)}
            </Link>
          ))}
        </nav>
        <div className="public-tools">
          <LanguageSwitch />
          <Link to="/login" className="public-staff-link">
            {t('public.staffSignIn')}
          </Link>
        </div>
      </header>
      <main id="main" tabIndex={-1} className={isMap ? 'public-main public-main-map' : 'public-main'}>
        <Suspense fallback={<Loading />}>{screen.node}</Suspense>
      </main>
    </div>
  );
}
