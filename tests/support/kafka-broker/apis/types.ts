/**
 * Shared types for the API handlers: one handler per Kafka API key, each
 * decoding its request body and encoding its response body.
 */
import type { Reader, Writer } from '../codec.ts'
import type { BrokerState } from '../broker-state.ts'

export const ApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  ApiVersions: 18,
  CreateTopics: 19,
} as const

export interface RequestContext {
  apiVersion: number
  clientId: string
  broker: BrokerState
  /** Aborted when the client disconnects or the broker stops. */
  signal: AbortSignal
}

export interface ApiHandler {
  apiKey: number
  name: string
  minVersion: number
  maxVersion: number
  /** ApiVersions must answer even requests for versions it does not support. */
  acceptsUnsupportedVersions?: boolean
  /** Returns the response body, or null when the request expects no response (acks=0). */
  handle(body: Reader, ctx: RequestContext): Writer | null | Promise<Writer | null>
}
