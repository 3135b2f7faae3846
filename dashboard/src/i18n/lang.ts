// The screen's language: zh-CN unless the URL says ?lang=en. Read once; a
// wall's URL does not change while it runs.
export type Lang = 'zh' | 'en'

export const LANG: Lang = new URLSearchParams(window.location.search).get('lang') === 'en' ? 'en' : 'zh'
export const LOCALE = LANG === 'en' ? 'en-US' : 'zh-CN'

document.documentElement.lang = LOCALE

/** Picks the text for the screen's language. */
export const pick = (zh: string, en: string): string => (LANG === 'en' ? en : zh)
