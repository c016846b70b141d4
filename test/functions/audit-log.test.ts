/**
 * 操作日志 (`user.auditLog`, issue 14): staff read who did what to whom and
 * when, by name and Chinese label, never an OPENID; filters by area, Beijing
 * date range and actor.
 */
import { personas } from '../../src/dev/personas'
import { personKeyFor } from '../../cloudfunctions/_shared/people'
import { formatBeijing } from '../../src/core/time'
import { useFunctionsCloud, codeOf } from './support'

const cloud = useFunctionsCloud()
jest.setTimeout(90_000)
const newcomer = { openid: 'oAuditNewcomer00000000001' }

beforeEach(() => cloud.seedDemo())

async function someActivity(): Promise<void> {
  await cloud.ok('staff', 'activity.export', { id: 'act-demo-preschool' })
}

it('names who granted which role to whom, newest first, without any OPENID', async () => {
  await cloud.ok(newcomer, 'user.setName', { name: '周新民' })
  await cloud.ok('staff', 'user.grantRole', { personKey: personKeyFor(newcomer.openid), role: 'informant' })
  await someActivity()
  const page = await cloud.ok('staff', 'user.auditLog', {})
  const text = JSON.stringify(page)
  for (const o of [...personas.map((p) => p.openid), newcomer.openid]) expect(text).not.toContain(o)
  expect(page.items[0]).toMatchObject({ actionLabel: '导出报名与考勤', areaLabel: '活动' })
  const grant = page.items.find((i) => i.actionLabel === '授予角色')!
  expect(grant).toMatchObject({ targetName: '周新民', summary: '角色：信息员', areaLabel: '人员与授权' })
  expect(grant.actor.key).toBe(personKeyFor(personas.find((p) => p.key === 'staff')!.openid))
  expect(grant.actor.name).not.toBe('')
  const times = page.items.map((i) => i.at)
  expect([...times].sort().reverse()).toEqual(times)
})

it('filters by area, by actor and by Beijing date', async () => {
  await cloud.ok(newcomer, 'user.setName', { name: '周新民' })
  await cloud.ok('staff', 'user.grantRole', { personKey: personKeyFor(newcomer.openid), role: 'informant' })
  await someActivity()
  const people = await cloud.ok('staff', 'user.auditLog', { area: 'people' })
  expect(people.items.length).toBeGreaterThan(0)
  expect(people.items.every((i) => i.areaLabel === '人员与授权')).toBe(true)
  const activity = await cloud.ok('staff', 'user.auditLog', { area: 'activity' })
  expect(activity.items.some((i) => i.actionLabel === '导出报名与考勤')).toBe(true)
  expect(activity.items.every((i) => i.areaLabel === '活动')).toBe(true)

  const byStaff = await cloud.ok('staff', 'user.auditLog', { actorKey: personKeyFor(personas.find((p) => p.key === 'staff')!.openid) })
  expect(byStaff.items.length).toBeGreaterThan(0)
  expect(new Set(byStaff.items.map((i) => i.actor.key)).size).toBe(1)
  const byNewcomer = await cloud.ok('staff', 'user.auditLog', { actorKey: personKeyFor(newcomer.openid) })
  expect(byNewcomer.items).toEqual([])

  const today = formatBeijing(new Date(), 'YYYY-MM-DD')
  const todays = await cloud.ok('staff', 'user.auditLog', { from: today, to: today })
  expect(todays.items.some((i) => i.actionLabel === '授予角色')).toBe(true)
  expect((await cloud.ok('staff', 'user.auditLog', { from: '2001-01-01', to: '2001-12-31' })).items).toEqual([])
  expect(codeOf(await cloud.call('staff', 'user.auditLog', { from: today, to: '2001-01-01' }))).toBe('COMMON.INVALID_INPUT')
  expect(codeOf(await cloud.call('staff', 'user.auditLog', { actorKey: 'p' + '0'.repeat(20) }))).toBe('ROLE.PERSON_NOT_FOUND')
})

it('is for staff only', async () => {
  for (const who of ['leader', 'studio_admin', 'member'] as const) expect(codeOf(await cloud.call(who, 'user.auditLog', {}))).toBe('AUTH.FORBIDDEN')
})
