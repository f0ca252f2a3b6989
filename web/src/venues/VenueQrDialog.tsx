// One venue's code: the QR drawn from its URL, the printable poster, and reissuing the code
// (after a confirmation that says old posters stop working).
import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { ErrorNotice, SuccessNotice } from '../lib/ui';
import { useModalDialog } from '../lib/useModalDialog';
import { downloadWithToken, reissueCode, venuePosterPath, type Venue } from './api';
import { QrCanvas } from './QrCanvas';

/** "Chợ Vị Thanh" → "poster-cho-vi-thanh.pdf" */
export function pdfName(prefix: string, name: string): string {
  const slug = name.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${prefix}-${slug || 'venue'}.pdf`;
}

function ReissueConfirm({ venue, onDone }: { venue: Venue; onDone: (reissued: Venue | null) => void }) {
  const { t } = useI18n();
  const ref = useModalDialog();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onDone(await reissueCode(venue.id, reason.trim() || undefined));
    } catch (cause) {
      setError(cause);
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="reissue-title" onCancel={(e) => { e.preventDefault(); onDone(null); }} data-testid="reissue-dialog">
      <form onSubmit={(event) => void submit(event)}>
        <h2 id="reissue-title">{t('venues.reissueTitle', { name: venue.name })}</h2>
        <p className="notice venue-warning">{t('venues.reissueWarning')}</p>
        {error !== undefined && <ErrorNotice error={error} />}
        <label htmlFor="reissue-reason">{t('venues.reissueReason')}</label>
        <input id="reissue-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        <div className="actions">
          <button type="submit" className="button-danger" disabled={busy}>{t('venues.reissueConfirm')}</button>
          <button type="button" className="button-secondary" onClick={() => onDone(null)}>{t('common.cancel')}</button>
        </div>
      </form>
    </dialog>
  );
}

export function VenueQrDialog({ venue: initial, canEdit, onClose, onChanged }: {
  venue: Venue;
  canEdit: boolean;
  onClose: () => void;
  onChanged: (venue: Venue) => void;
}) {
  const { t } = useI18n();
  const ref = useModalDialog();
  const [venue, setVenue] = useState(initial);
  const [confirming, setConfirming] = useState(false);
  const [reissued, setReissued] = useState(false);
  const [error, setError] = useState<unknown>();
  const [downloading, setDownloading] = useState(false);

  const download = async () => {
    setError(undefined);
    setDownloading(true);
    try {
      await downloadWithToken(venuePosterPath(venue.id), pdfName('poster', venue.name));
    } catch (cause) {
      setError(cause);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <dialog ref={ref} className="dialog venue-qr-dialog" aria-labelledby="venue-qr-title" onCancel={(e) => { e.preventDefault(); onClose(); }} data-testid="venue-qr">
      <h2 id="venue-qr-title">{venue.name}</h2>
      <p className="muted">{t(`venues.kind.${venue.kind}`)} · {venue.communeName}</p>
      {reissued && <SuccessNotice>{t('venues.reissued')}</SuccessNotice>}
      {venue.status === 'closed' && <p className="notice notice-info">{t('venues.closedNoPoster')}</p>}
      <div className="venue-qr-box">
        <QrCanvas text={venue.qrUrl} label={t('venues.qrLabel', { name: venue.name })} />
        <p className="venue-qr-url"><small>{venue.qrUrl}</small></p>
        <p className="muted"><small>{t('venues.codeVersion', { version: venue.codeVersion })}</small></p>
      </div>
      {error !== undefined && <ErrorNotice error={error} />}
      <div className="actions">
        {venue.status === 'active' && (
          <button type="button" className="button-primary" onClick={() => void download()} disabled={downloading}>
            {downloading ? t('venues.downloading') : t('venues.poster')}
          </button>
        )}
        {canEdit && (
          <button type="button" className="button-secondary" onClick={() => setConfirming(true)}>{t('venues.reissue')}</button>
        )}
        <button type="button" className="button-secondary" onClick={onClose}>{t('venues.closeDialog')}</button>
      </div>
      {confirming && (
        <ReissueConfirm
          venue={venue}
          onDone={(next) => {
            setConfirming(false);
            if (!next) return;
            setVenue(next);
            setReissued(true);
            onChanged(next);
          }}
        />
      )}
    </dialog>
  );
}
