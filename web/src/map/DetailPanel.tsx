// What a tapped place or zone is: the facts a citizen needs, and the decision behind a zone.
import { useI18n } from '../i18n';
import { formatDate, formatDateTime, formatNumber } from '../lib/format';
import type { LevelProps, PlaceProps, ZoneProps } from './api';
import { levelFill } from './areas';
import { UnitVaccination } from './UnitVaccination';

function Row({ label, value }: { label: string; value: string | number | null | undefined }) {
  if (value === null || value === undefined || value === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

export function PlaceDetail({ place, onClose, onNearby }: { place: PlaceProps; onClose: () => void; onNearby: () => void }) {
  const { t, locale } = useI18n();
  return (
    <section className="map-detail" data-testid="place-panel" aria-labelledby="place-title">
      <button type="button" className="button-link map-detail-close" onClick={onClose} aria-label={t('map.close')}>
        ✕
      </button>
      <p className="map-detail-kind">{t(`map.kind.${place.kind}`)}</p>
      <h2 id="place-title">{place.name}</h2>
      <dl className="map-facts">
        <Row label={t('map.address')} value={[place.address, place.communeName].filter(Boolean).join(', ')} />
        <Row label={t('map.openingHours')} value={place.openingHours} />
        <Row label={t('map.phone')} value={place.phone} />
        <Row label={t('map.capacity')} value={place.capacity === null ? null : formatNumber(place.capacity, locale)} />
        <Row label={t('map.status')} value={t(`map.status.${place.status}`)} />
        <Row label={t('map.valid')} value={place.validFrom || place.validTo ? `${formatDate(place.validFrom) || '…'} – ${formatDate(place.validTo) || '…'}` : null} />
        <Row label={t('map.notes')} value={place.notes} />
        <Row label={t('map.updated')} value={formatDateTime(place.updatedAt)} />
      </dl>
      {place.phone && (
        <a className="button button-secondary button-small" href={`tel:${place.phone.replace(/\s+/g, '')}`}>
          {t('map.call')}
        </a>
      )}{' '}
      <button type="button" className="button-secondary button-small" onClick={onNearby}>
        {t('map.aroundHere')}
      </button>
    </section>
  );
}

export function ZoneDetail({ zone, onClose }: { zone: ZoneProps; onClose: () => void }) {
  const { t } = useI18n();
  const decision = zone.decision;
  return (
    <section className="map-detail" data-testid="zone-panel" aria-labelledby="zone-title">
      <button type="button" className="button-link map-detail-close" onClick={onClose} aria-label={t('map.close')}>
        ✕
      </button>
      <p className="map-detail-kind">{t(`map.zone.${zone.kind}`)}</p>
      <h2 id="zone-title">{zone.name}</h2>
      <dl className="map-facts">
        <Row label={t('map.unit')} value={zone.unitName} />
        <Row label={t('map.valid')} value={`${formatDate(zone.startsOn)} – ${zone.endsOn ? formatDate(zone.endsOn) : t('map.untilFurther')}`} />
        <Row label={t('map.status')} value={t(`map.zoneStatus.${zone.status}`)} />
        <Row
          label={t('map.decision')}
          value={decision ? [decision.number, decision.date ? formatDate(decision.date) : null, decision.issuedBy].filter(Boolean).join(' · ') : null}
        />
        <Row label={t('map.description')} value={zone.description} />
      </dl>
    </section>
  );
}

/** A tapped unit's area: the level in force of each unit it stands for (known without a request, so offline too). */
export function UnitDetail({ units, approximate, onClose }: { units: LevelProps[]; approximate: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [first] = units;
  if (!first) return null;
  return (
    <section className="map-detail" data-testid="unit-panel" aria-labelledby="unit-title">
      <button type="button" className="button-link map-detail-close" onClick={onClose} aria-label={t('map.close')}>
        ✕
      </button>
      <p className="map-detail-kind">{t('map.levelsGroup')}</p>
      <h2 id="unit-title">{units.length === 1 ? first.name : units.map((unit) => unit.name).join(', ')}</h2>
      <ul className="level-legend">
        {units.map((unit) => (
          <li key={unit.code}>
            <span className="swatch" style={{ background: levelFill(unit.colour) }} aria-hidden="true" />
            {units.length > 1 && `${unit.name}: `}
            {unit.level ? `${t(`map.level.${unit.level}`)} (${t('map.since', { date: formatDate(unit.effectiveFrom) })})` : t('map.level.none')}
          </li>
        ))}
      </ul>
      {approximate && <p className="map-note">{t('map.approximateArea')}</p>}
      {units.length === 1 && <UnitVaccination code={first.code} />}
    </section>
  );
}
