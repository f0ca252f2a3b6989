import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { navigate } from '../lib/router';
import { useUnits } from '../units/UnitsProvider';

/** The signed-in user's name, role and unit, with the sign-out button. */
export function UserBlock({ className }: { className: string }) {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  const { byCode } = useUnits();
  if (!user) return null;
  const unit = user.unitCode ? (byCode.get(user.unitCode)?.name ?? user.unitCode) : t('auth.allProvince');
  return (
    <div className={`user-block ${className}`} data-testid="user-block">
      <div className="user-facts">
        <span className="user-name" title={user.displayName}>
          <span className="visually-hidden">{t('auth.signedInAs')}: </span>
          {user.username}
        </span>
        <span className="user-meta">
          <span className="visually-hidden">{t('auth.role')}: </span>
          {t(`role.${user.role}`)}
          {' · '}
          <span className="visually-hidden">{t('auth.unit')}: </span>
          {unit}
        </span>
      </div>
      <button type="button" className="button-secondary button-small" onClick={() => navigate('/account/password')}>
        {t('account.title')}
      </button>
      <button type="button" className="button-secondary button-small" onClick={() => {
          signOut();
          navigate('/login');
        }}>
        {t('auth.signOut')}
      </button>
    </div>
  );
}
