// A sent declaration: what to do next (said neutrally, whatever the flag) and the QR for the checkpoint.
import { useEffect, useRef } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { formatDate } from '../lib/format';
import { declarationQrUrl } from './api';
import { QrCode } from './QrCode';
import type { StoredDeclaration } from './storage';
import { formatTimeDay } from './time';

const KNOWN_REASONS = ['symptoms', 'contact_with_case', 'other_symptoms', 'outbreak_area', 'not_vaccinated'];

export function DeclarationResult({ stored, focus, compact }: { stored: StoredDeclaration; focus?: boolean; compact?: boolean }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const { receipt, venueName } = stored;
  const needsDesk = receipt.flag !== 'green';
  // The rules are data: a reason added by health officers may have no translation yet.
  const reason = (id: string) => (KNOWN_REASONS.includes(id) ? t(`checkin.declare.reason.${id}` as MessageKey) : id.replace(/_/g, ' '));

  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);

  return (
    <section className="checkin-declaration" aria-labelledby={`decl-${receipt.id}`} data-testid="declaration-result" data-flag={receipt.flag}>
      <h2 id={`decl-${receipt.id}`} ref={heading} tabIndex={-1}>
        {compact ? t(`checkin.declare.kind.${receipt.kind}`) : t('checkin.declare.doneTitle')}
      </h2>
      <div className="checkin-advice" role="status" data-testid="declaration-advice">
        <p>
          <strong>{needsDesk ? t('checkin.declare.goToDesk') : t('checkin.declare.noDesk')}</strong>
        </p>
        {needsDesk && receipt.reasons.length > 0 && <p>{t('checkin.declare.reasons', { reasons: receipt.reasons.map(reason).join('; ') })}</p>}
      </div>
      <figure className="checkin-qr">
        <QrCode value={declarationQrUrl(receipt.declarationCode)} label={t('checkin.declare.qrLabel')} testId="declaration-qr" />
        <figcaption>{t('checkin.declare.showQr')}</figcaption>
      </figure>
      <dl className="checkin-times">
        {receipt.travelDate && (
          <div>
            <dt>{t('checkin.declare.travelDate')}</dt>
            <dd>{formatDate(receipt.travelDate)}</dd>
          </div>
        )}
        <div>
          <dt>{t('checkin.declare.declaredAt')}</dt>
          <dd>{formatTimeDay(receipt.declaredAt)}</dd>
        </div>
        {venueName && (
          <div>
            <dt>{t('checkin.declare.place')}</dt>
            <dd>{venueName}</dd>
          </div>
        )}
      </dl>
      {!compact && <p className="checkin-note">{t('checkin.declare.kept')}</p>}
    </section>
  );
}
