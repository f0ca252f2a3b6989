// Representative sampling: after a household's or a team's representative is identified, the collector
// ticks the people they stand for. A household is looked up on the server (the representative's record,
// an audited read); an organisation's members were fetched when the session was chosen, so teams can
// be picked without network.
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { getPerson, searchPeople } from '../people/api';
import type { WalkIn } from './api';
import { personIdInCode } from './codes';
import type { CollectorSession, OrganisationMember } from './collectorStore';

export interface Who {
  personCode?: string;
  nationalId?: string;
  walkIn?: WalkIn;
}

interface Candidate {
  personId: string;
  fullName: string;
  team: string | null;
}

/** Households this large need two representatives (issue #7; server sessions.rules.ts). */
const TWO_REPRESENTATIVES_FROM = 5;

async function personIdOf(who: Who, signal: AbortSignal): Promise<string | null> {
  if (who.personCode) return personIdInCode(who.personCode);
  if (who.nationalId) {
    const found = await searchPeople({ q: who.nationalId, limit: 5, offset: 0 }, signal);
    return found.items.find((p) => p.nationalId === who.nationalId)?.id ?? null;
  }
  return null;
}

interface Props {
  session: CollectorSession;
  who: Who;
  whoLabel: string;
  onRecord: (represents: Candidate[], representativeName?: string) => void;
  onCancel: () => void;
}

export function RepresentPicker({ session, who, whoLabel, onRecord, onCancel }: Props) {
  const { t } = useI18n();
  const household = session.mode === 'household_representative';
  const [chosen, setChosen] = useState<Set<string> | null>(null);

  const found = useAsync(async (signal) => {
    let personId: string | null = null;
    try {
      personId = await personIdOf(who, signal);
    } catch (error) {
      // an organisation's members are on the device: without network only the representative is unknown
      if (household) throw error;
    }
    if (!household) {
      const members: OrganisationMember[] = session.organisationMembers ?? [];
      const own = members.find((m) => m.personId === personId);
      return { personId, name: own?.fullName, candidates: members.filter((m) => m.personId !== personId), team: own?.team ?? null };
    }
    if (!personId) return { personId, name: undefined, candidates: [] as Candidate[], team: null };
    const detail = await getPerson(personId, `Lấy mẫu đại diện hộ gia đình: ${session.name}`, signal);
    const candidates = (detail.household?.members ?? []).filter((m) => m.personId !== detail.id).map((m) => ({ personId: m.personId, fullName: m.fullName, team: null }));
    return { personId, name: detail.fullName, candidates, team: null, householdSize: detail.household?.members.length ?? 0 };
  }, [who.personCode, who.nationalId, household]);

  const candidates = useMemo(() => found.data?.candidates ?? [], [found.data]);
  // a household's members are all represented unless unticked; in an organisation, the representative's team
  const defaults = useMemo(
    () => new Set(candidates.filter((c) => household || (found.data?.team != null && c.team === found.data.team)).map((c) => c.personId)),
    [candidates, household, found.data],
  );
  const ticked = chosen ?? defaults;
  const teams = useMemo(() => {
    const byTeam = new Map<string, Candidate[]>();
    for (const c of candidates) byTeam.set(c.team ?? '', [...(byTeam.get(c.team ?? '') ?? []), c]);
    return [...byTeam.entries()].sort(([a], [b]) => a.localeCompare(b, 'vi'));
  }, [candidates]);

  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(ticked);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    setChosen(next);
  };

  const size = found.data && 'householdSize' in found.data ? found.data.householdSize ?? 0 : 0;
  return (
    <section className="card represent-picker" aria-labelledby="represent-title" data-testid="represent-picker">
      <h2 id="represent-title">{t('collect.represents', { who: found.data?.name ?? whoLabel })}</h2>
      {found.loading && <Loading />}
      {found.error !== undefined && (
        <>
          <ErrorNotice error={found.error} onRetry={found.reload} />
          <p className="muted">{t('collect.representsUnavailable')}</p>
        </>
      )}
      {found.data && household && !who.walkIn && candidates.length === 0 && <p className="muted">{t('collect.noHousehold')}</p>}
      {who.walkIn && <p className="muted">{t('collect.walkInNoHousehold')}</p>}
      {!household && candidates.length === 0 && found.data && <p className="muted">{t('collect.noOrganisationMembers')}</p>}
      {household && size >= TWO_REPRESENTATIVES_FROM && <p className="notice notice-info">{t('collect.twoRepresentatives', { size })}</p>}
      {teams.map(([team, members]) => (
        <fieldset key={team} className="represent-team">
          <legend>
            {household ? t('collect.householdMembers') : team || t('collect.noTeam')}
            {!household && (
              <button type="button" className="button-link" onClick={() => toggle(members.map((m) => m.personId), !members.every((m) => ticked.has(m.personId)))}>
                {members.every((m) => ticked.has(m.personId)) ? t('collect.untickTeam') : t('collect.tickTeam')}
              </button>
            )}
          </legend>
          {members.map((m) => (
            <label key={m.personId} className="represent-person">
              <input type="checkbox" checked={ticked.has(m.personId)} onChange={(e) => toggle([m.personId], e.target.checked)} />
              {m.fullName}
            </label>
          ))}
        </fieldset>
      ))}
      <div className="actions">
        <button
          type="button"
          className="button-primary"
          disabled={found.loading}
          onClick={() => onRecord(candidates.filter((c) => ticked.has(c.personId)), found.data?.name)}
          data-testid="represent-record"
        >
          {t('collect.recordRepresentative', { count: candidates.filter((c) => ticked.has(c.personId)).length })}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </section>
  );
}
