/**
 * Consumer group coordinator: validates JoinGroup, SyncGroup, Heartbeat,
 * LeaveGroup and OffsetCommit requests against the group state (group.ts)
 * and runs the timers for session and rebalance timeouts.
 *
 * - The first member of a group becomes its leader; the leader's SyncGroup
 *   carries every member's assignment, which the broker hands out.
 * - A member joining or leaving (LeaveGroup, or no Heartbeat within its session
 *   timeout) starts a rebalance: Heartbeat answers REBALANCE_IN_PROGRESS, the
 *   members rejoin, and a new generation gets a new assignment. Members that do
 *   not rejoin within the rebalance timeout are removed.
 * - Unlike Kafka there is no initial rebalance delay: a rebalance completes as
 *   soon as every known member has rejoined.
 */
import { randomUUID } from 'node:crypto'
import { ErrorCode } from './errors.ts'
import { Group, type GroupState } from './group.ts'
import { joinError, syncError, type JoinResult, type MemberInit, type SyncResult } from './group-member.ts'

export interface JoinRequest extends MemberInit {
  groupId: string
  protocolType: string
}

export interface SyncRequest {
  groupId: string
  generationId: number
  memberId: string
  assignments: Array<{ memberId: string; assignment: Buffer }>
}

export interface GroupDescription {
  state: GroupState
  generationId: number
  leaderId: string | null
  protocolName: string | null
  members: Array<{ memberId: string; clientId: string }>
}

const MIN_SESSION_TIMEOUT_MS = 100
const MAX_SESSION_TIMEOUT_MS = 30 * 60 * 1000
/** How often session and rebalance deadlines are checked. */
const SWEEP_INTERVAL_MS = 50

export class GroupCoordinator {
  private readonly groups = new Map<string, Group>()
  private readonly sweeper: NodeJS.Timeout

  constructor(private readonly log: (message: string) => void) {
    this.sweeper = setInterval(() => {
      const now = Date.now()
      for (const group of this.groups.values()) group.expire(now)
    }, SWEEP_INTERVAL_MS)
    this.sweeper.unref()
  }

  join(request: JoinRequest): Promise<JoinResult> {
    const { groupId, memberId, sessionTimeoutMs } = request
    if (!groupId) return Promise.resolve(joinError(ErrorCode.INVALID_GROUP_ID, memberId))
    if (sessionTimeoutMs < MIN_SESSION_TIMEOUT_MS || sessionTimeoutMs > MAX_SESSION_TIMEOUT_MS) {
      return Promise.resolve(joinError(ErrorCode.INVALID_SESSION_TIMEOUT, memberId))
    }
    let group = this.groups.get(groupId)
    if (!group) {
      group = new Group(groupId, this.log)
      this.groups.set(groupId, group)
    }
    if (!group.acceptsProtocols(request.protocolType, request.protocols, memberId)) {
      return Promise.resolve(joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, memberId))
    }
    if (memberId === '') {
      // JoinGroup v4+ (KIP-394): hand out an id; the client rejoins with it.
      const newId = `${request.clientId || 'member'}-${randomUUID()}`
      group.pendingMemberIds.set(newId, Date.now() + sessionTimeoutMs)
      return Promise.resolve(joinError(ErrorCode.MEMBER_ID_REQUIRED, newId))
    }
    const wasPending = group.pendingMemberIds.delete(memberId)
    const existing = group.members.get(memberId)
    if (!existing && !wasPending) {
      return Promise.resolve(joinError(ErrorCode.UNKNOWN_MEMBER_ID, memberId))
    }
    const target = group
    return new Promise((resolve) => {
      if (existing) target.rejoin(existing, request, resolve)
      else target.addMember(request, request.protocolType, resolve)
    })
  }

  sync(request: SyncRequest): Promise<SyncResult> {
    const group = this.groups.get(request.groupId)
    const member = group?.members.get(request.memberId)
    if (!group || !member) return Promise.resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID))
    if (request.generationId !== group.generationId) {
      return Promise.resolve(syncError(ErrorCode.ILLEGAL_GENERATION))
    }
    member.lastSeen = Date.now()
    if (group.state === 'PreparingRebalance') {
      return Promise.resolve(syncError(ErrorCode.REBALANCE_IN_PROGRESS))
    }
    if (group.state === 'Stable') {
      return Promise.resolve({ errorCode: ErrorCode.NONE, assignment: member.assignment })
    }
    // CompletingRebalance: wait for the leader's assignment
    return new Promise((resolve) => {
      member.awaitingSync = resolve
      if (member.memberId === group.leaderId) group.applyAssignment(request.assignments)
    })
  }

  heartbeat(groupId: string, generationId: number, memberId: string): ErrorCode {
    const group = this.groups.get(groupId)
    const member = group?.members.get(memberId)
    if (!group || !member) return ErrorCode.UNKNOWN_MEMBER_ID
    if (generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION
    member.lastSeen = Date.now()
    return group.state === 'PreparingRebalance' ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE
  }

  /** Removes members from a group; returns one error code per member id. */
  leave(groupId: string, memberIds: readonly string[]): ErrorCode[] {
    const group = this.groups.get(groupId)
    return memberIds.map((memberId) => {
      const member = group?.members.get(memberId)
      if (!group || !member) return ErrorCode.UNKNOWN_MEMBER_ID
      group.removeMember(member, 'left the group')
      return ErrorCode.NONE
    })
  }

  /** Whether an OffsetCommit from this member/generation is acceptable now. */
  checkCommit(groupId: string, generationId: number, memberId: string): ErrorCode {
    const group = this.groups.get(groupId)
    // generation -1 is a commit from outside the group protocol (e.g. admin tools)
    if (generationId < 0 && (!group || group.state === 'Empty')) return ErrorCode.NONE
    if (!group) return ErrorCode.ILLEGAL_GENERATION
    const member = group.members.get(memberId)
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID
    if (generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION
    if (group.state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS
    member.lastSeen = Date.now()
    return ErrorCode.NONE
  }

  describe(groupId: string): GroupDescription | undefined {
    const group = this.groups.get(groupId)
    if (!group) return undefined
    return {
      state: group.state,
      generationId: group.generationId,
      leaderId: group.leaderId,
      protocolName: group.protocolName,
      members: [...group.members.values()].map(({ memberId, clientId }) => ({ memberId, clientId })),
    }
  }

  /** Stops the timers and releases requests still waiting on a group. */
  stop(): void {
    clearInterval(this.sweeper)
    for (const group of this.groups.values()) {
      for (const member of group.members.values()) member.failWaiting(ErrorCode.COORDINATOR_NOT_AVAILABLE)
    }
  }
}
