/** A configuration value is missing or malformed: the process stops at start with this message. */
export class ConfigError extends Error {}

/** A whole number from the environment, `fallback` when unset or blank; out of range stops the start. */
export function integerSetting(env: NodeJS.ProcessEnv, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${key} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}
