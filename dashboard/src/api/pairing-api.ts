// The wall's side of pairing (RFC 8628): ask for a code, then poll with the
// secret device code until an administrator approves it. The approval's
// answer sets the display's cookie.
import type { PairedDevice, PairingApproved, PairingPending, PairingStart } from '../../../schemas/access-api.ts'
import { ApiError, sendJson } from './http.ts'

export const startPairing = (): Promise<PairingStart> => sendJson<PairingStart>('POST', '/api/v1/devices/pairing')

export type PollResult = { state: 'approved'; device: PairedDevice } | { state: PairingPending['error'] }

const isPending = (body: unknown): body is PairingPending => typeof (body as Partial<PairingPending> | null)?.error === 'string'

/** Where the pairing stands; a failure to ask (server unreachable, 5xx, 429) throws. */
export async function pollPairing(deviceCode: string): Promise<PollResult> {
  try {
    const answer = await sendJson<PairingApproved>('POST', '/api/v1/devices/token', { device_code: deviceCode })
    return { state: 'approved', device: answer.device }
  } catch (err) {
    if (err instanceof ApiError && err.status === 400 && isPending(err.body)) return { state: err.body.error }
    throw err
  }
}
