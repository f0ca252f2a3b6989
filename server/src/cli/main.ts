// The `vigil` command: npm run --silent vigil -- <command> [options]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { boot } from '../boot.js';
import { serve } from '../main.js';
import { AppError } from '../platform/errors.js';
import { importBoundaries, importUnits } from '../modules/units/import.js';
import { seedDemoIfAbsent, seedDemoCommand } from './demo.js';
import { levelsCommand } from './levels.js';
import { poolCommand } from './pool.js';
import { certCommand } from './cert.js';
import { describeMapImport, importMapData, MAP_IMPORT_KINDS, type MapImportKind } from './mapData.js';
import { importVenuesCommand } from './venues.js';
import { purgePresence } from '../modules/checkins/retention.js';

const USAGE = `vigil <command> [--json]
  serve                         run the server (what npm start runs)
  migrate                       apply database migrations
  seed --demo [--scale N] [--seed S]   generate the demo province
  import units FILE.json        load an administrative unit tree
  import boundaries FILE.geojson  load unit boundaries (matched by properties.code)
  levels assess --rules FILE_OR_ID --input FILE   epidemic levels from a file (no database)
  pool plan --prevalence P --max-pool K --max-rounds R [--household-sizes FILE]   the best pooling scheme (no database)
  pool simulate --population N --prevalence P --household-sar S --max-pool K --max-rounds R --seed X [--dilution D]
                                simulate a testing round with that scheme (no database)
  cert verify --trust FILE [--at TIME] < HC1.txt   check an EU DCC certificate against trusted keys (no database)
  import venues FILE.csv        load venues (all rows or none), printing progress
  import places FILE.csv        load map places: code,kind,name,address,commune_code,lat,lon,… (all rows or none)
  import zones FILE.geojson     load lockdown and isolation zones: a FeatureCollection, one zone per feature
  import figures FILE.csv       load official figures: unit_code,date,confirmed_community,…,source,as_of
                                (each problem is printed with its line or feature and field; on
                                PostgreSQL a running server's open data shows the import within 5 minutes)
  purge presence [--days N]     delete check-ins and declarations older than the retention period
                                (and venue import reports finished a week ago)`;

function print(json: boolean, value: unknown, text: string) {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);
}

function readJsonFile(file: string | undefined): unknown {
  if (!file) throw new AppError('validation_failed', 'name the file to import');
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('validation_failed', `cannot read ${file}`);
  }
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new AppError('unprocessable', `${file} is not valid JSON: ${(error as Error).message}`);
  }
}

async function run(argv: string[]): Promise<number> {
  // Computes from files only: no configuration, no database.
  if (argv[0] === 'levels') return levelsCommand(argv.slice(1));
  if (argv[0] === 'pool') return poolCommand(argv.slice(1));
  if (argv[0] === 'cert') return certCommand(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { days: { type: 'string' }, json: { type: 'boolean', default: false }, demo: { type: 'boolean', default: false }, scale: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }
  const config = loadConfig();
  const json = values.json;

  if (command === 'serve') {
    await serve(config, { seedDemo: seedDemoIfAbsent });
    return -1; // keep running
  }

  const { db, migrations } = await boot(config);
  try {
    switch (command) {
      case 'migrate':
        print(json, { applied: migrations }, migrations.length ? `applied ${migrations.join(', ')}` : 'database is up to date');
        return 0;
      case 'seed': {
        if (!values.demo) throw new AppError('validation_failed', 'only `vigil seed --demo` exists');
        const result = await seedDemoCommand(db, values.scale, values.seed);
        print(json, result, `demo data: ${JSON.stringify(result)}`);
        return 0;
      }
      case 'import': {
        const [what, file] = rest;
        if (what === 'units') {
          const result = await importUnits(db, readJsonFile(file));
          print(json, result, `units: ${result.inserted} added, ${result.updated} updated`);
          return 0;
        }
        if (what === 'boundaries') {
          const result = await importBoundaries(db, readJsonFile(file));
          print(json, result, [
            `boundaries imported: ${result.imported.length} (${result.imported.join(', ')})`,
            `features matching no unit: ${result.unmatchedFeatures.length ? result.unmatchedFeatures.join(', ') : 'none'}`,
            `units without a boundary: ${result.unitsWithoutBoundary.length}`,
          ].join('\n'));
          return 0;
        }
        if (what === 'venues') {
          const result = await importVenuesCommand(db, file, json, config.provinceBbox);
          print(json, result, result.status === 'done'
            ? `venues: ${result.created ?? 0} added, ${result.updated ?? 0} updated`
            : `venues: nothing imported: ${result.message ?? ''}\n${Object.entries(result.problems ?? {}).map(([f, r]) => `  ${f}: ${r}`).join('\n')}`);
          return result.status === 'done' ? 0 : 2;
        }
        if (MAP_IMPORT_KINDS.includes(what as MapImportKind)) {
          const kind = what as MapImportKind;
          const result = await importMapData(db, config, kind, file);
          print(json, result, describeMapImport(kind, result));
          return result.status === 'done' ? 0 : 2;
        }
        throw new AppError('validation_failed', 'import what? `vigil import units|boundaries|venues|places|zones|figures FILE`');
      }
      case 'purge': {
        if (rest[0] !== 'presence') throw new AppError('validation_failed', 'only `vigil purge presence [--days N]` exists');
        const days = values.days === undefined ? config.presenceRetentionDays : Number(values.days);
        if (!Number.isInteger(days) || days < 1) throw new AppError('validation_failed', '--days must be a whole number of days, at least 1');
        const result = await purgePresence(db, days);
        print(json, result, `deleted ${result.checkins} check-ins and ${result.declarations} declarations from before ${result.cutoff}, and ${result.importJobs} finished import reports`);
        return 0;
      }
      default:
        throw new AppError('validation_failed', `unknown command "${command}"\n${USAGE}`);
    }
  } finally {
    await db.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => { if (code >= 0) process.exitCode = code; },
  (error: unknown) => {
    const known = error instanceof AppError || error instanceof ConfigError;
    const message = error instanceof Error ? error.message : String(error);
    if (process.argv.includes('--json') && error instanceof AppError) {
      process.stdout.write(`${JSON.stringify({ error: { code: error.code, message } })}\n`);
    }
    process.stderr.write(`vigil: ${known ? message : (error instanceof Error ? error.stack : undefined) ?? message}\n`);
    process.exitCode = known ? 2 : 1;
  },
);
