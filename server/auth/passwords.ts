// Passwords (OWASP ASVS V2.1): 12 to 128 characters, any characters, no
// composition rules, refused when among the 10,000 most common passwords;
// hashed with Argon2id at @node-rs/argon2's defaults (19 MiB, 2 passes, 1
// lane: OWASP's minimum). A password is never logged or returned.
import { hash, verify } from '@node-rs/argon2'
import dumbPasswords from 'dumb-passwords'

export const PASSWORD_MIN = 12
export const PASSWORD_MAX = 128

/** What is wrong with a new password, or null. Lengths count characters (code points), not bytes. */
export function passwordProblem(password: string): string | null {
  const length = [...password].length
  if (length < PASSWORD_MIN) return `a password needs at least ${PASSWORD_MIN} characters (this one has ${length})`
  if (length > PASSWORD_MAX) return `a password may have at most ${PASSWORD_MAX} characters`
  if (dumbPasswords.check(password)) return 'this password is among the 10,000 most common ones; choose another'
  return null
}

export const hashPassword = (password: string): Promise<string> => hash(password)

/** Whether `password` matches `stored`; a malformed stored hash is a mismatch, not a crash. */
export async function passwordMatches(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password)
  } catch {
    return false
  }
}

// A hash of a password nobody has, checked against when the user does not
// exist, so a wrong username takes as long as a wrong password.
let decoy: Promise<string> | null = null
export async function spendVerifyTime(password: string): Promise<void> {
  decoy ??= hash('decoy password that no account has')
  await passwordMatches(await decoy, password)
}
