// The scanner's venue or checkpoint: chosen once, remembered on this device.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { listVenues, type Venue } from './api';

export interface ScannerVenue {
  id: string;
  name: string;
  kind: string;
  communeName: string;
}

const STORAGE_KEY = 'vigil.scanner.venue';

export function storedVenue(): ScannerVenue | null {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as ScannerVenue | null;
    return value && typeof value.id === 'string' && typeof value.name === 'string' ? value : null;
  } catch {
    return null;
  }
}

export function storeVenue(venue: ScannerVenue | null): void {
  try {
    if (venue) localStorage.setItem(STORAGE_KEY, JSON.stringify(venue));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage unavailable: chosen for this page only
  }
}

const asScannerVenue = (venue: Venue): ScannerVenue => ({ id: venue.id, name: venue.name, kind: venue.kind, communeName: venue.communeName });

export function VenueChooser({ current, onPick, onCancel }: { current: ScannerVenue | null; onPick: (venue: ScannerVenue) => void; onCancel?: () => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [checkpoints, setCheckpoints] = useState(false);
  const { data, error, loading, reload } = useAsync(
    (signal) => listVenues({ q: q.trim() || undefined, kind: checkpoints ? 'entry_checkpoint' : undefined, status: 'active', limit: 20 }, signal),
    [q, checkpoints],
  );
  return (
    <section className="card scanner-chooser" aria-labelledby="scanner-chooser-title" data-testid="venue-chooser">
      <h2 id="scanner-chooser-title">{t('scanner.chooseVenue')}</h2>
      <p className="muted">{t('scanner.chooseVenueHint')}</p>
      <label htmlFor="scanner-venue-q">{t('venues.search')}</label>
      <input id="scanner-venue-q" type="search" value={q} placeholder={t('venues.searchHint')} onChange={(e) => setQ(e.target.value)} />
      <label className="scanner-check">
        <input type="checkbox" checked={checkpoints} onChange={(e) => setCheckpoints(e.target.checked)} /> {t('scanner.onlyCheckpoints')}
      </label>
      {error !== undefined && <ErrorNotice error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && data.items.length === 0 && <p className="muted">{t('scanner.noVenues')}</p>}
      {data && data.items.length > 0 && (
        <ul className="plain-list scanner-venue-list">
          {data.items.map((venue) => (
            <li key={venue.id}>
              <button type="button" className="button-link scanner-venue-pick" aria-current={current?.id === venue.id || undefined} onClick={() => onPick(asScannerVenue(venue))}>
                <strong>{venue.name}</strong>
                <small className="muted">{[t(`venues.kind.${venue.kind}`), venue.address, venue.communeName].filter(Boolean).join(' · ')}</small>
              </button>
            </li>
          ))}
        </ul>
      )}
      {onCancel && (
        <div className="actions">
          <button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>
        </div>
      )}
    </section>
  );
}
