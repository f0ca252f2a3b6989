// Which screen a path shows. Screens load lazily: each is its own chunk.
import { lazy, type ReactNode } from 'react';
import type { Permission } from '../auth/api';
import type { MessageKey } from '../i18n';
import { matchPath } from '../lib/router';

const UnitsScreen = lazy(() => import('../units/UnitsScreen'));
const PeopleScreen = lazy(() => import('../people/PeopleScreen'));
const PersonNewScreen = lazy(() => import('../people/PersonNewScreen'));
const PersonDetailScreen = lazy(() => import('../people/PersonDetailScreen'));
const DuplicatesScreen = lazy(() => import('../people/DuplicatesScreen'));
const PasswordScreen = lazy(() => import('../auth/PasswordScreen'));
const LevelsScreen = lazy(() => import('../levels/LevelsScreen'));
const LevelHistoryScreen = lazy(() => import('../levels/HistoryScreen'));
const RuleSetsScreen = lazy(() => import('../levels/RuleSetsScreen'));
const PlacesScreen = lazy(() => import('../places/PlacesScreen'));
const ZonesScreen = lazy(() => import('../zones/ZonesScreen'));
const FiguresScreen = lazy(() => import('../stats/FiguresScreen'));
const StaffAnnouncementsScreen = lazy(() => import('../announcements/StaffAnnouncementsScreen'));
const VenuesScreen = lazy(() => import('../venues/VenuesScreen'));
const ScannerScreen = lazy(() => import('../venues/ScannerScreen'));
const DeclarationsScreen = lazy(() => import('../venues/DeclarationsScreen'));
const CheckinStatsScreen = lazy(() => import('../venues/CheckinStatsScreen'));
const CasesScreen = lazy(() => import('../cases/CasesScreen'));
const CaseScreen = lazy(() => import('../cases/CaseScreen'));
const NotificationsScreen = lazy(() => import('../notifications/NotificationsScreen'));
const TestingSessionsScreen = lazy(() => import('../testing/SessionsScreen'));
const TestingSessionScreen = lazy(() => import('../testing/SessionScreen'));
const CollectScreen = lazy(() => import('../testing/CollectScreen'));
const LabScreen = lazy(() => import('../testing/LabScreen'));
const RoundsScreen = lazy(() => import('../testing/RoundsScreen'));
const ProgrammeScreen = lazy(() => import('../testing/ProgrammeScreen'));
const VaccinationRegistrationsScreen = lazy(() => import('../vaccination/register/RegistrationsScreen'));
const VaccinationSessionsScreen = lazy(() => import('../vaccination/register/SessionsScreen'));
const VaccinationSiteScreen = lazy(() => import('../vaccination/site/SiteScreen'));
const VaccinationStockScreen = lazy(() => import('../vaccination/stock/StockScreen'));
const VaccinationPersonScreen = lazy(() => import('../vaccination/stock/PersonDosesScreen'));
const VaccinationCoverageScreen = lazy(() => import('../vaccination/coverage/CoverageScreen'));
const VaccinationExportScreen = lazy(() => import('../vaccination/coverage/ExportScreen'));

export interface Resolved {
  title: MessageKey;
  /** Permission the screen needs; absent for screens every signed-in user may open. */
  needs?: Permission;
  render: () => ReactNode;
}

const ROUTES: { path: string; title: MessageKey; needs?: Permission; render: (p: Record<string, string>) => ReactNode }[] = [
  { path: '/units', title: 'units.title', render: () => <UnitsScreen /> },
  { path: '/account/password', title: 'account.title', render: () => <PasswordScreen /> },
  { path: '/staff/places', title: 'staff.places.title', needs: 'places:edit', render: () => <PlacesScreen /> },
  { path: '/staff/zones', title: 'staff.zones.title', needs: 'zones:edit', render: () => <ZonesScreen /> },
  { path: '/staff/figures', title: 'staff.figures.title', needs: 'stats:edit', render: () => <FiguresScreen /> },
  { path: '/staff/announcements', title: 'staff.ann.title', needs: 'announcements:edit', render: () => <StaffAnnouncementsScreen /> },
  { path: '/staff/venues', title: 'venues.title', needs: 'venues:edit', render: () => <VenuesScreen /> },
  { path: '/staff/scanner', title: 'scanner.title', needs: 'checkins:write', render: () => <ScannerScreen /> },
  { path: '/staff/declarations', title: 'staffDecl.title', needs: 'declarations:read', render: () => <DeclarationsScreen /> },
  { path: '/staff/checkins', title: 'cstats.title', render: () => <CheckinStatsScreen /> },
  { path: '/staff/cases', title: 'cases.title', needs: 'cases:read', render: () => <CasesScreen /> },
  { path: '/staff/cases/:id', title: 'cases.title', needs: 'cases:read', render: ({ id = '' }) => <CaseScreen key={id} id={id} /> },
  { path: '/staff/notifications', title: 'outbox.title', needs: 'notifications:read', render: () => <NotificationsScreen /> },
  // testing: collectors need testing:collect; the lab screen's tabs check testing:lab and testing:manage themselves
  { path: '/staff/testing', title: 'sessions.title', needs: 'testing:read', render: () => <TestingSessionsScreen /> },
  { path: '/staff/testing/sessions/:id', title: 'sessions.title', needs: 'testing:read', render: ({ id = '' }) => <TestingSessionScreen key={id} id={id} /> },
  { path: '/staff/testing/collect', title: 'collect.title', needs: 'testing:collect', render: () => <CollectScreen /> },
  { path: '/staff/testing/lab', title: 'lab.title', needs: 'testing:read', render: () => <LabScreen /> },
  { path: '/staff/testing/rounds', title: 'rounds.title', needs: 'testing:read', render: () => <RoundsScreen /> },
  { path: '/staff/testing/rounds/:id', title: 'rounds.title', needs: 'testing:read', render: ({ id = '' }) => <ProgrammeScreen key={id} id={id} /> },
  { path: '/staff/vaccination/registrations', title: 'nav.vaccinationRegistrations', needs: 'vaccination:schedule', render: () => <VaccinationRegistrationsScreen /> },
  { path: '/staff/vaccination/sessions', title: 'nav.vaccinationSessions', needs: 'vaccination:schedule', render: () => <VaccinationSessionsScreen /> },
  { path: '/staff/vaccination/site', title: 'nav.vaccinationSite', needs: 'vaccination:record', render: () => <VaccinationSiteScreen /> },
  { path: '/staff/vaccination/stock', title: 'nav.vaccinationStock', needs: 'vaccination:read', render: () => <VaccinationStockScreen /> },
  { path: '/staff/vaccination/people/:id', title: 'vaccination.personTitle', needs: 'vaccination:read', render: ({ id = '' }) => <VaccinationPersonScreen key={id} id={id} /> },
  { path: '/staff/vaccination/coverage', title: 'nav.vaccinationCoverage', needs: 'vaccination:read', render: () => <VaccinationCoverageScreen /> },
  { path: '/staff/vaccination/export', title: 'nav.vaccinationExport', needs: 'vaccination:export', render: () => <VaccinationExportScreen /> },
  { path: '/people', title: 'people.title', needs: 'people:read', render: () => <PeopleScreen /> },
  { path: '/people/new', title: 'person.newTitle', needs: 'people:write', render: () => <PersonNewScreen /> },
  { path: '/people/duplicates', title: 'dup.title', needs: 'people:merge', render: () => <DuplicatesScreen /> },
  {
    path: '/people/:id',
    title: 'person.detailTitle',
    needs: 'people:read',
    render: ({ id = '' }) => <PersonDetailScreen key={id} id={id} />,
  },
  { path: '/levels', title: 'levels.title', needs: 'levels:edit', render: () => <LevelsScreen /> },
  { path: '/levels/rule-sets', title: 'levels.rs.title', needs: 'levels:edit', render: () => <RuleSetsScreen /> },
  { path: '/levels/history/:code', title: 'levels.historyTitle', needs: 'levels:edit', render: ({ code = '' }) => <LevelHistoryScreen key={code} code={code} /> },
];

export function resolveRoute(pathname: string): Resolved | null {
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) return { title: route.title, needs: route.needs, render: () => route.render(params) };
  }
  return null;
}

/** Where "/" and a fresh sign-in lead. */
export function homePath(can: (permission: Permission) => boolean): string {
  if (can('people:read')) return '/people';
  // checkpoint staff come to scan
  if (can('checkins:write')) return '/staff/scanner';
  return '/units';
}
