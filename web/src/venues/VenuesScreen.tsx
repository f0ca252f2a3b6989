// Staff: the venues with QR codes: search, create and edit, close, the code and its poster, CSV import.
import { useCallback, useState } from 'react';
import { useI18n } from '../i18n';
import { ErrorNotice, Loading, Pagination, SuccessNotice } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { CommunePicker } from '../people/CommunePicker';
import { VENUE_KINDS, listVenues, updateVenue, type Venue } from './api';
import { CommunePosters } from './CommunePosters';
import { VenueForm } from './VenueForm';
import { VenueImport } from './VenueImport';
import { VenueQrDialog } from './VenueQrDialog';
import './venues.css';

const LIMIT = 50;

function VenueRow({ venue, onEdit, onQr, onStatus }: { venue: Venue; onEdit: () => void; onQr: () => void; onStatus: () => void }) {
  const { t } = useI18n();
  return (
    <tr data-venue-id={venue.id}>
      <th scope="row">
        {venue.name}
        {(venue.code ?? venue.address) && (
          <small className="muted venue-row-sub">{[venue.code, venue.address].filter(Boolean).join(' · ')}</small>
        )}
      </th>
      <td data-label={t('venues.kind')}>{t(`venues.kind.${venue.kind}`)}</td>
      <td data-label={t('venues.commune')}>{venue.communeName}</td>
      <td data-label={t('venues.status')}>
        <span className={venue.status === 'active' ? 'badge' : 'badge venue-closed'}>{t(`venues.status.${venue.status}`)}</span>
      </td>
      <td className="venue-row-actions">
        <button type="button" className="button-secondary button-small" onClick={onQr}>{t('venues.qr')}</button>
        <button type="button" className="button-secondary button-small" onClick={onEdit}>{t('venues.editShort')}</button>
        <button type="button" className="button-secondary button-small" onClick={onStatus}>
          {venue.status === 'active' ? t('venues.close') : t('venues.reopen')}
        </button>
      </td>
    </tr>
  );
}

export default function VenuesScreen() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [communeCode, setCommuneCode] = useState('');
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<Venue | 'new' | null>(null);
  const [tool, setTool] = useState<'import' | 'posters' | null>(null);
  const [showing, setShowing] = useState<Venue | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>();
  const { data, error, loading, reload } = useAsync(
    (signal) => listVenues({ q: q.trim() || undefined, kind: kind || undefined, communeCode: communeCode || undefined, limit: LIMIT, offset }, signal),
    [q, kind, communeCode, offset],
  );
  const onImported = useCallback(() => reload(), [reload]);
  const filter = (apply: () => void) => {
    setOffset(0);
    apply();
  };

  const setStatus = async (venue: Venue) => {
    const closing = venue.status === 'active';
    if (closing && !window.confirm(t('venues.closeConfirm', { name: venue.name }))) return;
    setActionError(undefined);
    try {
      await updateVenue(venue.id, { status: closing ? 'closed' : 'active' });
      setSaved(t(closing ? 'venues.closedDone' : 'venues.reopenedDone', { name: venue.name }));
      reload();
    } catch (cause) {
      setActionError(cause);
    }
  };

  return (
    <div data-testid="staff-venues">
      <div className="page-head">
        <h1>{t('venues.title')}</h1>
        <div className="actions venue-head-actions">
          <button type="button" className="button-primary" onClick={() => { setSaved(null); setTool(null); setEditing('new'); }}>{t('venues.new')}</button>
          <button type="button" className="button-secondary" aria-expanded={tool === 'import'} onClick={() => setTool(tool === 'import' ? null : 'import')}>{t('venues.import.open')}</button>
          <button type="button" className="button-secondary" aria-expanded={tool === 'posters'} onClick={() => setTool(tool === 'posters' ? null : 'posters')}>{t('venues.communePosters')}</button>
        </div>
      </div>
      {tool === 'import' && <VenueImport onImported={onImported} />}
      {tool === 'posters' && <CommunePosters />}
      {editing && (
        <VenueForm
          key={editing === 'new' ? 'new' : editing.id}
          venue={editing === 'new' ? null : editing}
          onDone={(venue) => {
            const created = editing === 'new';
            setEditing(null);
            if (!venue) return;
            setSaved(t(created ? 'venues.created' : 'venues.saved', { name: venue.name }));
            reload();
            // a new venue's code is what the user wants next: to print it
            if (created) setShowing(venue);
          }}
        />
      )}
      {saved && <SuccessNotice>{saved}</SuccessNotice>}
      {actionError !== undefined && <ErrorNotice error={actionError} />}
      <div className="filters venue-filters" role="search">
        <div className="field field-grow">
          <label htmlFor="venue-q">{t('venues.search')}</label>
          <input id="venue-q" type="search" value={q} placeholder={t('venues.searchHint')} onChange={(e) => filter(() => setQ(e.target.value))} />
        </div>
        <div className="field">
          <label htmlFor="venue-filter-kind">{t('venues.kind')}</label>
          <select id="venue-filter-kind" value={kind} onChange={(e) => filter(() => setKind(e.target.value))}>
            <option value="">{t('venues.allKinds')}</option>
            {VENUE_KINDS.map((k) => <option key={k} value={k}>{t(`venues.kind.${k}`)}</option>)}
          </select>
        </div>
        <div className="field venue-filter-commune">
          <label htmlFor="venue-filter-commune">{t('venues.commune')}</label>
          <CommunePicker id="venue-filter-commune" value={communeCode} onChange={(code) => filter(() => setCommuneCode(code))} />
        </div>
      </div>
      {error !== undefined && <ErrorNotice error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && (
        <div className={loading ? 'stale' : undefined}>
          <p className="muted" data-testid="venues-total">{t('common.results', { total: data.total })}</p>
          <div className="table-scroll table-scroll-cards">
            <table className="table table-cards" data-testid="venues-table">
              <thead>
                <tr>
                  <th scope="col">{t('venues.name')}</th>
                  <th scope="col">{t('venues.kind')}</th>
                  <th scope="col">{t('venues.commune')}</th>
                  <th scope="col">{t('venues.status')}</th>
                  <th scope="col"><span className="visually-hidden">{t('venues.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((venue) => (
                  <VenueRow
                    key={venue.id}
                    venue={venue}
                    onEdit={() => { setSaved(null); setEditing(venue); window.scrollTo(0, 0); }}
                    onQr={() => setShowing(venue)}
                    onStatus={() => void setStatus(venue)}
                  />
                ))}
              </tbody>
            </table>
          </div>
          {data.total > LIMIT && <Pagination total={data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />}
        </div>
      )}
      {showing && <VenueQrDialog venue={showing} canEdit onClose={() => setShowing(null)} onChanged={() => reload()} />}
    </div>
  );
}
