/** A configuration value is missing or malformed: the process stops at start with this message. */
export class ConfigError extends Error {}
