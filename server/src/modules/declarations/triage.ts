// Triage: which flag a declaration gets from its answers, by rules that staff can change.
// Pure, so the web app or a test can ask "what would these rules say" without a database.
import type { DeclarationKind, Direction, Flag, Symptom, TriageRule, TriageRules, Vaccination } from './schema.js';

export interface TriageAnswers {
  kind: DeclarationKind;
  symptoms: readonly Symptom[];
  contactWithCase: boolean;
  beenToOutbreakArea: boolean;
  vaccination: Vaccination;
  /** entry declarations only */
  direction: Direction | null;
}

export interface TriageResult {
  flag: Flag;
  /** the reasons of the matching rules, the red ones first, each once */
  reasons: string[];
}

const SEVERITY: Record<Flag, number> = { green: 0, yellow: 1, red: 2 };

function matches(when: TriageRule['when'], answers: TriageAnswers): boolean {
  if (when.symptomsAnyOf && !when.symptomsAnyOf.some((symptom) => answers.symptoms.includes(symptom))) return false;
  if (when.contactWithCase !== undefined && when.contactWithCase !== answers.contactWithCase) return false;
  if (when.beenToOutbreakArea !== undefined && when.beenToOutbreakArea !== answers.beenToOutbreakArea) return false;
  if (when.vaccinationIn && !when.vaccinationIn.includes(answers.vaccination)) return false;
  if (when.kindIn && !when.kindIn.includes(answers.kind)) return false;
  if (when.directionIn && (answers.direction === null || !when.directionIn.includes(answers.direction))) return false;
  return true;
}

/** The most severe flag among the rules that match (green when none does), and their reasons. */
export function triage(answers: TriageAnswers, rules: TriageRules): TriageResult {
  const matched = rules.rules.filter((rule) => matches(rule.when, answers));
  const flag = matched.reduce<Flag>((worst, rule) => (SEVERITY[rule.flag] > SEVERITY[worst] ? rule.flag : worst), 'green');
  // Stable sort: red reasons first, otherwise in the rules' order.
  const ordered = [...matched].sort((a, b) => SEVERITY[b.flag] - SEVERITY[a.flag]);
  return { flag, reasons: [...new Set(ordered.map((rule) => rule.reason))] };
}
