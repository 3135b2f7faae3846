/**
 * ApiVersions v0-v2: the API keys and versions this broker implements.
 * kafkajs negotiates every other request version from this answer.
 */
import { Writer } from '../codec.ts'
import { ErrorCode } from '../errors.ts'
import { ApiKey, type ApiHandler } from './types.ts'

export function apiVersionsHandler(allHandlers: () => readonly ApiHandler[]): ApiHandler {
  return {
    apiKey: ApiKey.ApiVersions,
    name: 'ApiVersions',
    minVersion: 0,
    maxVersion: 2,
    acceptsUnsupportedVersions: true,
    handle(_body, { apiVersion }) {
      const handlers = [...allHandlers()].sort((a, b) => a.apiKey - b.apiKey)
      // Like Kafka, answer a too-new ApiVersions request in the v0 format with
      // UNSUPPORTED_VERSION so the client can retry with an older version.
      const supported = apiVersion <= 2
      const out = new Writer()
        .int16(supported ? ErrorCode.NONE : ErrorCode.UNSUPPORTED_VERSION)
        .array(handlers, (w, h) => w.int16(h.apiKey).int16(h.minVersion).int16(h.maxVersion))
      if (supported && apiVersion >= 1) out.int32(0) // throttle_time_ms
      return out
    },
  }
}
