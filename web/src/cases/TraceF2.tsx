// F2 on request (tracing:run): from a confirmed F1, the same place-and-time tracing over the F1's own
// visits, and its household, stored as F2 candidates of the same case. Audited with the reason; repeatable.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { SuccessNotice } from '../lib/ui';
import { traceFromContact, type ContactDetail, type ProposeResult } from './api';
import { contactPath } from './paths';
import { ReasonPrompt } from './ReasonPrompt';

export function TraceF2({ contact, reason }: { contact: ContactDetail; reason: string }) {
  const { t } = useI18n();
  const [result, setResult] = useState<ProposeResult | null>(null);
  const found = result?.items.filter((c) => c.degree === 'F2') ?? [];
  return (
    <section className="card" aria-labelledby="f2-title" data-testid="trace-f2">
      <h2 id="f2-title">{t('cases.f2.title')}</h2>
      <p className="muted">{t('cases.f2.intro')}</p>
      <ReasonPrompt id="trace-f2" label={t('cases.f2.run')} initial={reason} run={async (why) => setResult(await traceFromContact(contact.id, why))} primary />
      {result && (
        <>
          <SuccessNotice>
            <span data-testid="f2-result">{t('cases.f2.done', { found: found.length, added: result.added, updated: result.updated, visits: result.exposureVisits })}</span>
          </SuccessNotice>
          {found.length > 0 && (
            <ul className="case-list" data-testid="f2-candidates">
              {found.map((c) => (
                <li key={c.id} data-testid="f2-candidate">
                  <Link to={contactPath(c.caseId, c.id)}>{c.personName}</Link> <span className="badge">F2</span> · {t(`cases.contactStatus.${c.status}`)} · {t(`cases.foundBy.${c.foundBy}`)}
                  {c.exposures.map((e) => ` · ${e.venueName} ${formatDateTime(e.firstOverlapStart)}`).join('')}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
