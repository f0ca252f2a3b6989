// Settings of verifiable certificates, read from the environment and validated once at boot.
import type { Config } from '../../config.js';
import { ConfigError, integerSetting as integer } from '../../configError.js';

export interface CertificateConfig {
  /**
   * VIGIL_SIGNING_KEY_SECRET: when set (at least 32 characters), private signing keys are stored
   * encrypted under a key derived from it (AES-256-GCM), so a copy of the database alone cannot
   * sign. Unset: they are stored as they are, protected like the rest of the database.
   */
  signingKeySecret: string | null;
  /** VIGIL_SIGNING_KEY_DAYS: how long a key signs before a new one replaces it (default 365). */
  signingKeyDays: number;
  /** VIGIL_CERTIFICATE_MAX_DAYS: the longest a certificate is valid (default 365); a key's DSC stays valid this long after it stops signing. */
  certificateMaxDays: number;
  /** VIGIL_CERTIFICATE_COUNTRY: the issuing country (CWT iss, entries' co), ISO 3166-1 alpha-2 (default VN). */
  country: string;
  /** VIGIL_CERTIFICATE_ISSUER: who issues (the entries' `is`, the DSC's organisation), at most 80 characters. */
  issuer: string;
  /** VIGIL_CERTIFICATE_ISSUER_CODE: the issuing entity inside the certificate identifier (UVCI), default the province's GSO code 93. */
  issuerCode: string;
}


export function loadCertificateConfig(env: NodeJS.ProcessEnv): CertificateConfig {
  const secret = env.VIGIL_SIGNING_KEY_SECRET?.trim() || null;
  if (secret !== null && secret.length < 32) throw new ConfigError('VIGIL_SIGNING_KEY_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`)');
  const country = (env.VIGIL_CERTIFICATE_COUNTRY ?? 'VN').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new ConfigError(`VIGIL_CERTIFICATE_COUNTRY must be two letters (ISO 3166-1 alpha-2), got "${country}"`);
  const issuer = (env.VIGIL_CERTIFICATE_ISSUER ?? 'Sở Y tế tỉnh Hậu Giang').trim();
  if (!issuer || issuer.length > 80) throw new ConfigError('VIGIL_CERTIFICATE_ISSUER must be 1 to 80 characters');
  const issuerCode = (env.VIGIL_CERTIFICATE_ISSUER_CODE ?? '93').trim().toUpperCase();
  if (!/^[A-Z0-9]{1,10}$/.test(issuerCode)) throw new ConfigError('VIGIL_CERTIFICATE_ISSUER_CODE must be 1 to 10 letters or digits');
  return {
    signingKeySecret: secret,
    signingKeyDays: integer(env, 'VIGIL_SIGNING_KEY_DAYS', 365, 1, 3650),
    certificateMaxDays: integer(env, 'VIGIL_CERTIFICATE_MAX_DAYS', 365, 1, 3650),
    country,
    issuer,
    issuerCode,
  };
}

/** The certificate settings of a running app. */
export const certificateConfigOf = (config: Pick<Config, 'certificates'>): CertificateConfig => config.certificates;
