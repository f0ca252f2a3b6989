// `vigil import venues FILE.csv`: the same import job as the API, with its progress on stderr.
import fs from 'node:fs';
import type { Bbox } from '../config.js';
import type { Database } from '../db/database.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { AppError } from '../platform/errors.js';
import { getImportJob, startVenueImport, type ImportJob } from '../modules/checkins/venues.import.js';

export async function importVenuesCommand(db: Database, file: string | undefined, quiet: boolean, box: Bbox): Promise<ImportJob> {
  if (!file) throw new AppError('validation_failed', 'name the CSV file to import');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('validation_failed', `cannot read ${file}`);
  }
  const { job, done } = await startVenueImport(db, SYSTEM_ACTOR, text, box);
  const timer = setInterval(() => {
    void getImportJob(db, SYSTEM_ACTOR, job.id).then((now) => {
      if (!quiet) process.stderr.write(`${now.status} ${now.processed}/${now.total}\n`);
    }, () => undefined);
  }, 1000);
  try {
    return await done;
  } finally {
    clearInterval(timer);
  }
}
