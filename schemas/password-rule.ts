// The password rule (OWASP ASVS V2.1), for the pages that explain it before
// the server judges: 12 to 128 characters (code points), no composition
// rules, and not among the 10,000 most common passwords (which only the
// server checks). server/auth/passwords.ts enforces it.
export const PASSWORD_MIN = 12
export const PASSWORD_MAX = 128

/** Characters as the rule counts them: code points, not UTF-16 units or bytes. */
export const passwordLength = (password: string): number => [...password].length
