// Approving a wall: the code it shows (typed with or without the space or a
// dash; the server ignores both and the case), a name people will know it
// by, and the layout it is to show. The wall goes live by itself a few
// seconds later, at its next poll.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useSearchParams } from 'react-router'
import type { DisplayItem } from '../../../schemas/access-api.ts'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { t } from '../i18n/dictionary.ts'
import { adminKeys, displaysApi } from './admin-api.ts'
import { DEFAULT_LAYOUT, LayoutSelect, useLayoutNames } from './LayoutSelect.tsx'

export function PairForm() {
  const [search] = useSearchParams()
  const queryClient = useQueryClient()
  const layouts = useLayoutNames()
  const [code, setCode] = useState(() => search.get('code') ?? '')
  const [name, setName] = useState('')
  const [chosen, setChosen] = useState('')
  const [paired, setPaired] = useState<DisplayItem | null>(null)
  const layout = chosen || (layouts.names.includes(DEFAULT_LAYOUT) ? DEFAULT_LAYOUT : (layouts.names[0] ?? ''))

  const approve = useMutation({
    mutationFn: displaysApi.approve,
    onSuccess: (display) => {
      setPaired(display)
      setCode('')
      setName('')
      void queryClient.invalidateQueries({ queryKey: adminKeys.displays })
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setPaired(null)
    approve.mutate({ user_code: code.trim(), name: name.trim(), layout })
  }

  return (
    <form className="form form--row panel-card" onSubmit={submit} data-testid="pair-form">
      <h2>{t('displays.pairTitle')}</h2>
      <div className="form__fields">
        <label className="field">
          <span>{t('displays.code')}</span>
          <input name="user_code" className="input--code" required maxLength={20} autoComplete="off" spellCheck={false} placeholder="ABCD EFGH" value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} />
        </label>
        <label className="field">
          <span>{t('displays.name')}</span>
          <input name="name" required maxLength={100} placeholder={t('displays.namePlaceholder')} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('displays.layout')}</span>
          <LayoutSelect value={layout} onChange={setChosen} names={layouts.names} />
        </label>
        <button type="submit" className="button button--primary" disabled={approve.isPending || layout === ''}>
          {t('displays.approve')}
        </button>
      </div>
      <ErrorNote error={approve.error ?? layouts.error} />
      {paired && (
        <p className="note note--ok" role="status" data-testid="paired">
          {t('displays.paired', { name: paired.name, layout: paired.layout })}
        </p>
      )}
    </form>
  )
}
