// The laboratory's screen, one tab per job: receive tubes by scanning, enter results, import the lab's
// CSV, the retests planned after positive pools (the lab's aliquots and the field team's re-sampling
// list), and the cases individual positives propose. Each tab shows only to those who may use it.
import type { ReactNode } from 'react';
import { useSession } from '../auth/session';
import { useI18n, type MessageKey } from '../i18n';
import type { Permission } from '../auth/api';
import { Link, useLocation } from '../lib/router';
import { LabImport } from './LabImport';
import { LabProposals } from './LabProposals';
import { LabReceive } from './LabReceive';
import { LabResults } from './LabResults';
import { LabRetests } from './LabRetests';
import './testing.css';

type Tab = 'receive' | 'results' | 'import' | 'retests' | 'proposals';

const TABS: { id: Tab; label: MessageKey; needs: Permission; render: () => ReactNode }[] = [
  { id: 'receive', label: 'lab.tab.receive', needs: 'testing:lab', render: () => <LabReceive /> },
  { id: 'results', label: 'lab.tab.results', needs: 'testing:read', render: () => <LabResults /> },
  { id: 'import', label: 'lab.tab.import', needs: 'testing:lab', render: () => <LabImport /> },
  { id: 'retests', label: 'lab.tab.retests', needs: 'testing:read', render: () => <LabRetests /> },
  { id: 'proposals', label: 'lab.tab.proposals', needs: 'testing:read', render: () => <LabProposals /> },
];

export default function LabScreen() {
  const { t } = useI18n();
  const { can } = useSession();
  const { search } = useLocation();
  const allowed = TABS.filter((tab) => can(tab.needs));
  const wanted = search.get('tab');
  const current = allowed.find((tab) => tab.id === wanted) ?? allowed[0];
  return (
    <section aria-labelledby="lab-title" data-testid="lab-screen">
      <h1 id="lab-title">{t('lab.title')}</h1>
      <nav aria-label={t('lab.tabs')}>
        <ul className="testing-tabs">
          {allowed.map((tab) => (
            <li key={tab.id}>
              <Link to={`/staff/testing/lab?tab=${tab.id}`} aria-current={tab.id === current?.id ? 'page' : undefined}>
                {/* readers without testing:lab only look results up */}
                {t(tab.id === 'results' && !can('testing:lab') ? 'lab.tab.history' : tab.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {current?.render()}
    </section>
  );
}
