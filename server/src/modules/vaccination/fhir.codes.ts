// Code systems and identifier systems of the FHIR export. The international codings are public
// terminologies; the national and local systems are configuration: set them to the URIs the
// national immunization registry assigns before the first real export.
import { DCC_PRODUCTS } from './certificate.entry.js';

export const SYSTEMS = {
  /** SNOMED CT (vaccine type and target disease of the EU DCC value sets) */
  snomed: 'http://snomed.info/sct',
  /** WHO ATC (J07BX03 "covid-19 vaccines") */
  atc: 'http://www.whocc.no/atc',
  /** EU DCC value set "vaccines-covid-19-names": EMA product numbers (EU/1/20/1528 …) or WHO EUL names */
  euProduct: 'https://ec.europa.eu/health/documents/community-register/html/',
  /** the national catalogue's product codes (Vigil's products.json codes until the Ministry's system is configured) */
  nationalProduct: 'urn:vigil:vn:vaccine-product',
  /** Căn cước công dân / national ID number (12 digits) */
  nationalId: 'urn:vigil:vn:national-id',
  /** Vigil's own ids: people, doses, sites, vaccinators */
  person: 'urn:vigil:person',
  dose: 'urn:vigil:dose',
  site: 'urn:vigil:vaccination-site',
  user: 'urn:vigil:user',
  /** HL7 v2 table 0443 (provider role): AP = administering provider */
  providerRole: 'http://terminology.hl7.org/CodeSystem/v2-0443',
} as const;

export const COVID19 = { system: SYSTEMS.snomed, code: '840539006', display: 'COVID-19' };

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

/** The codings of a catalogue product: vaccine type, EU/WHO product, national code. */
export function productCodings(productCode: string, productName: string): Coding[] {
  const dcc = DCC_PRODUCTS[productCode];
  const codings: Coding[] = [];
  if (dcc) {
    codings.push({ system: /^\d+$/.test(dcc.vp) ? SYSTEMS.snomed : SYSTEMS.atc, code: dcc.vp });
    codings.push({ system: SYSTEMS.euProduct, code: dcc.mp, display: productName });
  }
  codings.push({ system: SYSTEMS.nationalProduct, code: productCode, display: productName });
  return codings;
}
