// What the server refused in a change, every problem on its own line (the
// field first, then what is expected), or nothing when nothing went wrong.
import { problemsOf } from './alerting-api.ts'

export function ProblemList({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null
  return (
    <ul className="note note--error problems" role="alert" data-testid="error">
      {problemsOf(error).map((problem) => (
        <li key={problem}>{problem}</li>
      ))}
    </ul>
  )
}
