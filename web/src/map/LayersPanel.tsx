// The switchable layers with their legend, and each district's level as a list (also where no area can be drawn).
import { useI18n } from '../i18n';
import { formatDate } from '../lib/format';
import { PLACE_HEX, PLACE_KINDS, ZONE_HEX, ZONE_KINDS, LEVEL_HEX, NO_LEVEL_HEX, type LevelsDoc, type PlaceKind, type ZoneKind } from './api';
import { levelFill } from './areas';
import type { LevelMode } from './mapProps';

export interface LayerChoice {
  placeKinds: PlaceKind[];
  zoneKinds: ZoneKind[];
  showLevels: boolean;
  levelMode: LevelMode;
}

function toggle<T>(list: T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

export function LayersPanel({ choice, onChange, levels, approximate }: { choice: LayerChoice; onChange: (choice: LayerChoice) => void; levels: LevelsDoc | undefined; approximate: boolean }) {
  const { t } = useI18n();
  const districts = (levels?.features ?? []).filter((f) => f.properties.unitLevel === 'district');
  return (
    <div className="map-layers" data-testid="map-layers">
      <fieldset>
        <legend>{t('map.placesGroup')}</legend>
        {PLACE_KINDS.map((kind) => (
          <label key={kind} className="layer-toggle">
            <input type="checkbox" checked={choice.placeKinds.includes(kind)} onChange={() => onChange({ ...choice, placeKinds: toggle(choice.placeKinds, kind) })} />
            <span className="swatch swatch-dot" style={{ background: PLACE_HEX[kind] }} aria-hidden="true" />
            {t(`map.kind.${kind}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('map.zonesGroup')}</legend>
        {ZONE_KINDS.map((kind) => (
          <label key={kind} className="layer-toggle">
            <input type="checkbox" checked={choice.zoneKinds.includes(kind)} onChange={() => onChange({ ...choice, zoneKinds: toggle(choice.zoneKinds, kind) })} />
            <span className="swatch" style={{ background: ZONE_HEX[kind] }} aria-hidden="true" />
            {t(`map.zone.${kind}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('map.levelsGroup')}</legend>
        <label className="layer-toggle">
          <input type="checkbox" checked={choice.showLevels} onChange={() => onChange({ ...choice, showLevels: !choice.showLevels })} />
          {t('map.levelsFill')}
        </label>
        <div className="level-mode" role="radiogroup" aria-label={t('map.levelsBy')}>
          {(['auto', 'district', 'commune'] as const).map((mode) => (
            <label key={mode}>
              <input type="radio" name="level-mode" checked={choice.levelMode === mode} onChange={() => onChange({ ...choice, levelMode: mode })} />
              {t(`map.levelMode.${mode}`)}
            </label>
          ))}
        </div>
        <ul className="level-legend">
          {([[1, 'green'], [2, 'yellow'], [3, 'orange'], [4, 'red']] as const).map(([level, colour]) => (
            <li key={level}>
              <span className="swatch" style={{ background: LEVEL_HEX[colour] }} aria-hidden="true" />
              {t(`map.level.${level}`)}
            </li>
          ))}
          <li>
            <span className="swatch" style={{ background: NO_LEVEL_HEX }} aria-hidden="true" />
            {t('map.level.none')}
          </li>
        </ul>
        {approximate && <p className="map-note">{t('map.approximateNote')}</p>}
      </fieldset>
      {districts.length > 0 && (
        <details className="district-levels">
          <summary>{t('map.districtLevels')}</summary>
          <ul data-testid="district-levels">
            {districts.map(({ properties: d }) => (
              <li key={d.code}>
                <span className="swatch" style={{ background: levelFill(d.colour) }} aria-hidden="true" />
                {d.name}: {d.level ? `${t(`map.level.${d.level}`)} (${t('map.since', { date: formatDate(d.effectiveFrom) })})` : t('map.level.none')}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
