// The one error shape every route answers with: `{ statusCode, code, message }`
// (and, where it helps the caller fix the request, the accepted values).
import { Type, type Static } from '@sinclair/typebox'

export const ErrorSchema = Type.Object(
  {
    statusCode: Type.Integer({ description: 'the HTTP status, repeated for clients that only see the body' }),
    code: Type.String({ description: 'stable machine-readable code, e.g. bad_request, not_found, unauthorized' }),
    message: Type.String({ description: 'what went wrong, for a person' }),
    accepted: Type.Optional(Type.Array(Type.String(), { description: 'the values that would have been accepted' })),
  },
  { description: 'An error' },
)
export type ErrorBody = Static<typeof ErrorSchema>

export class HttpError extends Error {
  override name = 'HttpError'
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly accepted?: string[],
  ) {
    super(message)
  }
}

/** Error responses every route may give, for its OpenAPI `response` map. */
export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  500: ErrorSchema,
} as const
