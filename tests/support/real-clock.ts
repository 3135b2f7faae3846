// The environment of a process that keeps the real clock while the tests run
// with theirs moved (.ci/at-hours preloads libfaketime into vitest, and every
// child inherits it): Chromium and the JVM of the real Kafka brokers do not
// run well under it, and neither needs the moved clock (a wall never trusts
// its own clock to match the server's; Kafka's own timestamps are not what
// the tests look at).
export function realClockEnv(): NodeJS.ProcessEnv {
  const { LD_PRELOAD: _preload, FAKETIME: _faketime, FAKETIME_DONT_FAKE_MONOTONIC: _monotonic, ...env } = process.env
  return env
}
