// The screen's language: zh-CN unless the URL says ?lang=en. Set once when
// the dashboard starts (main.tsx), before anything is drawn; a wall's URL does
// not change while it runs, so nothing re-reads it.
export type Lang = 'zh' | 'en'

let current: Lang = 'zh'

export const langFromSearch = (search: string): Lang => (new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'zh')

export const lang = (): Lang => current
export const locale = (): string => (current === 'en' ? 'en-US' : 'zh-CN')

export function setLang(next: Lang): void {
  current = next
}

/** Picks the text for the screen's language. */
export const pick = (zh: string, en: string): string => (current === 'en' ? en : zh)
