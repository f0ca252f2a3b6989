// Every active venue of one commune as one PDF (a page each), for the commune office to print.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { ErrorNotice } from '../lib/ui';
import { CommunePicker } from '../people/CommunePicker';
import { useUnits } from '../units/UnitsProvider';
import { communePostersPath, downloadWithToken } from './api';
import { pdfName } from './VenueQrDialog';

export function CommunePosters() {
  const { t } = useI18n();
  const { byCode } = useUnits();
  const [communeCode, setCommuneCode] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setError(undefined);
    setBusy(true);
    try {
      await downloadWithToken(communePostersPath(communeCode), pdfName('posters', byCode.get(communeCode)?.name ?? communeCode));
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="commune-posters-title">
      <h2 id="commune-posters-title">{t('venues.communePosters')}</h2>
      <p className="muted">{t('venues.communePostersHint')}</p>
      <label htmlFor="posters-commune">{t('venues.commune')}</label>
      <CommunePicker id="posters-commune" value={communeCode} onChange={setCommuneCode} />
      {error !== undefined && <ErrorNotice error={error} />}
      <div className="actions">
        <button type="button" className="button-secondary" disabled={!communeCode || busy} onClick={() => void download()}>
          {busy ? t('venues.downloading') : t('venues.communePostersDownload')}
        </button>
      </div>
    </section>
  );
}
