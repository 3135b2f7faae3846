// The text of an alerting file, JSON or YAML by its extension, as a value and
// a way back from a field to its line: every problem found later (the
// schema, a missing receiver, an unset variable) names the line it is on.
// JSON is parsed as JSON (no comments, no trailing commas); its lines are
// found through the YAML parser, which reads JSON too (YAML 1.2 is a
// superset of it). YAML is read as 1.2, so "08:30" stays a string and "no"
// is not false.
import { extname } from 'node:path'
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml'
import type { Path } from './problems.ts'

export type FileFormat = 'json' | 'yaml'

export type ParsedText =
  | { ok: true; value: unknown; lineOf(path: Path): number | null }
  | { ok: false; line: number | null; message: string }

/** The format a file name says, or null for an extension that is neither. */
export function formatOf(file: string): FileFormat | null {
  const ext = extname(file).toLowerCase()
  return ext === '.json' ? 'json' : ext === '.yaml' || ext === '.yml' ? 'yaml' : null
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length
}

/** Where a path's key (or list item) starts; the nearest enclosing one when the path goes further than the file. */
function locate(doc: Document, counter: LineCounter, path: Path): number | null {
  const lineOfNode = (node: unknown): number | null => {
    const range = (node as { range?: [number, number, number] } | null)?.range
    return range ? counter.linePos(range[0]).line : null
  }
  let node: unknown = doc.contents
  let line = lineOfNode(node)
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && String(isScalar(p.key) ? p.key.value : p.key) === String(part))
      if (!pair) break
      line = lineOfNode(pair.key) ?? line
      node = pair.value
    } else if (isSeq(node) && typeof part === 'number' && part < node.items.length) {
      node = node.items[part]
      line = lineOfNode(node) ?? line
    } else break
  }
  return line
}

/**
 * The line of a JSON syntax error. V8 gives no position for short texts, so
 * the first bad character is found as the shortest prefix that fails for a
 * reason other than ending too soon (everything before it parses or merely ends early).
 */
function jsonErrorLine(text: string): number {
  const failsWithin = (end: number) => {
    try {
      JSON.parse(text.slice(0, end))
      return false
    } catch (err) {
      return !/end of JSON input|Unterminated string/i.test((err as Error).message)
    }
  }
  if (!failsWithin(text.length)) return text.split('\n').length
  let lo = 1
  let hi = text.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (failsWithin(mid)) hi = mid
    else lo = mid + 1
  }
  return lineAt(text, lo - 1)
}

/** V8's words without the excerpt of the text it quotes (a secret may be in it) or its position. */
const jsonErrorWords = (message: string) => message.replace(/,? ".*$/s, '').replace(/ (in JSON )?at position.*$/s, '')

export function parseText(text: string, format: FileFormat): ParsedText {
  const counter = new LineCounter()
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true })
  if (format === 'json') {
    try {
      const value: unknown = JSON.parse(text)
      // A JSON file the YAML reader cannot follow still loads; its problems then name no line.
      return { ok: true, value, lineOf: (path) => (doc.errors.length === 0 ? locate(doc, counter, path) : null) }
    } catch (err) {
      return { ok: false, line: jsonErrorLine(text), message: `not valid JSON: ${jsonErrorWords((err as Error).message)}` }
    }
  }
  const [error] = doc.errors
  if (error) {
    const line = counter.linePos(error.pos[0]).line
    return { ok: false, line, message: `not valid YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}` }
  }
  return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) as unknown, lineOf: (path) => locate(doc, counter, path) }
}
