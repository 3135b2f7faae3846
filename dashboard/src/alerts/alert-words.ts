// An alert's severity and state in the screen's language, the same words on
// the desk, the lead's page and the alert's detail.
import type { Alert } from '../../../schemas/alerts.ts'
import { t, type WordKey } from '../i18n/dictionary.ts'

export const severityWord = (s: Alert['severity']): string => t(`az.sev.${s}` as WordKey)
export const stateWord = (s: Alert['state']): string => t(`inbox.state.${s}` as WordKey)
