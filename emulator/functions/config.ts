/**
 * A cloud function's `config.json`, as WeChat CloudBase reads it:
 *
 * ```json
 * { "timeout": 3,
 *   "triggers": [{ "name": "daily", "type": "timer", "config": "0 0 2 * * * *" }],
 *   "permissions": { "openapi": ["security.msgSecCheck", "subscribeMessage.send"] } }
 * ```
 * - `timeout`: SECONDS, 1..900 in the console (default 3 s, which is what the
 *   cloud gives a function created from DevTools).
 * - `triggers`: only `type: 'timer'`; `config` is WeChat's 7-field cron
 *   `second minute hour day-of-month month day-of-week year`.
 * - `permissions.openapi`: the Open API calls (`wx.openApi` names like
 *   `security.msgSecCheck`) the function may make; the cloud answers a call
 *   that is not listed with errCode -604101 and so does the emulator.
 */
import fs from 'fs'
import path from 'path'
import { z } from 'zod'

export const DEFAULT_TIMEOUT_SECONDS = 3

const triggerSchema = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/, 'trigger name: letter first, then a-z A-Z 0-9 - _, at most 60'),
  type: z.literal('timer'),
  config: z.string().min(1)
})

const configSchema = z
  .object({
    timeout: z.number().positive().max(900).optional(),
    triggers: z.array(triggerSchema).optional(),
    permissions: z.object({ openapi: z.array(z.string()).optional() }).passthrough().optional()
  })
  .passthrough()

export interface TimerTrigger {
  name: string
  type: 'timer'
  /** 7-field cron (seconds first, year last) as WeChat writes it. */
  config: string
}

export interface FunctionConfig {
  /** Milliseconds. */
  timeoutMs: number
  triggers: TimerTrigger[]
  /** Allowed Open API names (e.g. 'security.msgSecCheck'). */
  openapi: string[]
}

/**
 * Read `<fnDir>/config.json` (missing -> defaults).
 * @throws Error naming the file when the JSON is malformed or does not match the shape above
 */
export function readFunctionConfig(fnDir: string): FunctionConfig {
  const file = path.join(fnDir, 'config.json')
  if (!fs.existsSync(file)) return { timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000, triggers: [], openapi: [] }
  let raw: unknown
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (e) {
    throw new Error(`${file}: invalid JSON (${(e as Error).message})`)
  }
  const parsed = configSchema.safeParse(raw)
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  const c = parsed.data
  return {
    timeoutMs: Math.round((c.timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000),
    triggers: (c.triggers ?? []) as TimerTrigger[],
    openapi: c.permissions?.openapi ?? []
  }
}
