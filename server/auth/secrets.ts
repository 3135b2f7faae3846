// Opaque secrets handed to browsers and programs: session and device
// tokens, API tokens, pairing device codes and setup links. 256 random bits,
// base64url; only their SHA-256 is stored, so a copy of the store cannot be
// replayed. The code a wall shows for pairing is short and typed by a person:
// 8 characters from an alphabet without look-alikes (RFC 8628 §6.1).
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'

export const newSecret = (prefix = ''): string => `${prefix}${randomBytes(32).toString('base64url')}`

export const secretHash = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex')

/** Equal without telling by timing how much of it matched. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ'
export const USER_CODE_LENGTH = 8

export function newUserCode(): string {
  return Array.from({ length: USER_CODE_LENGTH }, () => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)]).join('')
}

/** A typed code normalised as people type it: case, spaces and dashes do not matter. */
export const normaliseUserCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]/g, '')
