// Schema pieces shared by the route areas: paging, page envelopes, enums and
// the error responses.
import { Type, type TSchema } from '@sinclair/typebox'

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/** A closed set of strings, as a JSON Schema `enum` (a 400 lists them when a value is wrong). */
export const OneOf = <const T extends readonly string[]>(values: T, description: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], description })

export const PagingQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'page size' }),
  offset: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0, description: 'rows to skip' }),
}

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    total: Type.Integer({ description: 'rows matching the filters, over all pages' }),
    limit: Type.Integer(),
    offset: Type.Integer(),
    items: Type.Array(item),
  })

/** Rows an export writes at most: a file beyond this is not something a person opens. */
export const EXPORT_MAX_ROWS = 100_000

/** The query of a list's export: its filters, a file format and the language of names. */
export const ExportOptions = {
  format: Type.Unsafe<'csv' | 'xlsx'>({ type: 'string', enum: ['csv', 'xlsx'], default: 'csv', description: 'csv (UTF-8 with BOM) or xlsx' }),
  lang: Type.Unsafe<'zh' | 'en'>({ type: 'string', enum: ['zh', 'en'], default: 'zh', description: 'language of the region names' }),
}

export const SearchQuery = Type.String({ maxLength: 64, description: 'part of the id, any case' })
