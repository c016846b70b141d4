/**
 * Fills a cloud database with the demo county (county.ts) and grants the
 * development personas their roles. Idempotent: every record has a fixed
 * `_id` and is written with `set`, so loading twice gives the same data.
 *
 * Dates are placed relative to `now` where they must stay in the future
 * (upcoming activities) and in the seed's year (2025) where they are history.
 */
import { personas } from '../../src/dev/personas'
import { personKeyFor } from '../../cloudfunctions/_shared/people'
import { departments, members, studios, topics } from './county'
import { loadActivityDemo } from './activity'
import { loadOpinionDemo } from './opinion'
import { loadConsultationDemo } from './consultation'
import { loadConsultationArchive } from './consultation-archive'
import { loadProposalDemo } from './proposal'
import { loadYearDemo } from './year'
import { loadLedgerDemo } from './ledger'

/**
 * Demo loaders of the feature areas (activities, public opinion, consultation
 * details), each in its own file beside this one: `(db, now) => Promise<void>`,
 * idempotent (fixed `_id`s, `set`). Add one line here per area.
 */
const areaLoaders: ((db: Database, now: Date) => Promise<void>)[] = [
  loadActivityDemo,
  loadConsultationDemo,
  loadOpinionDemo,
  loadProposalDemo,
  // the year's work records (issue 10): 2025 as the seed review states it, the current year smaller
  loadYearDemo,
  // last: it tops 2025 up to the seed report's figures, counting what the others wrote
  async (db) => {
    await loadConsultationArchive(db)
  },
  // the 2025 duty ledger (issue 11): derived from everything above, so it comes after the archive
  loadLedgerDemo
]

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Database = any

export interface DemoSummary {
  departments: number
  members: number
  studios: number
  topics: number
  users: number
}

function personaOpenid(key: string): string {
  const persona = personas.find((p) => p.key === key)
  if (!persona) throw new Error(`no persona ${key}`)
  return persona.openid
}

/** True when the database holds no studio yet (the signal `npm start` uses to load demo data). */
export async function isEmpty(db: Database): Promise<boolean> {
  const { total } = await db.collection('studios').count()
  return total === 0
}

/**
 * Writes the demo county into `db` (a wx-server-sdk database pointed at the
 * local cloud). `now` (UTC instant) anchors relative dates. Returns counts.
 */
export async function loadDemoData(db: Database, now: Date = new Date()): Promise<DemoSummary> {
  const seedYear = new Date(Date.UTC(2025, 2, 1, 2, 0, 0)) // 2025-03-01 10:00 Beijing
  const day = 24 * 60 * 60 * 1000
  const set = (collection: string, id: string, data: Record<string, unknown>) => db.collection(collection).doc(id).set({ data })

  for (const d of departments) await set('departments', d._id, { name: d.name, createdAt: seedYear })

  const memberPersona = personaOpenid('member')
  for (const m of members) {
    const bound = m._id === members[0]._id
    await set('members', m._id, {
      memberNumber: m.memberNumber,
      name: m.name,
      sector: m.sector,
      phone: m.phone,
      specialCommittee: m.specialCommittee,
      boundOpenid: bound ? memberPersona : null,
      ...(bound ? { boundAt: seedYear } : {}),
      createdAt: seedYear,
      updatedAt: seedYear
    })
  }

  for (const s of studios) {
    const { _id, ...rest } = s
    await set('studios', _id, { ...rest, createdAt: seedYear, updatedAt: seedYear })
  }

  let i = 0
  for (const t of topics) {
    const { _id, ...rest } = t
    const updatedAt = new Date(now.getTime() - (i + 1) * 3 * day)
    await set('topics', _id, {
      ...rest,
      description: `围绕“${t.title}”，广泛听取群众、委员和相关部门意见，推动形成共识、解决具体问题。`,
      visible: true,
      proposerOpenid: i % 3 === 0 ? personaOpenid('public') : memberPersona,
      createdAt: new Date(updatedAt.getTime() - 30 * day),
      updatedAt
    })
    i++
  }

  const first = members[0]
  const grantedAt = seedYear
  const users: Record<string, Record<string, unknown>> = {
    [personaOpenid('staff')]: { displayName: '李春燕', grants: [{ role: 'staff', studioIds: [], departmentIds: [], grantedBy: 'deploy', grantedAt }] },
    [memberPersona]: { grants: [], member: { id: first._id, name: first.name, sector: first.sector } },
    [personaOpenid('informant')]: { displayName: '赵文静', grants: [{ role: 'informant', studioIds: [], departmentIds: [], grantedBy: personaOpenid('staff'), grantedAt }] },
    [personaOpenid('department')]: { displayName: '孙立军', grants: [{ role: 'department', studioIds: [], departmentIds: ['dept-education'], grantedBy: personaOpenid('staff'), grantedAt }] },
    [personaOpenid('leader')]: { displayName: '白振华', grants: [{ role: 'leader', studioIds: [], departmentIds: [], grantedBy: personaOpenid('staff'), grantedAt }] },
    [personaOpenid('studio_admin')]: {
      displayName: '刘海涛',
      grants: [{ role: 'studio_admin', studioIds: [studios[0]._id], departmentIds: [], grantedBy: personaOpenid('staff'), grantedAt }]
    }
  }
  for (const [openid, data] of Object.entries(users)) await set('users', openid, { ...data, personKey: personKeyFor(openid), createdAt: grantedAt, updatedAt: grantedAt })

  // Each feature area adds its demo records through its own loader.
  for (const loader of areaLoaders) await loader(db, now)

  return { departments: departments.length, members: members.length, studios: studios.length, topics: topics.length, users: Object.keys(users).length }
}
