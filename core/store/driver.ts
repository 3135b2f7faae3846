// What a Store needs of a database driver, and all that differs between
// PGlite and pg. Drivers take parameters as text (params.ts) and give
// results as text (decode.ts): the conversions both ways are shared.
import type { RawResult } from './decode.ts'
import type { TextParam } from './params.ts'

export interface DriverSession {
  /** One statement, extended protocol: a second statement in the text is an error on both drivers. */
  query(text: string, params: TextParam[]): Promise<RawResult>
  /** Several statements without parameters (simple protocol), for migration files. */
  script(sql: string): Promise<void>
}

export interface Driver {
  readonly kind: 'pglite' | 'postgres'
  readonly describe: string
  query(text: string, params: TextParam[]): Promise<RawResult>
  /** fn on one connection inside BEGIN … COMMIT, ROLLBACK when it throws. */
  transaction<T>(fn: (session: DriverSession) => Promise<T>): Promise<T>
  close(): Promise<void>
}
