import { useSession } from '../auth/session';
import { useI18n, type MessageKey } from '../i18n';
import { Link } from '../lib/router';
import type { Permission } from '../auth/api';

const MODULES: { to: string; label: MessageKey; needs?: Permission }[] = [
  { to: '/units', label: 'nav.units' },
  { to: '/people', label: 'nav.people', needs: 'people:read' },
  { to: '/people/duplicates', label: 'nav.duplicates', needs: 'people:merge' },
  { to: '/levels', label: 'nav.levels', needs: 'levels:edit' },
  { to: '/staff/places', label: 'nav.places', needs: 'places:edit' },
  { to: '/staff/zones', label: 'nav.zones', needs: 'zones:edit' },
  { to: '/staff/figures', label: 'nav.figures', needs: 'stats:edit' },
  { to: '/staff/announcements', label: 'nav.announcementsStaff', needs: 'announcements:edit' },
  { to: '/staff/scanner', label: 'nav.scanner', needs: 'checkins:write' },
  { to: '/staff/venues', label: 'nav.venues', needs: 'venues:edit' },
  { to: '/staff/declarations', label: 'nav.declarations', needs: 'declarations:read' },
  { to: '/staff/checkins', label: 'nav.checkinStats' },
  { to: '/staff/cases', label: 'nav.cases', needs: 'cases:read' },
  { to: '/staff/notifications', label: 'nav.notifications', needs: 'notifications:read' },
  { to: '/staff/testing', label: 'nav.testingSessions', needs: 'testing:read' },
  { to: '/staff/testing/collect', label: 'nav.testingCollect', needs: 'testing:collect' },
  { to: '/staff/testing/lab', label: 'nav.testingLab', needs: 'testing:read' },
  { to: '/staff/testing/rounds', label: 'nav.testingRounds', needs: 'testing:read' },
  { to: '/staff/vaccination/site', label: 'nav.vaccinationSite', needs: 'vaccination:record' },
  { to: '/staff/vaccination/registrations', label: 'nav.vaccinationRegistrations', needs: 'vaccination:schedule' },
  { to: '/staff/vaccination/sessions', label: 'nav.vaccinationSessions', needs: 'vaccination:schedule' },
  { to: '/staff/vaccination/stock', label: 'nav.vaccinationStock', needs: 'vaccination:read' },
  { to: '/staff/vaccination/coverage', label: 'nav.vaccinationCoverage', needs: 'vaccination:read' },
  { to: '/staff/vaccination/export', label: 'nav.vaccinationExport', needs: 'vaccination:export' },
];

const COMING_SOON: MessageKey[] = [
  'nav.quarantine',
  'nav.camera',
  'nav.meetings',
];

/** The section a path belongs to: the longest module path that prefixes it (a person's page is People). */
function activeModule(pathname: string): string | undefined {
  const candidates = MODULES.map((m) => m.to).filter((to) => pathname === to || pathname.startsWith(`${to}/`));
  const best = candidates.sort((a, b) => b.length - a.length)[0];
  return best;
}

export function Nav({ pathname, onNavigate }: { pathname: string; onNavigate: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const active = activeModule(pathname);
  return (
    <nav aria-label={t('nav.main')} className="nav">
      <ul className="nav-list">
        {MODULES.filter((m) => !m.needs || can(m.needs)).map((m) => (
          <li key={m.to}>
            <Link to={m.to} className="nav-link" aria-current={active === m.to ? 'page' : undefined} onClick={onNavigate}>
              {t(m.label)}
            </Link>
          </li>
        ))}
        <li>
          <Link to="/" className="nav-link" onClick={onNavigate}>
            {t('nav.publicMap')}
          </Link>
        </li>
      </ul>
      <h2 className="nav-group" id="nav-soon">
        {t('nav.comingSoonGroup')}
      </h2>
      <ul className="nav-list" aria-labelledby="nav-soon">
        {COMING_SOON.map((label) => (
          <li key={label}>
            <span className="nav-link nav-soon" aria-disabled="true">
              {t(label)} <small className="soon-tag">{t('nav.comingSoon')}</small>
            </span>
          </li>
        ))}
      </ul>
    </nav>
  );
}
