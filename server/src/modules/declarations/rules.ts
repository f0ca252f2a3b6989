// The triage rules in force: the defaults shipped in triage-rules.json, or the set a health officer
// stored (settings key declaration_triage_rules, so every node reads the same). A new set applies to
// declarations made after it; stored flags are what applied when the citizen declared.
import fs from 'node:fs';
import { Value } from 'typebox/value';
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { DECLARATIONS_READ, RULES_EDIT } from './permissions.js';
import { type PutRulesBody, type RulesView, TriageRules } from './schema.js';

export const RULES_KEY = 'declaration_triage_rules';

function loadDefaultRules(): TriageRules {
  const doc: unknown = JSON.parse(fs.readFileSync(new URL('./triage-rules.json', import.meta.url), 'utf8'));
  // A broken file must stop the start, not flag every citizen green.
  if (!Value.Check(TriageRules, doc)) throw new Error(`triage-rules.json does not match the rules schema: ${[...Value.Errors(TriageRules, doc)].map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
  return doc;
}

export const DEFAULT_RULES: TriageRules = loadDefaultRules();

/** The rules in force, with where they come from. */
export async function currentRules(db: Queryable): Promise<RulesView> {
  const [row] = await db.query<{ value: string; updated_at: Date }>('SELECT value, updated_at FROM settings WHERE key = $1', [RULES_KEY]);
  if (row) {
    const stored: unknown = JSON.parse(row.value);
    // Stored sets were checked when written; one that no longer fits a later schema falls back to
    // the defaults rather than stopping citizens from declaring.
    if (Value.Check(TriageRules, stored)) return { rules: stored.rules, source: 'custom', updatedAt: row.updated_at.toISOString() };
  }
  return { rules: DEFAULT_RULES.rules, source: 'default', updatedAt: null };
}

export async function getRules(db: Database, actor: Actor): Promise<RulesView> {
  requirePermission(actor, DECLARATIONS_READ);
  return currentRules(db);
}

export async function replaceRules(db: Database, actor: Actor, body: PutRulesBody): Promise<RulesView> {
  requirePermission(actor, RULES_EDIT);
  return db.transaction(async (tx) => {
    const before = await currentRules(tx);
    await tx.query(
      `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [RULES_KEY, JSON.stringify({ rules: body.rules })],
    );
    await audit(tx, actor, { action: 'update', entity: 'declaration_rules', entityId: RULES_KEY, reason: body.reason ?? null, before: { rules: before.rules }, after: { rules: body.rules } });
    return currentRules(tx);
  });
}
