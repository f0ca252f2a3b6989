// A vaccination certificate on screen: the signed QR (what a verifier scans), the holder, every
// dose, the certified dose as dn/sd and the validity. Used by the citizen's and the staff's screens.
import type { ReactNode } from 'react';
import { QrCode } from '../../checkin/QrCode';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import { Link } from '../../lib/router';
import type { VaccinationCertificate } from './api';
import { productLabel } from './labels';

export function CertificateView({ certificate, testId, actions }: { certificate: VaccinationCertificate; testId: string; actions?: ReactNode }) {
  const { t } = useI18n();
  const { holder, entry } = certificate;
  return (
    <section className="card vaccination-certificate" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`}>{t('vstock.cert.title')}</h2>
      <QrCode value={certificate.hc1} label={t('vstock.cert.qr', { name: holder.fullName })} testId={`${testId}-qr`} />
      <dl className="vaccination-certificate-facts">
        <dt>{t('vstock.cert.holder')}</dt>
        <dd data-testid={`${testId}-holder`}>{holder.fullName}</dd>
        <dt>{t('vstock.cert.dob')}</dt>
        <dd>{holder.dob.length === 10 ? formatDate(holder.dob) : holder.dob}</dd>
        <dt>{t('vstock.cert.certified')}</dt>
        <dd data-testid={`${testId}-entry`}>{t('vstock.cert.entry', { product: productLabel(t, entry.productCode), dn: entry.dn, sd: entry.sd, date: formatDate(entry.dt) })}</dd>
        <dt>{t('vstock.cert.valid')}</dt>
        <dd>{t('vstock.cert.validRange', { from: formatDateTime(certificate.issuedAt), until: formatDateTime(certificate.expiresAt) })}</dd>
        <dt>{t('vstock.cert.uvci')}</dt>
        <dd className="vaccination-certificate-uvci">{certificate.uvci}</dd>
      </dl>
      <h3>{t('vstock.cert.doses')}</h3>
      <ol className="vaccination-certificate-doses" aria-label={t('vstock.cert.doses')}>
        {certificate.doses.map((dose) => (
          <li key={dose.doseNumber}>
            {t('vstock.doseLine', { n: dose.doseNumber, product: productLabel(t, dose.productCode), date: formatDateTime(dose.administeredAt) })}
            {dose.kind === 'booster' && <span className="badge">{t('vstock.booster')}</span>}
          </li>
        ))}
      </ol>
      {actions && <div className="actions">{actions}</div>}
      <p className="muted">
        {t('vstock.cert.verifyHint')} <Link to="/verify">{t('vstock.cert.verifyLink')}</Link>
      </p>
    </section>
  );
}
