// The public map at `/`: layers with a legend, a panel for what was tapped, "around me", live updates.
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { ErrorNotice } from '../lib/ui';
import { minutesSince } from '../public/offline';
import { PLACE_KINDS, ZONE_KINDS } from './api';
import { unitAreas } from './areas';
import { PlaceDetail, UnitDetail, ZoneDetail } from './DetailPanel';
import { LayersPanel, type LayerChoice } from './LayersPanel';
import type { Pick } from './mapProps';
import MapStage from './MapStage';
import { NearbyPanel, type NearbyPoint } from './NearbyPanel';
import { useMapData } from './useMapData';
import './map.css';

type Tab = 'layers' | 'nearby';

function DataAge({ times, online }: { times: (string | undefined)[]; online: boolean }) {
  const { t } = useI18n();
  const newest = times.filter((x): x is string => Boolean(x)).sort().at(-1);
  if (!newest) return null;
  const minutes = minutesSince(newest);
  return (
    <p className={online ? 'map-age' : 'map-age map-age-offline'} data-testid="data-age">
      {!online && <strong>{t('map.offline')} </strong>}
      {t('map.dataAsOf', { time: formatDateTime(newest) })} {minutes >= 1 && `(${t('map.minutesAgo', { minutes })})`}
    </p>
  );
}

export default function MapScreen() {
  const { t } = useI18n();
  const data = useMapData();
  const [tab, setTab] = useState<Tab>('layers');
  const [selected, setSelected] = useState<{ type: 'place' | 'zone' | 'unit'; id: string } | null>(null);
  const [point, setPoint] = useState<NearbyPoint | null>(null);
  const [choice, setChoice] = useState<LayerChoice>({ placeKinds: [...PLACE_KINDS], zoneKinds: [...ZONE_KINDS], showLevels: true, levelMode: 'auto' });

  const areas = useMemo(() => (data.levels ? unitAreas(data.levels, data.places) : undefined), [data.levels, data.places]);
  const approximate = Boolean(data.levels && !data.levels.boundariesImported) || Boolean(areas?.features.some((f) => f.properties.approximate));
  const place = selected?.type === 'place' ? data.places?.features.find((f) => f.properties.id === selected.id)?.properties : undefined;
  const zone = selected?.type === 'zone' ? data.zones?.features.find((f) => f.properties.id === selected.id)?.properties : undefined;
  const units = selected?.type === 'unit' ? data.levels?.features.filter((f) => selected.id.split(',').includes(f.properties.code)).map((f) => f.properties) : undefined;

  const onPick = (pick: Pick) => {
    if (pick.type === 'point' || pick.type === 'unit') {
      // a tapped unit shows its level at once (from the data in hand, offline too) and what is around the point
      setSelected(pick.type === 'unit' ? { type: 'unit', id: pick.covers.join(',') } : null);
      setPoint({ lat: pick.lat, lon: pick.lon });
      setTab('nearby');
    } else {
      setSelected(pick);
    }
  };

  const chooseNearby = (next: NearbyPoint) => {
    setSelected(null);
    setPoint(next);
    setTab('nearby');
  };

  return (
    <div className="map-screen">
      <div className="map-stage">
        <MapStage
          places={data.places}
          zones={data.zones}
          areas={areas}
          provinceBbox={data.levels?.provinceBbox}
          showProvinceBox={Boolean(data.levels && !data.levels.boundariesImported)}
          placeKinds={choice.placeKinds}
          zoneKinds={choice.zoneKinds}
          showLevels={choice.showLevels}
          levelMode={choice.levelMode}
          point={point}
          label={t('map.label')}
          onPick={onPick}
        />
      </div>
      <aside className="map-panel" aria-label={t('map.panel')}>
        <h1 className="map-title">{t('map.title')}</h1>
        <DataAge times={[data.places?.generatedAt, data.zones?.generatedAt, data.levels?.generatedAt]} online={data.online} />
        {data.error !== undefined && <ErrorNotice error={data.error} onRetry={data.retry} />}
        {place && <PlaceDetail place={place} onClose={() => setSelected(null)} onNearby={() => {
          const feature = data.places?.features.find((f) => f.properties.id === place.id);
          if (feature) chooseNearby({ lat: feature.geometry.coordinates[1] ?? 0, lon: feature.geometry.coordinates[0] ?? 0, commune: place.communeCode, label: place.name });
        }} />}
        {zone && <ZoneDetail zone={zone} onClose={() => setSelected(null)} />}
        {units && units.length > 0 && <UnitDetail units={units} approximate={Boolean(areas?.features.find((f) => f.properties.covers === selected?.id)?.properties.approximate)} onClose={() => setSelected(null)} />}
        <div className="map-tabs" role="tablist" aria-label={t('map.panel')}>
          {(['layers', 'nearby'] as const).map((name) => (
            <button key={name} type="button" role="tab" id={`tab-${name}`} aria-selected={tab === name} aria-controls={`tabpanel-${name}`} onClick={() => setTab(name)}>
              {t(`map.tab.${name}`)}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`} className="map-tabpanel">
          {tab === 'layers' ? (
            <LayersPanel choice={choice} onChange={setChoice} levels={data.levels} approximate={approximate} />
          ) : (
            <NearbyPanel point={point} places={data.places} onPoint={chooseNearby} onOpen={(id) => setSelected({ type: 'place', id })} />
          )}
        </div>
        <p className="map-open-data">
          {t('map.openData')}{' '}
          <a href="/api/v1/open/places.geojson">places.geojson</a> · <a href="/api/v1/open/zones.geojson">zones.geojson</a> ·{' '}
          <a href="/api/v1/open/levels.geojson">levels.geojson</a> · <a href="/api/v1/open/stats.csv">stats.csv</a>
        </p>
      </aside>
    </div>
  );
}
