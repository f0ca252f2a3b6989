// Staff: lockdown zones and isolation areas: every zone with its dates and decision; a new one drawn on
// the map; GeoJSON import; lift.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { formatDate } from '../lib/format';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { CsvUpload } from '../places/PlacesScreen';
import { importZones, listAllZones, setZoneStatus } from './api';
import { ZoneForm } from './ZoneForm';
import '../places/staff.css';
import './zones.css';

const EXAMPLE = `{"type": "FeatureCollection", "features": [{"type": "Feature",
  "properties": {"kind": "lockdown", "name": "…", "unitCode": "31321", "startsOn": "2021-08-01", "endsOn": null,
                 "decision": {"number": "12/QĐ-UBND", "date": "2021-07-31", "issuedBy": "UBND thành phố Vị Thanh"}},
  "geometry": {"type": "Polygon", "coordinates": [[[105.465, 9.775], [105.475, 9.775], [105.475, 9.785], [105.465, 9.785], [105.465, 9.775]]]}}]}`;

export default function ZonesScreen() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useAsync((signal) => listAllZones(signal), []);
  const [liftError, setLiftError] = useState<unknown>();
  const [drawing, setDrawing] = useState(false);
  const lift = (id: string) => {
    setLiftError(undefined);
    setZoneStatus(id, 'lifted').then(reload, setLiftError);
  };
  return (
    <div data-testid="staff-zones">
      <h1>{t('staff.zones.title')}</h1>
      <div className="staff-toolbar">
        <button type="button" className="button-primary" onClick={() => setDrawing(true)} disabled={drawing}>
          {t('zones.form.new')}
        </button>
      </div>
      {drawing && (
        <ZoneForm
          zones={data?.items ?? []}
          onDone={(saved) => {
            setDrawing(false);
            if (saved) reload();
          }}
        />
      )}
      <CsvUpload
        label={t('staff.zones.import')}
        accept=".geojson,.json,application/geo+json,application/json"
        onUpload={async (text) => {
          const result = await importZones(text);
          reload();
          return t('staff.imported', { created: result.created, updated: 0 });
        }}
      />
      <details>
        <summary>{t('staff.zones.format')}</summary>
        <pre className="staff-example">{EXAMPLE}</pre>
      </details>
      {error !== undefined && <ErrorNotice error={error} onRetry={reload} />}
      {liftError !== undefined && <ErrorNotice error={liftError} />}
      {loading && !data && <Loading />}
      {data && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('staff.name')}</th>
                <th scope="col">{t('staff.kind')}</th>
                <th scope="col">{t('map.unit')}</th>
                <th scope="col">{t('map.valid')}</th>
                <th scope="col">{t('map.decision')}</th>
                <th scope="col">{t('map.status')}</th>
                <th scope="col"><span className="visually-hidden">{t('staff.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((zone) => (
                <tr key={zone.id}>
                  <th scope="row">{zone.name}</th>
                  <td>{t(`map.zone.${zone.kind}`)}</td>
                  <td>{zone.unitName}</td>
                  <td>{formatDate(zone.startsOn)} – {zone.endsOn ? formatDate(zone.endsOn) : t('map.untilFurther')}</td>
                  <td>{zone.decision ? [zone.decision.number, formatDate(zone.decision.date), zone.decision.issuedBy].filter(Boolean).join(' · ') : '—'}</td>
                  <td>{t(`map.zoneStatus.${zone.status}`)}</td>
                  <td className="staff-row-actions">
                    {zone.status === 'active' && (
                      <button type="button" className="button-secondary button-small" onClick={() => lift(zone.id)}>
                        {t('staff.zones.lift')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
