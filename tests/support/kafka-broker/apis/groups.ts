/**
 * Group membership APIs: JoinGroup v5, SyncGroup v3, Heartbeat v3 and
 * LeaveGroup v3. The protocol logic lives in group-coordinator.ts; these
 * handlers only translate between the wire format and the coordinator.
 * Static membership (group_instance_id, KIP-345) is accepted but not honoured.
 */
import { Writer } from '../codec.ts'
import { ApiKey, type ApiHandler } from './types.ts'

export const joinGroupHandler: ApiHandler = {
  apiKey: ApiKey.JoinGroup,
  name: 'JoinGroup',
  minVersion: 5,
  maxVersion: 5,
  async handle(body, { broker, clientId }) {
    // Properties are evaluated in source order, which is the wire order.
    const result = await broker.groups.join({
      groupId: body.string(),
      sessionTimeoutMs: body.int32(),
      rebalanceTimeoutMs: body.int32(),
      memberId: body.string(),
      groupInstanceId: body.nullableString(),
      protocolType: body.string(),
      protocols: body.array((r) => ({ name: r.string(), metadata: r.bytes() ?? Buffer.alloc(0) })),
      clientId,
    })
    return new Writer()
      .int32(0) // throttle_time_ms
      .int16(result.errorCode)
      .int32(result.generationId)
      .string(result.protocolName)
      .string(result.leaderId)
      .string(result.memberId)
      .array(result.members, (w, m) =>
        w.string(m.memberId).string(m.groupInstanceId).bytes(m.metadata),
      )
  },
}

export const syncGroupHandler: ApiHandler = {
  apiKey: ApiKey.SyncGroup,
  name: 'SyncGroup',
  minVersion: 3,
  maxVersion: 3,
  async handle(body, { broker }) {
    const groupId = body.string()
    const generationId = body.int32()
    const memberId = body.string()
    body.nullableString() // group_instance_id
    const assignments = body.array((r) => ({
      memberId: r.string(),
      assignment: r.bytes() ?? Buffer.alloc(0),
    }))
    const result = await broker.groups.sync({ groupId, generationId, memberId, assignments })
    return new Writer()
      .int32(0) // throttle_time_ms
      .int16(result.errorCode)
      .bytes(result.assignment)
  },
}

export const heartbeatHandler: ApiHandler = {
  apiKey: ApiKey.Heartbeat,
  name: 'Heartbeat',
  minVersion: 3,
  maxVersion: 3,
  handle(body, { broker }) {
    const groupId = body.string()
    const generationId = body.int32()
    const memberId = body.string()
    body.nullableString() // group_instance_id
    const errorCode = broker.groups.heartbeat(groupId, generationId, memberId)
    return new Writer().int32(0).int16(errorCode)
  },
}

export const leaveGroupHandler: ApiHandler = {
  apiKey: ApiKey.LeaveGroup,
  name: 'LeaveGroup',
  minVersion: 3,
  maxVersion: 3,
  handle(body, { broker }) {
    const groupId = body.string()
    const members = body.array((r) => ({ memberId: r.string(), groupInstanceId: r.nullableString() }))
    const errors = broker.groups.leave(
      groupId,
      members.map((m) => m.memberId),
    )
    return new Writer()
      .int32(0) // throttle_time_ms
      .int16(0) // top-level error_code; per-member errors follow
      .array(members, (w, m, index) =>
        w.string(m.memberId).string(m.groupInstanceId).int16(errors[index]),
      )
  },
}
