-- Verifiable certificates (issue #8): the keys that sign EU DCC certificates (HCERT, ES256) and the
-- certificates issued with them. Contract: docs/API-CERTIFICATES.md.

-- An ES256 (ECDSA P-256) key pair made by the server, with its self-signed Document Signer
-- Certificate. The key id (kid) is the first 8 bytes of the SHA-256 of that certificate (the DCC
-- rule). One key is active and signs; rotation makes a new one active, and earlier keys stay in the
-- public trust list until their certificate expires, so what they signed still verifies.
CREATE TABLE signing_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- base64 of the 8-byte key id
  kid text NOT NULL UNIQUE,
  -- DER X.509: what the trust list publishes
  certificate bytea NOT NULL,
  -- PKCS#8 DER, sealed with AES-256-GCM under VIGIL_SIGNING_KEY_SECRET when it is set
  private_key bytea NOT NULL,
  private_key_protection text NOT NULL CHECK (private_key_protection IN ('none', 'aes-256-gcm')),
  -- the certificate's validity; certificates signed with the key never expire after not_after
  not_before timestamptz NOT NULL,
  not_after timestamptz NOT NULL,
  -- when the key stops signing (a new key is made at the next issue, or by an administrator before)
  sign_until timestamptz NOT NULL,
  active boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz,
  CHECK (not_after > not_before),
  CHECK (sign_until <= not_after),
  CHECK (NOT active OR retired_at IS NULL)
);
-- at most one key signs
CREATE UNIQUE INDEX signing_keys_active_idx ON signing_keys ((true)) WHERE active;
-- the trust list: keys whose certificate has not expired
CREATE INDEX signing_keys_not_after_idx ON signing_keys (not_after);

-- Every certificate issued, without personal data: its identifier (UVCI), kind, key and validity.
-- The module that issued it (vaccination, testing) links it to the person; a revocation list can
-- be built from here later.
CREATE TABLE issued_certificates (
  uvci text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('v', 't', 'r')),
  kid text NOT NULL REFERENCES signing_keys (kid),
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CHECK (expires_at > issued_at)
);
