// A dose as a FHIR R4 Immunization and its person as a Patient (http://hl7.org/fhir/R4/), for the
// national registry. Only what the registry needs leaves the server: no phone, no Vigil internals.
import { doseNumbering } from './certificate.entry.js';
import { COVID19, productCodings, SYSTEMS } from './fhir.codes.js';

/** One dose with its person, lot, site and place in the person's history (export.repository.ts). */
export interface ExportDose {
  dose_id: string;
  person_id: string;
  product_code: string;
  product_name: string;
  lot_number: string;
  expires_on: string;
  administered_at: Date;
  recorded_at: Date;
  /** the dose's position in the person's history (1-based), merge-safe */
  position: number;
  /** primary doses of the product that started the series */
  series_doses: number;
  site_id: string;
  site_name: string;
  vaccinator_id: string;
  vaccinator: string | null;
  full_name: string;
  national_id: string | null;
  birth_date: string | null;
  birth_year: number;
  sex: 'male' | 'female' | 'other' | null;
  address: string | null;
  commune_code: string;
  commune_name: string;
  district_name: string | null;
  province_name: string | null;
}

export function patientResource(dose: ExportDose): Record<string, unknown> {
  const identifier = [
    ...(dose.national_id ? [{ use: 'official', system: SYSTEMS.nationalId, value: dose.national_id }] : []),
    { use: 'secondary', system: SYSTEMS.person, value: dose.person_id },
  ];
  const place = [dose.commune_name, dose.district_name, dose.province_name].filter(Boolean).join(', ');
  return {
    resourceType: 'Patient',
    id: dose.person_id,
    identifier,
    name: [{ use: 'official', text: dose.full_name }],
    ...(dose.sex ? { gender: dose.sex } : {}),
    // FHIR dates may be a year alone: a birth year is not turned into an invented day
    birthDate: dose.birth_date ?? String(dose.birth_year),
    address: [{
      use: 'home',
      text: [dose.address, place].filter(Boolean).join(', '),
      ...(dose.address ? { line: [dose.address] } : {}),
      city: dose.commune_name,
      ...(dose.district_name ? { district: dose.district_name } : {}),
      ...(dose.province_name ? { state: dose.province_name } : {}),
      country: 'VN',
      extension: [{ url: 'urn:vigil:administrative-unit-code', valueCode: dose.commune_code }],
    }],
  };
}

export function immunizationResource(dose: ExportDose): Record<string, unknown> {
  const { dn, sd } = doseNumbering(dose.position, dose.series_doses);
  return {
    resourceType: 'Immunization',
    id: dose.dose_id,
    identifier: [{ system: SYSTEMS.dose, value: dose.dose_id }],
    status: 'completed',
    vaccineCode: { coding: productCodings(dose.product_code, dose.product_name), text: dose.product_name },
    patient: { reference: `Patient/${dose.person_id}` },
    occurrenceDateTime: dose.administered_at.toISOString(),
    recorded: dose.recorded_at.toISOString(),
    primarySource: true,
    lotNumber: dose.lot_number,
    expirationDate: dose.expires_on,
    performer: [{
      function: { coding: [{ system: SYSTEMS.providerRole, code: 'AP', display: 'Administering Provider' }] },
      actor: { identifier: { system: SYSTEMS.user, value: dose.vaccinator_id }, ...(dose.vaccinator ? { display: dose.vaccinator } : {}) },
    }],
    location: { identifier: { system: SYSTEMS.site, value: dose.site_id }, display: dose.site_name },
    protocolApplied: [{
      series: dose.position <= dose.series_doses ? 'primary' : 'booster',
      targetDisease: [{ coding: [COVID19] }],
      doseNumberPositiveInt: dn,
      seriesDosesPositiveInt: sd,
    }],
  };
}

/** NDJSON: every person once (before their doses), then each dose; one resource per line. */
export function toNdjson(doses: ExportDose[]): string {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const dose of doses) {
    if (!seen.has(dose.person_id)) {
      seen.add(dose.person_id);
      lines.push(JSON.stringify(patientResource(dose)));
    }
    lines.push(JSON.stringify(immunizationResource(dose)));
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
