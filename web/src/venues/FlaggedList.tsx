// The flagged declarations of one checkpoint and day (red, or yellow), read with the session's reason.
import { Fragment, useState } from 'react';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { ErrorNotice, Loading, Pagination } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { DeclarationCard, FlagBadge, reasonText } from './DeclarationCard';
import { listDeclarations, type Flag } from './declarationsApi';

const LIMIT = 50;

export function FlaggedList({ venueId, venueName, date, reason }: { venueId: string; venueName: string; date: string; reason: string }) {
  const { t } = useI18n();
  const [flag, setFlag] = useState<Flag>('red');
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const { data, error, loading, reload } = useAsync(
    (signal) => listDeclarations({ venueId, date, flag, reason, limit: LIMIT, offset }, signal),
    [venueId, date, flag, reason, offset],
  );
  return (
    <section aria-labelledby="flagged-title" data-testid="flagged-list">
      <div className="page-head">
        <h2 id="flagged-title">{t('staffDecl.flaggedAt', { name: venueName })}</h2>
        <div className="actions" role="group" aria-label={t('staffDecl.flag')}>
          {(['red', 'yellow'] as const).map((f) => (
            <button key={f} type="button" className="button-secondary button-small" aria-pressed={flag === f} onClick={() => { setOffset(0); setOpen(null); setFlag(f); }}>
              {t(`staffDecl.flag.${f}`)}
            </button>
          ))}
        </div>
      </div>
      {error !== undefined && <ErrorNotice error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && data.items.length === 0 && <p className="muted">{t('staffDecl.noneFlagged')}</p>}
      {data && data.items.length > 0 && (
        <div className="table-scroll table-scroll-cards">
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t('staffDecl.person')}</th>
                <th scope="col">{t('staffDecl.flag')}</th>
                <th scope="col">{t('staffDecl.why')}</th>
                <th scope="col">{t('staffDecl.declaredAt')}</th>
                <th scope="col"><span className="visually-hidden">{t('venues.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((d) => (
                <Fragment key={d.id}>
                  <tr>
                    <th scope="row">{d.person.fullName} <small className="muted">({d.person.birthYear})</small></th>
                    <td data-label={t('staffDecl.flag')}><FlagBadge flag={d.flag} /></td>
                    <td data-label={t('staffDecl.why')}>{d.reasons.map((r) => reasonText(r, t)).join('; ')}</td>
                    <td data-label={t('staffDecl.declaredAt')}>{formatDateTime(d.declaredAt)}</td>
                    <td className="nowrap">
                      <button type="button" className="button-secondary button-small" aria-expanded={open === d.id} onClick={() => setOpen(open === d.id ? null : d.id)}>
                        {t('staffDecl.details')}
                      </button>
                    </td>
                  </tr>
                  {/* the details open under their row, not at the end of a long list */}
                  {open === d.id && (
                    <tr className="decl-open-row">
                      <td colSpan={5}><DeclarationCard declaration={d} onClose={() => setOpen(null)} /></td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.total > LIMIT && <Pagination total={data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />}
    </section>
  );
}
