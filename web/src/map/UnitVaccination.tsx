// A tapped unit's vaccination figures on the public map: the latest day with figures, reported or
// computed from dose records (the public statistics say which). Online only: offline it stays silent.
import { useI18n } from '../i18n';
import { formatDate, formatNumber } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { fetchUnitSeries } from '../stats/api';

export function UnitVaccination({ code }: { code: string }) {
  const { t, locale } = useI18n();
  const series = useAsync((signal) => fetchUnitSeries(code, signal), [code]);
  const latest = [...(series.data?.items ?? [])].reverse().find((day) => day.vaccinatedFirstDose !== null || day.adultsCoverage !== null);
  if (!latest) return null;
  const percent = (share: number | null) => (share === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share));
  return (
    <div className="map-vaccination" data-testid="unit-vaccination">
      <p className="map-detail-kind">{t('vcov.map.title', { date: formatDate(latest.date) })}</p>
      <ul>
        <li>{t('vcov.map.adults', { share: percent(latest.adultsCoverage) })}</li>
        <li>{t('vcov.map.people', { first: formatNumber(latest.vaccinatedFirstDose, locale), full: formatNumber(latest.vaccinatedFull, locale) })}</li>
      </ul>
      <p className="map-note">{latest.source}</p>
    </div>
  );
}
