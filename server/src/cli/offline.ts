// What the commands that compute from files alone (`levels`, `pool`) share: no configuration, no
// database; a refusal is printed (and as JSON with --json) and exits 2, anything else is a bug.
import { AppError, type FieldErrors } from '../platform/errors.js';

export interface CommandOutput {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export const failure = (message: string, fields?: FieldErrors) => new AppError('validation_failed', message, fields);

/** Prints a refusal (a bad option, a bad file) and returns the exit code 2; rethrows anything else. */
export function refused(error: unknown, io: CommandOutput, json: boolean, command: string): number {
  const badOption = error instanceof Error && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
  const known = error instanceof AppError ? error : badOption ? failure(error.message) : null;
  if (!known) throw error;
  if (json) io.stdout.write(`${JSON.stringify({ error: { code: known.code, message: known.message, fields: known.fields ?? {} } })}\n`);
  io.stderr.write(`vigil ${command}: ${known.message}\n`);
  return 2;
}
