// The token just made, shown this once: a field to copy it from, a copy
// button, and the warning that it cannot be shown again (the server keeps
// only its hash). Done forgets it.
import { useRef, useState } from 'react'
import { t } from '../i18n/dictionary.ts'
import { copyText } from './copy-text.ts'

export function NewTokenSecret({ name, secret, onDone }: { name: string; secret: string; onDone(): void }) {
  const field = useRef<HTMLInputElement>(null)
  const [copied, setCopied] = useState<boolean | null>(null)
  return (
    <div className="panel-card token-secret" data-testid="token-secret">
      <h2>{t('tokens.createdTitle', { name })}</h2>
      <p className="note note--warn" role="alert">
        {t('tokens.onceWarning')}
      </p>
      <div className="inline-form">
        <input ref={field} className="input--secret" readOnly value={secret} aria-label={t('tokens.secret')} data-testid="token-value" onFocus={(e) => e.target.select()} />
        <button type="button" className="button button--primary" onClick={() => void copyText(secret, field.current).then(setCopied)}>
          {t('tokens.copy')}
        </button>
      </div>
      {copied === true && <p className="note note--ok">{t('tokens.copied')}</p>}
      {copied === false && <p className="note note--warn">{t('tokens.copyByHand')}</p>}
      <p className="hint">{t('tokens.howToUse')}</p>
      <button type="button" className="button" onClick={onDone}>
        {t('tokens.done')}
      </button>
    </div>
  )
}
