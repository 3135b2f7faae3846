// Email over SMTP with nodemailer: the headline as the subject, a text and
// a simple HTML part, to the recipients' addresses. The receiver's timeout
// bounds connecting, the greeting and every socket wait, and the attempt
// as a whole (the caller's signal and the deadline end it even mid-dialogue).
// SMTP says itself what is worth another try: a 4xx reply or a lost
// connection is; a 5xx reply or refused credentials are not.
import nodemailer from 'nodemailer'
import type SMTPTransport from 'nodemailer/lib/smtp-transport'
import type { Receiver } from '../../../../schemas/alerting-config.ts'
import { renderEmail } from '../render/email.ts'
import { buildMessage } from '../render/message.ts'
import type { DeliveryResult, Notification, Notifier } from '../notifier.ts'
import { contextFor, type ChannelDeps } from './channel-deps.ts'
import { abortError, attempt, deadline, DeliveryError, DEFAULT_TIMEOUT_MS } from './delivery.ts'
import { keyToken } from './once.ts'
import type { Redactor } from './redact.ts'
import { unique } from './wecom-robot.ts'

type Email = Extract<Receiver, { type: 'email' }>

/** nodemailer's error codes of a connection that failed or broke: the server may do better next time. */
const TRANSIENT = ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS']

function smtpFailure(err: unknown): DeliveryError {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string }
  if (typeof e.responseCode === 'number') {
    return new DeliveryError(`SMTP server answered ${e.response ?? e.responseCode}`, e.responseCode >= 400 && e.responseCode < 500, `SMTP ${e.responseCode}`)
  }
  const code = e.code ?? 'error'
  return new DeliveryError(`SMTP ${code}: ${e.message ?? ''}`.trim(), TRANSIENT.includes(code), code)
}

/** The same Message-ID for the same notification: mail servers and clients that see it twice keep one. */
export function messageIdOf(key: string, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'alerting.invalid'
  return `<${keyToken(key)}.alert@${domain}>`
}

export class EmailNotifier implements Notifier {
  readonly type = 'email'

  constructor(
    private readonly receiver: Email,
    private readonly deps: ChannelDeps,
    private readonly redact: Redactor,
  ) {}

  send(n: Notification, signal: AbortSignal): Promise<DeliveryResult> {
    return attempt(this.redact, async () => {
      const to = unique(n.recipients.map((r) => r.email))
      if (to.length === 0) throw new DeliveryError('no recipient has an email address (roster contacts: email)', false)
      const { smtp } = this.receiver
      const timeout = this.receiver.timeout_ms ?? DEFAULT_TIMEOUT_MS
      const d = deadline(signal, timeout)
      const options: SMTPTransport.Options = {
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure ?? smtp.port === 465,
        auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
      }
      const transport = nodemailer.createTransport(options)
      const content = renderEmail(buildMessage(n, contextFor(this.receiver, this.deps)))
      let onAbort: (() => void) | undefined
      const aborted = new Promise<never>((_resolve, reject) => {
        onAbort = () => reject(abortError(d))
        if (d.signal.aborted) onAbort()
        else d.signal.addEventListener('abort', onAbort, { once: true })
      })
      try {
        const mail = { from: this.receiver.from, to, subject: content.subject, text: content.text, html: content.html, messageId: messageIdOf(n.key, this.receiver.from) }
        const info = await Promise.race([transport.sendMail(mail), aborted])
        const rejected = info.rejected.map((a: unknown) => (typeof a === 'string' ? a : String((a as { address?: string }).address)))
        return rejected.length > 0 ? { ok: true, detail: `the SMTP server refused ${rejected.join(', ')}` } : { ok: true }
      } catch (err) {
        throw err instanceof DeliveryError ? err : smtpFailure(err)
      } finally {
        if (onAbort) d.signal.removeEventListener('abort', onAbort)
        transport.close()
      }
    })
  }
}
