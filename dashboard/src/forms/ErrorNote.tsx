// What went wrong, in the server's own words (its error answers carry a
// message meant for people), or nothing when nothing did.
export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err))

export function ErrorNote({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null
  return (
    <p className="note note--error" role="alert" data-testid="error">
      {errorText(error)}
    </p>
  )
}
