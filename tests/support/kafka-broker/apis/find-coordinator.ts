/**
 * FindCoordinator v2: this broker coordinates every consumer group.
 * Transaction coordinators (key type 1) are not available.
 */
import { Writer } from '../codec.ts'
import { ErrorCode } from '../errors.ts'
import { ApiKey, type ApiHandler } from './types.ts'

const GROUP_COORDINATOR = 0

export const findCoordinatorHandler: ApiHandler = {
  apiKey: ApiKey.FindCoordinator,
  name: 'FindCoordinator',
  minVersion: 2,
  maxVersion: 2,
  handle(body, { broker }) {
    body.string() // key: the group id
    const keyType = body.int8()
    const available = keyType === GROUP_COORDINATOR
    return new Writer()
      .int32(0) // throttle_time_ms
      .int16(available ? ErrorCode.NONE : ErrorCode.COORDINATOR_NOT_AVAILABLE)
      .string(available ? null : 'transactions are not supported by this test broker')
      .int32(available ? broker.nodeId : -1)
      .string(available ? broker.config.advertisedHost : '')
      .int32(available ? broker.config.port : -1)
  },
}
