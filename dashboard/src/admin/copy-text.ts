// Copies text to the clipboard. The Clipboard API exists only in a secure
// context (https, or localhost); a center that serves its dashboard over
// plain http on its own network has none, so the text is then copied from
// the (selected) field it is shown in, the older way.
export async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  if (window.isSecureContext && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text)
      return true
    } catch {
      // Refused (no permission): try the field.
    }
  }
  if (!field) return false
  field.focus()
  field.select()
  return document.execCommand('copy')
}
