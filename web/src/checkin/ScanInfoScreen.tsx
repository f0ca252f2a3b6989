// /p/:code and /d/:code: what a phone's camera app opens from a personal or declaration QR.
// The code is for staff scanners; nothing about the person is looked up or shown here.
import { useI18n } from '../i18n';
import { Link } from '../lib/router';
import './checkin.css';

export default function ScanInfoScreen({ kind }: { kind: 'person' | 'declaration' }) {
  const { t } = useI18n();
  return (
    <section className="checkin-page" aria-labelledby="scan-info-title" data-testid="scan-info">
      <h1 id="scan-info-title">{kind === 'person' ? t('checkin.scan.personTitle') : t('checkin.scan.declarationTitle')}</h1>
      <div className="checkin-card">
        <p>{kind === 'person' ? t('checkin.scan.person') : t('checkin.scan.declaration')}</p>
        <p>{t('checkin.scan.noData')}</p>
        <h2>{t('checkin.scan.staffTitle')}</h2>
        <p>{t('checkin.scan.staff')}</p>
        <Link to="/login" className="button button-secondary">
          {t('public.staffSignIn')}
        </Link>
      </div>
      <p className="checkin-links">
        <Link to="/me">{t('checkin.nav.me')}</Link>
        <Link to="/declare">{t('checkin.nav.declare')}</Link>
      </p>
    </section>
  );
}
