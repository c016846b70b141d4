/**
 * Generated OPENID scan (issue 13 item 2): on the seeded demo county, every
 * action in the contract is called as every persona with its sample and the
 * scan payloads (`scan-payloads.ts`: real ids, so lists and details are full),
 * and the JSON reply must hold no OPENID of the demo county other than the
 * caller's own — file IDs and URLs included (uploads live under
 * `uploads/<OPENID>/`). The OPENIDs are the personas' and every one found in
 * the seeded database (users, roster bindings, registrations, 社情民意
 * submitters, topic proposers, supporters and commenters, `...By` fields).
 *
 * The same run checks the contract's `mutates` marks from behaviour: an
 * action that is not mutating (`isMutating`) changes no document (the audit
 * log aside: exports are audited; and `cacheWrites` below).
 *
 * `knownOpenidLeaks`: actions that leak today
 * (fixed in parallel); the test fails when a listed action no longer leaks.
 */
import { actionNames, actions, isMutating, type ActionName } from '../../src/core/contract'
import { personas } from '../../src/dev/personas'
import { samples } from './samples'
import { knownOpenidLeaks, scanPayloads } from './scan-payloads'
import { diffSnapshots } from './snapshot-diff'
import { useFunctionsCloud } from './support'

const cloud = useFunctionsCloud()

const OPENID_SHAPE = /^[A-Za-z0-9_-]{6,64}$/
/** Field names that hold an OPENID in the data model. */
const OPENID_FIELD = /openid|By$/i

let demoOpenids: string[] | undefined

/**
 * Read actions that may write a cache: the collections they may touch.
 * `bulletin.download` generates an issue's .docx the first time and keeps
 * its file ID on the bulletin.
 */
const cacheWrites: Partial<Record<ActionName, string[]>> = { 'bulletin.download': ['bulletins'] }

/** Every OPENID of the demo county: personas, and every one the seeded database holds. */
function collectOpenids(): string[] {
  const found = new Set<string>(personas.map((p) => p.openid))
  const add = (value: unknown) => {
    if (typeof value === 'string' && OPENID_SHAPE.test(value) && value !== 'deploy') found.add(value)
    if (Array.isArray(value)) value.forEach(add)
  }
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk)
    if (!value || typeof value !== 'object') return
    for (const [key, v] of Object.entries(value)) {
      if (OPENID_FIELD.test(key)) add(v)
      walk(v)
    }
  }
  for (const collection of cloud.emulator.snapshot().collections) {
    for (const row of collection.rows) {
      const doc = JSON.parse(row.json) as Record<string, unknown>
      if (collection.name === 'users') add(doc._id)
      walk(doc)
    }
  }
  return [...found]
}

/** Where the reply shows someone else's OPENID, as short lines. */
function leaksIn(reply: unknown, own: string, openids: string[]): string[] {
  const json = JSON.stringify(reply)
  return openids
    .filter((o) => o !== own && json.includes(o))
    .map((o) => {
      const at = json.indexOf(o)
      return `${o} in …${json.slice(Math.max(0, at - 60), at + o.length + 20)}…`
    })
}

async function scan(name: ActionName): Promise<{ leaks: string[]; writes: string[] }> {
  await cloud.seedDemo()
  demoOpenids ??= collectOpenids()
  const payloads = [samples[name], ...(scanPayloads[name] ?? [])]
  const leaks: string[] = []
  const writes: string[] = []
  const mutating = isMutating(actions[name])
  for (const persona of personas) {
    for (const payload of payloads) {
      // a mutation starts from the demo as seeded; reads change nothing (checked below)
      if (mutating) await cloud.seedDemo()
      const before = mutating ? undefined : cloud.emulator.snapshot()
      const reply = await cloud.call(persona.key, name, payload)
      for (const leak of leaksIn(reply, persona.openid, demoOpenids)) leaks.push(`${persona.key}: ${leak}`)
      if (before) {
        for (const doc of diffSnapshots(before, cloud.emulator.snapshot(), ['auditLog', ...(cacheWrites[name] ?? [])])) writes.push(`${persona.key} wrote ${doc}`)
      }
    }
  }
  return { leaks: [...new Set(leaks)], writes: [...new Set(writes)] }
}

describe('no OPENID reaches anyone else', () => {
  it('the demo county has OPENIDs beyond the personas to look for', async () => {
    await cloud.seedDemo()
    demoOpenids ??= collectOpenids()
    expect(demoOpenids.length).toBeGreaterThan(personas.length + 50)
    expect(knownOpenidLeaks.filter((name) => !actionNames.includes(name))).toEqual([])
  })

  it('files a person uploads reach staff without the uploader\'s OPENID in their IDs or URLs', async () => {
    await cloud.seedDemo()
    const uploader = personas.find((p) => p.key === 'public')!.openid
    const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
    const images = [0, 1].map((i) => cloud.emulator.storage.put(`uploads/${uploader}/scan-${i}.png`, PNG, { openid: uploader }).fileID)
    const leaks: string[] = []
    for (const anonymous of [false, true]) {
      const item = await cloud.ok('public', 'opinion.submit', { ...(samples['opinion.submit'] as object), images, anonymous })
      await cloud.emulator.contentSafety.settled()
      for (const [name, payload] of [
        ['opinion.get', { id: item.id }],
        ['opinion.reviewList', {}]
      ] as const) {
        const reply = await cloud.call('staff', name, payload)
        expect(reply.ok).toBe(true)
        leaks.push(...leaksIn(reply, personas.find((p) => p.key === 'staff')!.openid, [uploader]).map((l) => `${name} (anonymous: ${anonymous}): ${l}`))
      }
    }
    expect(leaks).toEqual([])
  })

  it.each(actionNames)('%s', async (name) => {
    const { leaks, writes } = await scan(name)
    expect({ name, writes }).toEqual({ name, writes: [] }) // not marked mutating, so it must change nothing
    if (knownOpenidLeaks.includes(name)) {
      // Listed as leaking today: once it is clean, take it off the list.
      expect({ name, clean: leaks.length === 0 }).toEqual({ name, clean: false })
    } else {
      expect({ name, leaks }).toEqual({ name, leaks: [] })
    }
  })
})
