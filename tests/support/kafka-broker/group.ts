/**
 * One consumer group and its state transitions, following Kafka's
 * GroupCoordinator:
 *
 *   Empty --join--> PreparingRebalance --all members joined or rebalance
 *   timeout--> CompletingRebalance --leader's SyncGroup--> Stable
 *   Stable/CompletingRebalance --member joins, leaves or expires--> PreparingRebalance
 *
 * Request validation and timers live in group-coordinator.ts.
 */
import { ErrorCode } from './errors.ts'
import {
  Member,
  syncError,
  type GroupProtocol,
  type JoinResult,
  type MemberInit,
} from './group-member.ts'

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable'

export class Group {
  state: GroupState = 'Empty'
  generationId = 0
  protocolType: string | null = null
  protocolName: string | null = null
  leaderId: string | null = null
  readonly members = new Map<string, Member>()
  /** Member ids handed out with MEMBER_ID_REQUIRED, with the time they expire. */
  readonly pendingMemberIds = new Map<string, number>()
  /** When PreparingRebalance gives up on members that have not rejoined. */
  private rebalanceDeadline = 0

  constructor(
    readonly groupId: string,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * Whether a member (new, or `memberId` rejoining) may join: same protocol
   * type as the group and at least one protocol every other member supports.
   */
  acceptsProtocols(protocolType: string, protocols: readonly GroupProtocol[], memberId: string): boolean {
    if (protocols.length === 0) return false
    const others = [...this.members.values()].filter((m) => m.memberId !== memberId)
    if (others.length === 0) return true
    if (protocolType !== this.protocolType) return false
    return protocols.some((p) => others.every((m) => m.protocols.some((q) => q.name === p.name)))
  }

  /** Adds a member whose JoinGroup waits (`respond`) for the rebalance it starts. */
  addMember(init: MemberInit, protocolType: string, respond: (result: JoinResult) => void): void {
    const member = new Member(init, Date.now())
    member.awaitingJoin = respond
    if (this.members.size === 0) this.protocolType = protocolType
    this.members.set(member.memberId, member)
    if (!this.leaderId || !this.members.has(this.leaderId)) this.leaderId = member.memberId
    this.log(`group ${this.groupId}: member ${member.memberId} joined`)
    this.rebalance()
  }

  /** A known member sent JoinGroup again. */
  rejoin(member: Member, init: MemberInit, respond: (result: JoinResult) => void): void {
    // A JoinGroup still waiting for this member (other connection) is superseded.
    member.failWaiting(ErrorCode.REBALANCE_IN_PROGRESS)
    const unchanged = member.update(init, Date.now())
    const isLeader = member.memberId === this.leaderId
    if (unchanged && (this.state === 'CompletingRebalance' || (this.state === 'Stable' && !isLeader))) {
      // Same metadata: the member most likely missed our JoinGroup response.
      respond(this.joinResult(member))
      return
    }
    member.awaitingJoin = respond
    this.rebalance()
  }

  /** The leader's SyncGroup: hand every member its assignment and become Stable. */
  applyAssignment(assignments: ReadonlyArray<{ memberId: string; assignment: Buffer }>): void {
    for (const { memberId, assignment } of assignments) {
      const member = this.members.get(memberId)
      if (member) member.assignment = assignment
    }
    this.state = 'Stable'
    this.log(`group ${this.groupId}: stable at generation ${this.generationId}`)
    const now = Date.now()
    for (const member of this.members.values()) {
      member.lastSeen = now
      const respond = member.awaitingSync
      member.awaitingSync = null
      respond?.({ errorCode: ErrorCode.NONE, assignment: member.assignment })
    }
  }

  removeMember(member: Member, reason: string): void {
    this.members.delete(member.memberId)
    member.failWaiting(ErrorCode.UNKNOWN_MEMBER_ID)
    this.log(`group ${this.groupId}: member ${member.memberId} removed, ${reason}`)
    this.rebalance()
  }

  /** Expires silent members and MEMBER_ID_REQUIRED ids; ends an overdue rebalance. */
  expire(now: number): void {
    for (const [memberId, expiresAt] of this.pendingMemberIds) {
      if (now > expiresAt) this.pendingMemberIds.delete(memberId)
    }
    for (const member of [...this.members.values()]) {
      if (member.isExpired(now)) {
        this.removeMember(member, `session timeout (${member.sessionTimeoutMs} ms) expired`)
      }
    }
    if (this.state === 'PreparingRebalance' && now >= this.rebalanceDeadline) this.completeJoin()
    else this.maybeCompleteJoin()
  }

  joinResult(member: Member): JoinResult {
    const protocolName = this.protocolName ?? ''
    const isLeader = member.memberId === this.leaderId
    return {
      errorCode: ErrorCode.NONE,
      generationId: this.generationId,
      protocolName,
      leaderId: this.leaderId ?? '',
      memberId: member.memberId,
      members: isLeader
        ? [...this.members.values()].map((m) => ({
            memberId: m.memberId,
            groupInstanceId: m.groupInstanceId,
            metadata: m.metadataFor(protocolName),
          }))
        : [],
    }
  }

  /** Starts a rebalance unless one is under way, then completes it if possible. */
  private rebalance(): void {
    if (this.state !== 'PreparingRebalance') {
      if (this.state === 'CompletingRebalance') {
        for (const member of this.members.values()) {
          member.awaitingSync?.(syncError(ErrorCode.REBALANCE_IN_PROGRESS))
          member.awaitingSync = null
        }
      }
      for (const member of this.members.values()) member.assignment = Buffer.alloc(0)
      this.state = 'PreparingRebalance'
      const timeoutMs = Math.max(0, ...[...this.members.values()].map((m) => m.rebalanceTimeoutMs))
      this.rebalanceDeadline = Date.now() + timeoutMs
      this.log(`group ${this.groupId}: preparing rebalance (generation ${this.generationId})`)
    }
    this.maybeCompleteJoin()
  }

  /** Completes the join phase once every known member has sent JoinGroup. */
  private maybeCompleteJoin(): void {
    if (this.state !== 'PreparingRebalance' || this.pendingMemberIds.size > 0) return
    if ([...this.members.values()].every((member) => member.awaitingJoin !== null)) this.completeJoin()
  }

  /** Drops members that did not rejoin, starts the next generation and answers JoinGroup. */
  private completeJoin(): void {
    for (const member of [...this.members.values()]) {
      if (!member.awaitingJoin) {
        this.members.delete(member.memberId)
        this.log(`group ${this.groupId}: member ${member.memberId} removed, did not rejoin in time`)
      }
    }
    this.pendingMemberIds.clear()
    this.generationId++
    if (this.members.size === 0) {
      this.state = 'Empty'
      this.protocolType = null
      this.protocolName = null
      this.leaderId = null
      this.log(`group ${this.groupId}: empty (generation ${this.generationId})`)
      return
    }
    if (!this.leaderId || !this.members.has(this.leaderId)) {
      this.leaderId = this.members.keys().next().value ?? null
    }
    this.protocolName = this.selectProtocol()
    this.state = 'CompletingRebalance'
    this.log(`group ${this.groupId}: generation ${this.generationId} with ${this.members.size} member(s)`)
    const now = Date.now()
    for (const member of this.members.values()) {
      const respond = member.awaitingJoin
      member.awaitingJoin = null
      member.lastSeen = now
      respond?.(this.joinResult(member))
    }
  }

  /** Each member votes for its most preferred protocol that all members support. */
  private selectProtocol(): string {
    const members = [...this.members.values()]
    const candidates = members[0].protocols
      .map((p) => p.name)
      .filter((name) => members.every((m) => m.protocols.some((p) => p.name === name)))
    const votes = new Map<string, number>()
    for (const member of members) {
      const choice = member.protocols.find((p) => candidates.includes(p.name))
      if (choice) votes.set(choice.name, (votes.get(choice.name) ?? 0) + 1)
    }
    let best = candidates[0]
    for (const name of candidates) if ((votes.get(name) ?? 0) > (votes.get(best) ?? 0)) best = name
    return best
  }
}
