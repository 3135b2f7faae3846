// A small SMTP server (the `smtp-server` package, as nodemailer's own tests
// use) that requires the configured user and password, parses each message
// (mailparser) and keeps it; it can refuse the next N messages with an SMTP
// reply (451: try later; 550: refused) or hold them past the client's
// timeout.
import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  from: string
  to: string[]
  mail: ParsedMail
}

type SmtpFailure = { code: number; message: string } | { delayMs: number }

export class SmtpTestServer {
  readonly messages: ReceivedMail[] = []
  readonly authFailures: string[] = []
  private failures: SmtpFailure[] = []
  private readonly server: SMTPServer
  port = 0

  constructor(user: string, password: string) {
    this.server = new SMTPServer({
      // No TLS on loopback: the test exercises the dialogue, not certificates.
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      logger: false,
      onAuth: (auth, _session, callback) => {
        if (auth.username === user && auth.password === password) return callback(null, { user })
        this.authFailures.push(auth.username ?? '')
        return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }))
      },
      onData: (stream, session, callback) => {
        const failure = this.failures.shift()
        void (async () => {
          const mail = await simpleParser(stream)
          if (failure && 'delayMs' in failure) await new Promise((resolve) => setTimeout(resolve, failure.delayMs))
          if (failure && 'code' in failure) return callback(Object.assign(new Error(failure.message), { responseCode: failure.code }))
          this.messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            mail,
          })
          callback()
        })()
      },
    })
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.port = (this.server.server.address() as AddressInfo).port
    return this
  }

  failNext(count: number, failure: SmtpFailure): void {
    for (let i = 0; i < count; i += 1) this.failures.push(failure)
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}
