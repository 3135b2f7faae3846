// /admin/tokens: API tokens for programs (event producers, Prometheus). A new
// token is shown once, right after it is made; the list never holds it.
import { useState } from 'react'
import type { CreatedToken } from '../../../schemas/access-api.ts'
import { t } from '../i18n/dictionary.ts'
import { NewTokenForm } from './NewTokenForm.tsx'
import { NewTokenSecret } from './NewTokenSecret.tsx'
import { TokenList } from './TokenList.tsx'

export function TokensPage() {
  const [created, setCreated] = useState<{ name: string; token: CreatedToken } | null>(null)
  return (
    <section className="admin-page" data-testid="admin-tokens">
      <title>{t('admin.tokens')}</title>
      <h1>{t('admin.tokens')}</h1>
      <p className="hint">{t('tokens.intro')}</p>
      {created ? <NewTokenSecret name={created.name} secret={created.token.token} onDone={() => setCreated(null)} /> : <NewTokenForm onCreated={(name, token) => setCreated({ name, token })} />}
      <TokenList />
    </section>
  )
}
