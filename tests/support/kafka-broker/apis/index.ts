/** The API keys this broker implements, by key. */
import { apiVersionsHandler } from './api-versions.ts'
import { createTopicsHandler } from './create-topics.ts'
import { fetchHandler } from './fetch.ts'
import { findCoordinatorHandler } from './find-coordinator.ts'
import { heartbeatHandler, joinGroupHandler, leaveGroupHandler, syncGroupHandler } from './groups.ts'
import { listOffsetsHandler } from './list-offsets.ts'
import { metadataHandler } from './metadata.ts'
import { offsetCommitHandler, offsetFetchHandler } from './offsets.ts'
import { produceHandler } from './produce.ts'
import type { ApiHandler } from './types.ts'

const handlers: ApiHandler[] = [
  produceHandler,
  fetchHandler,
  listOffsetsHandler,
  metadataHandler,
  offsetCommitHandler,
  offsetFetchHandler,
  findCoordinatorHandler,
  joinGroupHandler,
  heartbeatHandler,
  leaveGroupHandler,
  syncGroupHandler,
  createTopicsHandler,
]
handlers.push(apiVersionsHandler(() => handlers))

export const API_HANDLERS: ReadonlyMap<number, ApiHandler> = new Map(
  handlers.map((handler) => [handler.apiKey, handler]),
)
