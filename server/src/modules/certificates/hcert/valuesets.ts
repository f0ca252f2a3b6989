// The EU DCC value sets Vigil issues and shows, as data (eHealth Network value sets for digital
// COVID certificates): codes with Vietnamese and English labels. A code a verifier does not find
// here is shown as it is: foreign issuers use codes added after these lists were written.

export interface ValueSetEntry {
  vi: string;
  en: string;
}
export type ValueSet = Record<string, ValueSetEntry>;

/** tg: disease or agent targeted */
export const DISEASE_AGENT: ValueSet = {
  '840539006': { vi: 'COVID-19', en: 'COVID-19' },
};

/** tt: type of test */
export const TEST_TYPE: ValueSet = {
  'LP6464-4': { vi: 'Xét nghiệm axit nucleic (RT-PCR)', en: 'Nucleic acid amplification test (RT-PCR)' },
  'LP217198-3': { vi: 'Xét nghiệm nhanh kháng nguyên', en: 'Rapid antigen test' },
};

/** tr: test result */
export const TEST_RESULT: ValueSet = {
  '260415000': { vi: 'Âm tính (không phát hiện)', en: 'Negative (not detected)' },
  '260373001': { vi: 'Dương tính (phát hiện)', en: 'Positive (detected)' },
};

/** vp: vaccine or prophylaxis */
export const VACCINE_PROPHYLAXIS: ValueSet = {
  '1119305005': { vi: 'Vắc xin kháng nguyên SARS-CoV-2', en: 'SARS-CoV-2 antigen vaccine' },
  '1119349007': { vi: 'Vắc xin mRNA SARS-CoV-2', en: 'SARS-CoV-2 mRNA vaccine' },
  J07BX03: { vi: 'Vắc xin COVID-19', en: 'COVID-19 vaccines' },
};

/** mp: vaccine medicinal product (the products Vietnam used in 2021 among them) */
export const VACCINE_PRODUCT: ValueSet = {
  'EU/1/20/1528': { vi: 'Comirnaty (Pfizer-BioNTech)', en: 'Comirnaty (Pfizer-BioNTech)' },
  'EU/1/20/1507': { vi: 'Spikevax (Moderna)', en: 'Spikevax (Moderna)' },
  'EU/1/21/1529': { vi: 'Vaxzevria (AstraZeneca)', en: 'Vaxzevria (AstraZeneca)' },
  'EU/1/20/1525': { vi: 'COVID-19 Vaccine Janssen', en: 'COVID-19 Vaccine Janssen' },
  'Sputnik-V': { vi: 'Sputnik V (Gam-COVID-Vac)', en: 'Sputnik V (Gam-COVID-Vac)' },
  'BBIBP-CorV': { vi: 'Vero Cell (Sinopharm)', en: 'BBIBP-CorV (Sinopharm)' },
  CoronaVac: { vi: 'CoronaVac (Sinovac)', en: 'CoronaVac (Sinovac)' },
  Covishield: { vi: 'Covishield (Serum Institute of India)', en: 'Covishield (Serum Institute of India)' },
  Abdala: { vi: 'Abdala (CIGB, Cuba)', en: 'Abdala (CIGB, Cuba)' },
};

/** ma: marketing authorisation holder or manufacturer of a vaccine */
export const VACCINE_MANUFACTURER: ValueSet = {
  'ORG-100030215': { vi: 'BioNTech Manufacturing GmbH', en: 'BioNTech Manufacturing GmbH' },
  'ORG-100031184': { vi: 'Moderna Biotech Spain S.L.', en: 'Moderna Biotech Spain S.L.' },
  'ORG-100001699': { vi: 'AstraZeneca AB', en: 'AstraZeneca AB' },
  'ORG-100001417': { vi: 'Janssen-Cilag International', en: 'Janssen-Cilag International' },
  'Gamaleya-Research-Institute': { vi: 'Viện Gamaleya', en: 'Gamaleya Research Institute' },
  'ORG-100020693': { vi: 'Sinopharm (Bắc Kinh)', en: 'China Sinopharm International Corp. - Beijing' },
  'Sinovac-Biotech': { vi: 'Sinovac Biotech', en: 'Sinovac Biotech' },
  'ORG-100001981': { vi: 'Serum Institute of India', en: 'Serum Institute of India' },
  CIGB: { vi: 'Trung tâm Kỹ thuật Di truyền và Công nghệ Sinh học (Cuba)', en: 'Center for Genetic Engineering and Biotechnology (Cuba)' },
};

/** The value set a DCC field draws from, for showing a code by its label. */
export const FIELD_VALUE_SETS: Record<string, ValueSet> = {
  tg: DISEASE_AGENT, tt: TEST_TYPE, tr: TEST_RESULT, vp: VACCINE_PROPHYLAXIS, mp: VACCINE_PRODUCT,
};

/** The label of a code in a language, or the code itself when the list does not hold it. */
export function labelOf(set: ValueSet, code: string, lang: 'vi' | 'en'): string {
  return set[code]?.[lang] ?? code;
}
