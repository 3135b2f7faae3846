// /admin/displays: pair a wall by the code it shows (the QR code on its
// screen opens this page with ?code= filled in), and look after the walls
// paired so far.
import { t } from '../i18n/dictionary.ts'
import { DisplayList } from './DisplayList.tsx'
import { PairForm } from './PairForm.tsx'

export function DisplaysPage() {
  return (
    <section className="admin-page" data-testid="admin-displays">
      <title>{t('admin.displays')}</title>
      <h1>{t('admin.displays')}</h1>
      <p className="hint">{t('displays.intro', { url: `${window.location.origin}/wall` })}</p>
      <PairForm />
      <DisplayList />
    </section>
  )
}
