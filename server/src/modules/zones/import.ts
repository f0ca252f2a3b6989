// A GeoJSON FeatureCollection of zones → the zone bodies the API takes, checked against the
// same schema as POST /zones (field names point into the file: features[2].properties.startsOn).
import { type FieldErrors, validationFailed } from '../../platform/errors.js';
import { schemaErrors } from '../open/validate.js';
import { CreateZoneBody, type ImportZonesBody } from './schema.js';

export function zonesOfCollection(collection: ImportZonesBody): CreateZoneBody[] {
  const fields: FieldErrors = {};
  const zones: CreateZoneBody[] = [];
  collection.features.forEach((feature, index) => {
    const properties = typeof feature.properties === 'object' && feature.properties !== null ? feature.properties : {};
    const candidate = { ...properties, geometry: feature.geometry };
    const problems = schemaErrors(CreateZoneBody, candidate, `features[${index}].properties`);
    for (const [field, reason] of Object.entries(problems)) {
      fields[field.replace(`features[${index}].properties.geometry`, `features[${index}].geometry`)] = reason;
    }
    if (Object.keys(problems).length === 0) zones.push(candidate as CreateZoneBody);
  });
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return zones;
}
