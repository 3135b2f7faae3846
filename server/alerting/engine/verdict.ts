// What a rule says about one scope in one tick. Thresholds with hysteresis
// give three answers, not two: past `fire` (the condition holds), past
// `clear` on the other side (it has cleared), or in between, where an alert
// keeps the state it has (a firing one stays firing, a normal one stays
// normal). `none` is no judgement at all: no value, or too few items for a
// rate to mean anything.
export type Verdict = 'fire' | 'between' | 'clear' | 'none'

/**
 * The verdict of a value against a fire and a clear threshold. `above`
 * fires when the value is above fire and clears when it is at or below
 * clear; `below` mirrors it. With clear equal to fire there is no band in
 * between.
 */
export function thresholdVerdict(op: 'above' | 'below', fire: number, clear: number, value: number): Verdict {
  if (op === 'above') return value > fire ? 'fire' : value <= clear ? 'clear' : 'between'
  return value < fire ? 'fire' : value >= clear ? 'clear' : 'between'
}
