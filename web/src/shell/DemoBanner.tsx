import { useI18n } from '../i18n';
import { useHealth } from '../health/api';

/** Shown on every screen while the server runs on invented demo data. */
export function DemoBanner() {
  const { t } = useI18n();
  const { data } = useHealth();
  if (!data?.demo) return null;
  return (
    <div className="demo-banner" role="note" data-testid="demo-banner">
      <strong>{t('demo.banner')}</strong> <span className="demo-banner-detail">{t('demo.bannerDetail')}</span>
    </div>
  );
}
