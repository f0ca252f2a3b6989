// What the collector's phone remembers between visits (localStorage), so the page reopens without
// network where it was left: the session chosen (with the organisation's members for representative
// sessions), the open tube, the last list of sessions and the last pool size proposed per commune.
import type { Session } from './api';
import type { PoolSizeProposal } from './roundsApi';

export interface OrganisationMember {
  personId: string;
  fullName: string;
  team: string | null;
}

export interface CollectorSession extends Session {
  /** organisation_representative sessions: the members a representative may stand for */
  organisationMembers?: OrganisationMember[];
}

const KEYS = {
  session: 'vigil.collector.session',
  tube: 'vigil.collector.tube',
  sessions: 'vigil.collector.sessions',
  poolSize: 'vigil.collector.poolSize',
} as const;

function read(key: string): unknown {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or disabled: the page works, it just forgets
  }
}

export const storedSession = () => read(KEYS.session) as CollectorSession | null;
export const storeSession = (session: CollectorSession | null) => write(KEYS.session, session);

/** The open tube, with the session it was opened in (a tube is never carried into another session). */
export function storedTube(sessionId: string | undefined): string | null {
  const tube = read(KEYS.tube) as { sessionId: string; barcode: string } | null;
  return tube && tube.sessionId === sessionId ? tube.barcode : null;
}
export const storeTube = (sessionId: string, barcode: string | null) => write(KEYS.tube, barcode ? { sessionId, barcode } : null);

export const storedSessions = () => (read(KEYS.sessions) as Session[] | null) ?? [];
export const storeSessions = (sessions: Session[]) => write(KEYS.sessions, sessions);

/** The engine's proposal depends on the commune, the test and the risk: one remembered per combination. */
const poolSizeKey = (session: Pick<Session, 'communeCode' | 'testType' | 'highRisk'>) => `${session.communeCode} ${session.testType} ${session.highRisk}`;

const poolSizes = () => (read(KEYS.poolSize) as Record<string, PoolSizeProposal> | null) ?? {};

export function storedPoolSize(session: Pick<Session, 'communeCode' | 'testType' | 'highRisk'>): PoolSizeProposal | null {
  return poolSizes()[poolSizeKey(session)] ?? null;
}
export function storePoolSize(session: Pick<Session, 'communeCode' | 'testType' | 'highRisk'>, size: PoolSizeProposal): void {
  write(KEYS.poolSize, { ...poolSizes(), [poolSizeKey(session)]: size });
}
