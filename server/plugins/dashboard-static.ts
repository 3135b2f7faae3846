// Serves the built dashboard (DASHBOARD_DIST). The single-page app's entry
// points answer index.html; the hashed assets are cached for long, index.html
// never (a new build must reach the walls on their next reload). The shell
// carries no data: the sign-in page, the first setup page and the wall (whose
// unpaired screen pairs it) are open; the pages of people (/desk, /lead,
// /admin, /reports) send a visitor without a session to /login first. Without a
// build, the pages answer 503 with a page saying how to make one.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

const OPEN_PAGES = ['/wall', '/wall/*', '/login', '/setup']
const PEOPLE_PAGES = ['/', '/desk', '/desk/*', '/lead', '/lead/*', '/admin', '/admin/*', '/reports', '/reports/*']

const notBuiltPage = (dist: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dashboard not built</title>
<style>body{font:18px/1.5 system-ui,sans-serif;background:#0b1220;color:#e6edf7;padding:4rem}code{background:#1c2740;padding:.1em .4em;border-radius:4px}</style></head>
<body><h1>Dashboard not built · 大屏尚未构建</h1>
<p>No dashboard build was found in <code>${dist.replace(/[<>&]/g, '')}</code>.</p>
<p>Run <code>npm run build</code>, then restart the server. The API (<a href="/docs">/docs</a>) works meanwhile.</p></body></html>
`

async function dashboardStatic(app: FastifyInstance, opts: { dist: string }): Promise<void> {
  const index = join(opts.dist, 'index.html')
  const built = existsSync(index)
  if (built) {
    await app.register(fastifyStatic, {
      root: opts.dist,
      prefix: '/',
      index: false,
      wildcard: true,
      setHeaders: (reply, path) => {
        reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
      },
    })
  }
  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!built || !existsSync(index)) {
      return reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(notBuiltPage(opts.dist))
    }
    const forPeople = PEOPLE_PAGES.includes(request.routeOptions.url ?? '')
    if (forPeople && request.principal === null) {
      const next = request.url.startsWith('/') && !request.url.startsWith('//') ? request.url : '/'
      return reply.header('cache-control', 'no-store').redirect(`/login?next=${encodeURIComponent(next)}`, 302)
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html')
  }
  for (const url of [...OPEN_PAGES, ...PEOPLE_PAGES]) app.get(url, { schema: { hide: true } }, page)
}

export default fp(dashboardStatic, { name: 'dashboard-static' })
