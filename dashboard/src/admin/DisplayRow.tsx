// One paired wall: its name, layout, state, last heartbeat, build and
// health, and what an administrator can do to it — reload it, rename it or
// give it another layout (it reloads into it), or revoke it (it returns to
// its pairing screen at once).
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { DisplayItem } from '../../../schemas/access-api.ts'
import { ConfirmButton } from '../forms/ConfirmButton.tsx'
import { ErrorNote } from '../forms/ErrorNote.tsx'
import { ago, dateTime } from '../forms/when.ts'
import { t } from '../i18n/dictionary.ts'
import { BUILD_ID } from '../live/build-reload.ts'
import { useNow } from '../stores/clock-store.ts'
import { adminKeys, displaysApi } from './admin-api.ts'
import { displayState, STATE_WORD } from './display-state.ts'
import { LayoutSelect } from './LayoutSelect.tsx'

function Health({ display }: { display: DisplayItem }) {
  const parts = [
    display.screen && `${display.screen.width}×${display.screen.height}`,
    display.updates_per_minute !== null && t('displays.updates', { n: display.updates_per_minute }),
    display.js_heap_bytes !== null && t('displays.heap', { n: Math.round(display.js_heap_bytes / 1_048_576) }),
  ].filter(Boolean)
  return <>{parts.length > 0 ? parts.join(' · ') : '—'}</>
}

function EditForm({ display, layoutNames, onDone }: { display: DisplayItem; layoutNames: string[]; onDone(): void }) {
  const queryClient = useQueryClient()
  const [name, setName] = useState(display.name)
  const [layout, setLayout] = useState(display.layout)
  const save = useMutation({
    mutationFn: () => displaysApi.update(display.id, { ...(name.trim() !== display.name ? { name: name.trim() } : {}), ...(layout !== display.layout ? { layout } : {}) }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.displays })
      onDone()
    },
  })
  const changed = name.trim() !== display.name || layout !== display.layout
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault()
        save.mutate()
      }}
    >
      <input name="name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} aria-label={t('displays.name')} />
      <LayoutSelect value={layout} onChange={setLayout} names={layoutNames} />
      <button type="submit" className="button button--primary" disabled={!changed || name.trim() === '' || save.isPending}>
        {t('form.save')}
      </button>
      <button type="button" className="button" onClick={onDone}>
        {t('form.cancel')}
      </button>
      <ErrorNote error={save.error} />
    </form>
  )
}

export function DisplayRow({ display, layoutNames }: { display: DisplayItem; layoutNames: string[] }) {
  const queryClient = useQueryClient()
  const now = useNow()
  const [editing, setEditing] = useState(false)
  const refresh = () => void queryClient.invalidateQueries({ queryKey: adminKeys.displays })
  const reload = useMutation({ mutationFn: () => displaysApi.reload(display.id) })
  const revoke = useMutation({ mutationFn: () => displaysApi.revoke(display.id), onSuccess: refresh })
  const state = displayState(display)
  const revoked = state === 'revoked'
  return (
    <tr className={revoked ? 'row--muted' : undefined} data-display={display.name} data-state={state}>
      <td>{display.name}</td>
      <td>{display.layout}</td>
      <td>
        <span className={`state state--${state}`}>{t(STATE_WORD[state])}</span>
        {revoked && <div className="hint">{t('displays.revokedBy', { by: display.revoked_by ?? '—', at: dateTime(display.revoked_at) })}</div>}
      </td>
      <td title={dateTime(display.last_seen)}>{ago(display.last_seen, now)}</td>
      <td className={display.build !== null && display.build !== BUILD_ID ? 'cell--warn' : undefined} title={display.build !== null && display.build !== BUILD_ID ? t('displays.oldBuild') : undefined}>
        {display.build ?? '—'}
      </td>
      <td>
        <Health display={display} />
      </td>
      <td className="actions">
        {!revoked &&
          (editing ? (
            <EditForm display={display} layoutNames={layoutNames} onDone={() => setEditing(false)} />
          ) : (
            <>
              <button type="button" className="button" disabled={!display.connected || reload.isPending} onClick={() => reload.mutate()}>
                {t('displays.reload')}
              </button>
              <button type="button" className="button" onClick={() => setEditing(true)}>
                {t('displays.edit')}
              </button>
              <ConfirmButton label={t('displays.revoke')} question={t('displays.revokeQuestion', { name: display.name })} busy={revoke.isPending} onConfirm={() => revoke.mutate()} />
            </>
          ))}
        {reload.isSuccess && <span className="note note--ok">{t('displays.reloadSent')}</span>}
        <ErrorNote error={reload.error ?? revoke.error} />
      </td>
    </tr>
  )
}
