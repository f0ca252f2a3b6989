import { useEffect } from 'react';
import { useI18n } from '../i18n';
import { formatDateTime, formatPhone } from '../lib/format';
import { Link } from '../lib/router';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { unitLabel, useUnits } from '../units/UnitsProvider';
import { getPerson, type PersonDetail } from './api';
import { birthLabel, relationLabel, sexLabel } from './labels';

export default function PersonDetailScreen({ id }: { id: string }) {
  const { t } = useI18n();
  const reason = t('person.viewReason');
  const { data, error, loading, reload } = useAsync((signal) => getPerson(id, reason, signal), [id]);

  useEffect(() => {
    if (data) document.title = `${data.fullName} · Vigil`;
  }, [data]);

  if (loading && !data) return <Loading />;
  if (error !== undefined) return <ErrorNotice error={error} onRetry={reload} />;
  if (!data) return null;
  return <PersonView person={data} />;
}

function PersonView({ person }: { person: PersonDetail }) {
  const { t } = useI18n();
  const { byCode } = useUnits();
  const rows: [string, string][] = [
    [t('people.col.nationalId'), person.nationalId ?? '—'],
    [t('people.col.birth'), birthLabel(person)],
    [t('people.col.sex'), sexLabel(person.sex, t)],
    [t('people.col.phone'), formatPhone(person.phone) || '—'],
    [t('person.address'), person.address ?? '—'],
    [t('person.commune'), unitLabel(byCode.get(person.communeCode), byCode) || person.communeCode],
    [t('person.createdAt'), formatDateTime(person.createdAt)],
    [t('person.updatedAt'), formatDateTime(person.updatedAt)],
  ];

  return (
    <article aria-labelledby="person-title" data-testid="person-detail">
      <p>
        <Link to="/people">‹ {t('person.backToList')}</Link>
      </p>
      <div className="page-head">
        <h1 id="person-title">{person.fullName}</h1>
        {person.isDemo && <span className="badge">{t('person.demoRecord')}</span>}
      </div>
      {person.mergedInto && (
        <div className="notice notice-info" role="status">
          {t('person.mergedNotice')} <Link to={`/people/${person.mergedInto}`}>{t('person.openSurvivor')}</Link>
        </div>
      )}
      <section className="card" aria-label={t('person.detailTitle')}>
        <dl className="details">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <HouseholdSection person={person} />
      <section className="card" aria-labelledby="orgs-title">
        <h2 id="orgs-title">{t('person.organisations')}</h2>
        {person.organisations.length === 0 ? (
          <p className="muted">{t('person.noOrganisations')}</p>
        ) : (
          <ul className="plain-list">
            {person.organisations.map((org) => (
              <li key={org.id}>
                <strong>{org.name}</strong> · {t(`org.${org.kind}`)}
                {org.team && (
                  <>
                    {' · '}
                    {t('person.orgTeam')}: {org.team}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

function HouseholdSection({ person }: { person: PersonDetail }) {
  const { t } = useI18n();
  const { byCode } = useUnits();
  const household = person.household;
  return (
    <section className="card" aria-labelledby="household-title">
      <h2 id="household-title">{t('person.household')}</h2>
      {!household ? (
        <p className="muted">{t('person.noHousehold')}</p>
      ) : (
        <>
          <p>
            {t('person.householdAddress')}: {household.address ?? '—'}
            {', '}
            {unitLabel(byCode.get(household.communeCode), byCode)}
          </p>
          <h3>{t('person.members')}</h3>
          <ul className="plain-list">
            {household.members.map((member) => (
              <li key={member.personId}>
                {member.personId === person.id ? (
                  <strong>
                    {member.fullName} {t('person.thisPerson')}
                  </strong>
                ) : (
                  <Link to={`/people/${member.personId}`}>{member.fullName}</Link>
                )}
                {' · '}
                {member.birthYear}
                {member.relation && ` · ${t('person.relation')}: ${relationLabel(member.relation, t)}`}
                {member.personId === household.headPersonId && <span className="badge">{t('person.head')}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
