// The frame of the pages one sees before signing in (/login, /setup): the
// product's name over a single calm card.
import type { ReactNode } from 'react'
import { t } from '../i18n/dictionary.ts'

export function SignInFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="person-page sign-in">
      <title>{title}</title>
      <main className="sign-in__card">
        <div className="sign-in__product">{t('product.name')}</div>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  )
}
