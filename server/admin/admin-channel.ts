// The local admin channel of a server that holds an embedded store: the
// operational store (PGlite) belongs to the running process, so `npm run
// admin` sends its commands here instead of opening the store itself. A
// Unix socket in the data directory, readable and writable by its owner
// only: whoever may use it may read the data directory anyway. One JSON
// request per line, one JSON answer per line.
import { chmodSync, existsSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { dirname, join } from 'node:path'
import { ADMIN_COMMANDS, AdminCommandError, runAdminCommand, type AdminArgs, type AdminCommand, type AdminContext } from './admin-commands.ts'

export interface AdminRequest {
  command: AdminCommand
  args: AdminArgs
}

export type AdminAnswer = { ok: true; output: string } | { ok: false; error: string }

const MAX_REQUEST_BYTES = 64 * 1024

/** Where the channel of a server holding this embedded store listens: beside the store, in the data directory. */
export const adminSocketPath = (embeddedStoreDir: string): string => join(dirname(embeddedStoreDir), 'admin.sock')

export async function startAdminChannel(path: string, ctx: AdminContext, logger: { error(obj: object, msg: string): void }): Promise<{ close(): Promise<void> }> {
  // A socket file left by a killed server is in the way; a live one means another server holds this store.
  if (existsSync(path)) rmSync(path)
  const server: Server = createServer((conn) => {
    let buffer = ''
    conn.setEncoding('utf8')
    conn.on('data', (chunk: string) => {
      buffer += chunk
      if (buffer.length > MAX_REQUEST_BYTES) return conn.destroy()
      const end = buffer.indexOf('\n')
      if (end === -1) return
      const line = buffer.slice(0, end)
      void answer(line).then((a) => conn.end(`${JSON.stringify(a)}\n`))
    })
    conn.on('error', () => undefined)
  })
  const answer = async (line: string): Promise<AdminAnswer> => {
    try {
      const request = JSON.parse(line) as AdminRequest
      if (!(ADMIN_COMMANDS as readonly string[]).includes(request.command)) return { ok: false, error: `unknown command ${String(request.command)}` }
      return { ok: true, output: await runAdminCommand(ctx, request.command, request.args ?? {}) }
    } catch (err) {
      if (err instanceof AdminCommandError) return { ok: false, error: err.message }
      logger.error({ err }, 'admin channel: command failed')
      return { ok: false, error: 'the command failed; the server log has the cause' }
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(path, () => {
      server.off('error', reject)
      resolve()
    })
  })
  chmodSync(path, 0o600)
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        if (existsSync(path)) rmSync(path)
      }),
  }
}
