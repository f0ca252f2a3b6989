// What the SVG map draws: the province frame, unit areas in their level colours, zones, places and
// the chosen point. Sizes are given in screen pixels and divided by `scale` (pixels per SVG unit).
import { memo, useMemo } from 'react';
import { PLACE_HEX, ZONE_HEX } from './api';
import { boxPolygon } from './areas';
import { levelShown, type MapLayersProps } from './mapProps';
import { projectX, projectY, ringsPath } from './projection';

type Props = Omit<MapLayersProps, 'label' | 'onPick'> & { scale: number; zoom: number };

const LINE = { vectorEffect: 'non-scaling-stroke' } as const;

function polygonsOf(geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] }): number[][][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

/** The level colours an SVG map with these props draws, as the MapLibre map reports them. */
export function drawnLevels(props: Pick<Props, 'areas' | 'showLevels' | 'levelMode' | 'zoom'>): string {
  const colours = new Set((props.areas?.features ?? []).filter((f) => levelShown(props, f.properties.unitLevel, props.zoom)).map((f) => f.properties.colour ?? 'none'));
  return [...colours].sort().join(',');
}

export const SvgLayers = memo(function SvgLayers(props: Props) {
  const { scale, zoom } = props;
  // half a pixel at whole zooms: paths are simplified once per zoom step, not per frame
  const tolerance = 0.5 / (scale * 2 ** (Math.ceil(zoom) - zoom));
  const areaPaths = useMemo(
    () => (props.areas?.features ?? []).map((feature) => ({ feature, d: ringsPath(polygonsOf(feature.geometry), tolerance) })),
    [props.areas, tolerance],
  );
  const zonePaths = useMemo(
    () => (props.zones?.features ?? []).map((feature) => ({ feature, d: ringsPath(polygonsOf(feature.geometry), tolerance) })),
    [props.zones, tolerance],
  );
  const province = useMemo(() => (props.provinceBbox ? ringsPath(boxPolygon(props.provinceBbox).coordinates, 0) : ''), [props.provinceBbox]);
  const places = useMemo(
    () =>
      (props.places?.features ?? [])
        .filter((f) => f.properties.status !== 'closed' && props.placeKinds.includes(f.properties.kind))
        .map(({ geometry, properties: place }) => ({ place, x: projectX(geometry.coordinates[0] ?? 0), y: projectY(geometry.coordinates[1] ?? 0) })),
    [props.places, props.placeKinds],
  );
  const px = (pixels: number) => pixels / scale;

  return (
    <>
      {props.showProvinceBox && province && <path d={province} fill="#ffffff" fillOpacity={0.7} stroke="#0b5560" strokeWidth={2} strokeDasharray="6 4" {...LINE} />}
      <g className="svg-areas">
        {areaPaths
          .filter(({ feature }) => levelShown(props, feature.properties.unitLevel, zoom))
          .map(({ feature: { properties: area }, d }) => (
            <path
              key={`${area.unitLevel}-${area.code}-${area.covers}`}
              d={d}
              fill={area.fill}
              fillOpacity={0.45}
              fillRule="evenodd"
              stroke="#37474f"
              strokeWidth={area.unitLevel === 'district' ? 1.5 : 0.8}
              data-unit={area.code}
              data-covers={area.covers}
              data-colour={area.colour ?? 'none'}
              {...LINE}
            >
              <title>{area.name}</title>
            </path>
          ))}
      </g>
      <g className="svg-zones">
        {zonePaths
          .filter(({ feature }) => props.zoneKinds.includes(feature.properties.kind))
          .map(({ feature: { properties: zone }, d }) => (
            <path key={zone.id} d={d} fill={ZONE_HEX[zone.kind]} fillOpacity={0.35} fillRule="evenodd" stroke={ZONE_HEX[zone.kind]} strokeWidth={2} data-zone={zone.id} {...LINE}>
              <title>{zone.name}</title>
            </path>
          ))}
      </g>
      {/* a finger-sized target around each place, under every dot: a tap on a dot gets that dot */}
      <g className="svg-place-targets">
        {places.map(({ place, x, y }) => (
          <circle key={place.id} cx={x} cy={y} r={px(12)} fill="transparent" data-place={place.id} data-target="" />
        ))}
      </g>
      <g className="svg-places">
        {places.map(({ place, x, y }) => (
          <circle key={place.id} cx={x} cy={y} r={px(5)} fill={PLACE_HEX[place.kind]} stroke="#ffffff" strokeWidth={2} data-place={place.id} data-kind={place.kind} {...LINE}>
            <title>{place.name}</title>
          </circle>
        ))}
      </g>
      {props.point && (
        <g transform={`translate(${projectX(props.point.lon)} ${projectY(props.point.lat)})`} pointerEvents="none" data-testid="svg-point">
          <circle r={px(9)} fill="#0b5560" fillOpacity={0.25} />
          <circle r={px(5)} fill="#0b5560" stroke="#ffffff" strokeWidth={2} {...LINE} />
        </g>
      )}
    </>
  );
});
