// The password rule, said before the server judges (schemas/password-rule.ts).
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../schemas/password-rule.ts'
import { t } from '../i18n/dictionary.ts'

export function PasswordRule() {
  return <p className="hint">{t('password.rule', { min: PASSWORD_MIN, max: PASSWORD_MAX })}</p>
}
