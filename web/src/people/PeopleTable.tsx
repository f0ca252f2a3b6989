import { useI18n } from '../i18n';
import { formatPhone } from '../lib/format';
import { Link } from '../lib/router';
import { unitLabel, useUnits } from '../units/UnitsProvider';
import type { Person } from './api';
import { birthLabel, sexLabel } from './labels';

/** Search results: a table on wide screens, one card per person on narrow ones (see .table-cards). */
export function PeopleTable({ people, caption }: { people: Person[]; caption: string }) {
  const { t } = useI18n();
  const { byCode } = useUnits();
  const head = {
    name: t('people.col.name'),
    nationalId: t('people.col.nationalId'),
    birth: t('people.col.birth'),
    sex: t('people.col.sex'),
    phone: t('people.col.phone'),
    commune: t('people.col.commune'),
  };
  return (
    <table className="table table-cards" data-testid="people-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head.name}</th>
          <th scope="col">{head.nationalId}</th>
          <th scope="col">{head.birth}</th>
          <th scope="col">{head.sex}</th>
          <th scope="col">{head.phone}</th>
          <th scope="col">{head.commune}</th>
        </tr>
      </thead>
      <tbody>
        {people.map((person) => (
          <tr key={person.id}>
            <th scope="row" data-label={head.name}>
              <Link to={`/people/${person.id}`}>{person.fullName}</Link>
            </th>
            <td data-label={head.nationalId} className="mono">
              {person.nationalId ?? '—'}
            </td>
            <td data-label={head.birth}>{birthLabel(person)}</td>
            <td data-label={head.sex}>{sexLabel(person.sex, t)}</td>
            <td data-label={head.phone} className="mono">
              {formatPhone(person.phone) || '—'}
            </td>
            <td data-label={head.commune}>{unitLabel(byCode.get(person.communeCode), byCode) || person.communeCode}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
