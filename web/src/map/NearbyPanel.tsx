// "Around me" and "at this place": the nearest testing and vaccination sites, the zones and the level at a point.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { fold, formatDate } from '../lib/format';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { fetchNearby, type NearbySite, type PlacesDoc } from './api';
import { levelFill } from './areas';

export interface NearbyPoint {
  lat: number;
  lon: number;
  commune?: string;
  label?: string;
}

function distance(metres: number, locale: string): string {
  return metres < 1000 ? `${Math.round(metres)} m` : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(metres / 1000)} km`;
}

function Sites({ title, sites, onOpen }: { title: string; sites: NearbySite[]; onOpen: (id: string) => void }) {
  const { t, locale } = useI18n();
  return (
    <>
      <h3>{title}</h3>
      {sites.length === 0 ? (
        <p className="muted">{t('map.noneNearby')}</p>
      ) : (
        <ol className="nearby-list">
          {sites.map((site) => (
            <li key={site.id}>
              <button type="button" className="button-link" onClick={() => onOpen(site.id)}>
                {site.name}
              </button>{' '}
              <strong>{distance(site.distanceMetres, locale)}</strong>
              <br />
              <small className="muted">{[site.address, site.openingHours, site.status !== 'open' ? t(`map.status.${site.status}`) : null].filter(Boolean).join(' · ')}</small>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function Answer({ point, onOpen }: { point: NearbyPoint; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const { data, error, loading, reload } = useAsync((signal) => fetchNearby(point, signal), [point.lat, point.lon, point.commune]);
  if (loading) return <Loading />;
  if (error || !data) return <ErrorNotice error={error} onRetry={reload} />;
  const level = data.epidemicLevel;
  return (
    <div data-testid="nearby-answer" aria-live="polite">
      <p className="nearby-level">
        <span className="swatch" style={{ background: levelFill(level?.colour ?? null) }} aria-hidden="true" />
        {data.unit ? <strong>{data.unit.name}</strong> : t('map.unitUnknown')}
        {': '}
        {level ? `${t(`map.level.${level.level}`)} (${t('map.since', { date: formatDate(level.effectiveFrom) })})` : t('map.level.none')}
      </p>
      {data.insideZones.length > 0 ? (
        <div className="notice notice-error" data-testid="inside-zone">
          {data.insideZones.map((zone) => (
            <p key={zone.id}>
              {t('map.insideZone', { kind: t(`map.zone.${zone.kind}`), name: zone.name })}
              {zone.decisionNumber ? ` (${zone.decisionNumber})` : ''}
            </p>
          ))}
        </div>
      ) : (
        <p className="muted">{t('map.notInsideZone')}</p>
      )}
      <Sites title={t('map.nearestTesting')} sites={data.testingSites} onOpen={onOpen} />
      <Sites title={t('map.nearestVaccination')} sites={data.vaccinationSites} onOpen={onOpen} />
    </div>
  );
}

export function NearbyPanel({ point, places, onPoint, onOpen }: { point: NearbyPoint | null; places: PlacesDoc | undefined; onPoint: (point: NearbyPoint) => void; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<string | null>(null);
  const [query, setQuery] = useState('');

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGeoError(t('map.geoUnavailable'));
      return;
    }
    setLocating(true);
    setGeoError(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        onPoint({ lat: position.coords.latitude, lon: position.coords.longitude, label: t('map.myLocation') });
      },
      () => {
        setLocating(false);
        setGeoError(t('map.geoDenied'));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const folded = fold(query);
  const matches = folded.length >= 2 ? (places?.features ?? []).filter((f) => fold(`${f.properties.name} ${f.properties.address ?? ''}`).includes(folded)).slice(0, 8) : [];

  return (
    <div className="map-nearby" data-testid="nearby">
      <button type="button" className="button-primary" onClick={locate} disabled={locating}>
        {locating ? t('map.locating') : t('map.useMyLocation')}
      </button>
      {geoError && <p className="field-error">{geoError}</p>}
      <p className="muted">{t('map.tapHint')}</p>
      <label htmlFor="nearby-place">{t('map.atPlace')}</label>
      <input id="nearby-place" type="search" value={query} onChange={(event) => setQuery(event.target.value)} placeholder={t('map.atPlaceHint')} autoComplete="off" />
      {matches.length > 0 && (
        <ul className="nearby-matches">
          {matches.map((f) => (
            <li key={f.properties.id}>
              <button
                type="button"
                className="button-link"
                onClick={() => {
                  setQuery('');
                  onPoint({ lat: f.geometry.coordinates[1] ?? 0, lon: f.geometry.coordinates[0] ?? 0, commune: f.properties.communeCode, label: f.properties.name });
                }}
              >
                {f.properties.name}
              </button>
              <small className="muted"> {f.properties.communeName}</small>
            </li>
          ))}
        </ul>
      )}
      {point && (
        <>
          <h2 className="nearby-title">{point.label ?? t('map.chosenPoint')}</h2>
          <Answer point={point} onOpen={onOpen} />
        </>
      )}
    </div>
  );
}
