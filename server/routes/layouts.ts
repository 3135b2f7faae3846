// Wall layouts, read from LAYOUTS_DIR on every request so that a center can
// edit a layout while the walls run: a good edit reaches the walls at their
// next refresh, a bad one is refused here (422, naming the problem) and the
// walls keep the last good one.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
// Brings the OpenAPI fields (summary, tags) into Fastify's route schema type.
import type {} from '@fastify/swagger'
import { LAYOUT_NAME_PATTERN, LayoutError, parseLayout } from '../../schemas/layout.ts'
import { ErrorSchema } from '../http-error.ts'

export interface LayoutsRoutesOptions {
  layoutsDir: string
}

const FILE_PATTERN = /^([a-z0-9-]{1,64})\.json$/

const InvalidLayoutReply = Type.Composite([
  ErrorSchema,
  Type.Object({
    problems: Type.Array(Type.Object({ path: Type.String({ description: 'JSON pointer into the file' }), message: Type.String() })),
  }),
])

const layoutsRoutes: FastifyPluginAsync<LayoutsRoutesOptions> = async (app, opts) => {
  const { layoutsDir } = opts

  app.get(
    '/layouts',
    {
      schema: {
        summary: 'Names of the wall layouts available',
        tags: ['wall'],
        response: { 200: Type.Object({ layouts: Type.Array(Type.String()) }), 500: ErrorSchema },
      },
    },
    async (_req, reply) => {
      try {
        const files = await readdir(layoutsDir)
        const layouts = files.flatMap((f) => FILE_PATTERN.exec(f)?.[1] ?? []).sort()
        return { layouts }
      } catch (err) {
        return reply.code(500).send({
          statusCode: 500,
          code: 'internal_error',
          message: `cannot read the layouts directory ${layoutsDir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
        })
      }
    },
  )

  app.get<{ Params: { name: string } }>(
    '/layouts/:name',
    {
      schema: {
        summary: 'One wall layout, validated',
        description:
          'The layout file LAYOUTS_DIR/{name}.json after validation. A file with an error is refused with 422 and a message naming the file, the JSON path and the problem.',
        tags: ['wall'],
        params: Type.Object({ name: Type.String({ pattern: LAYOUT_NAME_PATTERN }) }),
        response: {
          200: Type.Object({}, { additionalProperties: true, description: 'the layout (schemas/layout.ts)' }),
          400: ErrorSchema,
          404: ErrorSchema,
          422: InvalidLayoutReply,
          500: ErrorSchema,
        },
      },
    },
    async (req, reply) => {
      const { name } = req.params
      const file = `${name}.json`
      let text: string
      try {
        text = await readFile(join(layoutsDir, file), 'utf8')
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code
        if (code === 'ENOENT') {
          return reply.code(404).send({ statusCode: 404, code: 'not_found', message: `no layout named "${name}"` })
        }
        return reply.code(500).send({ statusCode: 500, code: 'internal_error', message: `cannot read layout ${file}: ${code ?? String(err)}` })
      }
      try {
        return parseLayout(text, file)
      } catch (err) {
        if (!(err instanceof LayoutError)) throw err
        req.log.warn({ layout: file, problems: err.problems }, 'layout refused')
        return reply.code(422).send({ statusCode: 422, code: 'invalid_layout', message: err.message, problems: err.problems })
      }
    },
  )
}

export default layoutsRoutes
