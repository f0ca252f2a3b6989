import { Fragment, useState } from 'react';
import { useI18n } from '../i18n';
import { formatNumber } from '../lib/format';
import { SuccessNotice } from '../lib/ui';
import type { Unit } from './api';
import { PopulationForm } from './PopulationForm';

interface Props {
  units: Unit[];
  byCode: Map<string, Unit>;
  canEdit: boolean;
  onSaved: (unit: Unit) => void;
}

export function UnitTable({ units, byCode, canEdit, onSaved }: Props) {
  const { t, locale } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const columns = canEdit ? 8 : 7;

  return (
    <>
      {saved && <SuccessNotice>{t('units.saved', { name: saved })}</SuccessNotice>}
      <div className="table-scroll table-scroll-cards" tabIndex={0} role="region" aria-label={t('units.list')}>
        <table className="table table-cards units-table" data-testid="unit-table">
          <thead>
            <tr>
              <th scope="col">{t('units.col.code')}</th>
              <th scope="col">{t('units.col.name')}</th>
              <th scope="col">{t('units.col.type')}</th>
              <th scope="col">{t('units.col.level')}</th>
              <th scope="col">{t('units.col.parent')}</th>
              <th scope="col" className="numeric">
                {t('units.col.population')}
              </th>
              <th scope="col">{t('units.col.boundary')}</th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">{t('units.col.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {units.map((unit) => (
              <Fragment key={unit.code}>
                <tr>
                  <td className="mono" data-label={t('units.col.code')}>
                    {unit.code}
                  </td>
                  <th scope="row" data-label={t('units.col.name')}>
                    {unit.name}
                  </th>
                  <td data-label={t('units.col.type')}>{unit.type}</td>
                  <td data-label={t('units.col.level')}>{t(`units.level.${unit.level}`)}</td>
                  <td data-label={t('units.col.parent')}>
                    {unit.parentCode ? (byCode.get(unit.parentCode)?.shortName ?? unit.parentCode) : '—'}
                  </td>
                  <td className="numeric" data-label={t('units.col.population')}>
                    <span>
                      {unit.population === null ? (
                        <span className="muted" title={t('units.unknown')}>
                          —<span className="visually-hidden">{t('units.unknown')}</span>
                        </span>
                      ) : (
                        <>
                          {formatNumber(unit.population, locale)}
                          {unit.populationYear !== null && (
                            <small className="muted population-year">
                              {t('units.populationYear', { year: unit.populationYear })}
                            </small>
                          )}
                        </>
                      )}
                    </span>
                  </td>
                  <td data-label={t('units.col.boundary')}>{unit.hasBoundary ? t('common.yes') : t('common.no')}</td>
                  {canEdit && (
                    <td>
                      <button
                        type="button"
                        className="button-link"
                        aria-expanded={editing === unit.code}
                        onClick={() => {
                          setSaved(null);
                          setEditing(editing === unit.code ? null : unit.code);
                        }}
                      >
                        {t('units.edit')}
                        <span className="visually-hidden">
                          {' '}
                          {t('units.editTitle', { name: unit.name })}
                        </span>
                      </button>
                    </td>
                  )}
                </tr>
                {editing === unit.code && (
                  <tr className="edit-row">
                    <td colSpan={columns}>
                      <PopulationForm
                        unit={unit}
                        onCancel={() => setEditing(null)}
                        onSaved={(updated) => {
                          setEditing(null);
                          setSaved(updated.name);
                          onSaved(updated);
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
