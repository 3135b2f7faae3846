/**
 * A consumer group member and the results of JoinGroup/SyncGroup as the
 * coordinator hands them to waiting requests.
 */
import { ErrorCode } from './errors.ts'

export interface GroupProtocol {
  name: string
  metadata: Buffer
}

export interface JoinResult {
  errorCode: ErrorCode
  generationId: number
  protocolName: string
  leaderId: string
  memberId: string
  /** Filled for the leader only: every member with its metadata for the chosen protocol. */
  members: Array<{ memberId: string; groupInstanceId: string | null; metadata: Buffer }>
}

export interface SyncResult {
  errorCode: ErrorCode
  assignment: Buffer
}

export const joinError = (errorCode: ErrorCode, memberId = ''): JoinResult => ({
  errorCode,
  generationId: -1,
  protocolName: '',
  leaderId: '',
  memberId,
  members: [],
})

export const syncError = (errorCode: ErrorCode): SyncResult => ({
  errorCode,
  assignment: Buffer.alloc(0),
})

export interface MemberInit {
  memberId: string
  groupInstanceId: string | null
  clientId: string
  sessionTimeoutMs: number
  rebalanceTimeoutMs: number
  protocols: GroupProtocol[]
}

export class Member {
  readonly memberId: string
  readonly clientId: string
  groupInstanceId: string | null
  sessionTimeoutMs: number
  rebalanceTimeoutMs: number
  protocols: GroupProtocol[]
  assignment: Buffer = Buffer.alloc(0)
  /** Last time the member proved it is alive (join, sync, heartbeat, commit). */
  lastSeen: number
  /** Set while a JoinGroup request waits for the rebalance to complete. */
  awaitingJoin: ((result: JoinResult) => void) | null = null
  /** Set while a SyncGroup request waits for the leader's assignment. */
  awaitingSync: ((result: SyncResult) => void) | null = null

  constructor(init: MemberInit, now: number) {
    this.memberId = init.memberId
    this.clientId = init.clientId
    this.groupInstanceId = init.groupInstanceId
    this.sessionTimeoutMs = init.sessionTimeoutMs
    this.rebalanceTimeoutMs = init.rebalanceTimeoutMs
    this.protocols = init.protocols
    this.lastSeen = now
  }

  /** Takes the settings of a later JoinGroup; true if its protocols are unchanged. */
  update(init: MemberInit, now: number): boolean {
    const unchanged =
      init.protocols.length === this.protocols.length &&
      init.protocols.every(
        (p, i) => p.name === this.protocols[i].name && p.metadata.equals(this.protocols[i].metadata),
      )
    this.groupInstanceId = init.groupInstanceId
    this.sessionTimeoutMs = init.sessionTimeoutMs
    this.rebalanceTimeoutMs = init.rebalanceTimeoutMs
    this.protocols = init.protocols
    this.lastSeen = now
    return unchanged
  }

  metadataFor(protocolName: string): Buffer {
    return this.protocols.find((p) => p.name === protocolName)?.metadata ?? Buffer.alloc(0)
  }

  /** A member waiting in JoinGroup/SyncGroup is kept alive by that request. */
  isExpired(now: number): boolean {
    if (this.awaitingJoin || this.awaitingSync) return false
    return now - this.lastSeen > this.sessionTimeoutMs
  }

  /** Answers any JoinGroup/SyncGroup this member is waiting in with an error. */
  failWaiting(errorCode: ErrorCode): void {
    const join = this.awaitingJoin
    const sync = this.awaitingSync
    this.awaitingJoin = null
    this.awaitingSync = null
    join?.(joinError(errorCode, this.memberId))
    sync?.(syncError(errorCode))
  }
}
