/**
 * Adversary tests for the `user` function: races and retries a real county
 * would hit (two staff at once, a phone retrying after a timeout).
 */
import ExcelJS from 'exceljs'
import { useFunctionsCloud, codeOf } from './support'
import { personKeyFor } from '../../cloudfunctions/_shared/people'

const cloud = useFunctionsCloud()

/** A newcomer who registered a name (so staff can find and grant them): their person key. */
async function registered(openid: string): Promise<string> {
  await cloud.ok({ openid }, 'user.setName', { name: `测试${openid.slice(-4)}` })
  return personKeyFor(openid)
}

beforeEach(() => cloud.seedDemo())

async function staffGrants(): Promise<string[]> {
  const rows = (await cloud.db().collection('users').where({ 'grants.role': 'staff' }).get()).data as { _id: string }[]
  return rows.map((r) => r._id)
}

async function nameOf(memberId: string): Promise<string> {
  const rows = (await cloud.db().collection('members').where({ _id: memberId }).get()).data as { name: string }[]
  return rows[0].name
}

describe('roles under concurrency', () => {
  it('two staff revoking each other at once leave at least one staff', async () => {
    const second = 'oSecondStaff0001'
    // warm two function instances so the two revocations really overlap
    await Promise.all([cloud.call('staff', 'user.me', {}), cloud.call({ openid: `${second}0` }, 'user.me', {})])
    for (let round = 0; round < 4; round++) {
      await cloud.ok({ openid: (await staffGrants())[0] }, 'user.grantRole', { personKey: await registered(`${second}${round}`), role: 'staff' })
      const holders = await staffGrants()
      expect(holders).toHaveLength(2)
      const [a, b] = holders
      const replies = await Promise.all([
        cloud.call({ openid: a }, 'user.revokeRole', { personKey: personKeyFor(b), role: 'staff' }),
        cloud.call({ openid: b }, 'user.revokeRole', { personKey: personKeyFor(a), role: 'staff' })
      ])
      expect(await staffGrants()).toHaveLength(1)
      expect(replies.filter((r) => r.ok)).toHaveLength(1)
      expect(replies.filter((r) => !r.ok).map(codeOf)[0]).toMatch(/^(ROLE.LAST_STAFF|AUTH.FORBIDDEN)$/)
    }
  })

  it('granting two roles to one user at once keeps both', async () => {
    const target = 'oTwoRoles00001'
    const key = await registered(target)
    await Promise.all([
      cloud.ok('staff', 'user.grantRole', { personKey: key, role: 'informant' }),
      cloud.ok('staff', 'user.grantRole', { personKey: key, role: 'studio_admin', studioIds: ['studio-02'] })
    ])
    expect((await cloud.ok({ openid: target }, 'user.me', {})).roles.sort()).toEqual(['informant', 'public', 'studio_admin'])
  })
})

describe('paging the grants', () => {
  it('a grant changed between pages neither disappears from the list nor shows twice', async () => {
    for (let i = 0; i < 4; i++) await cloud.ok('staff', 'user.grantRole', { personKey: await registered(`oPagedGrant000${i}`), role: 'informant' })
    const everyone = async () => {
      const seen: string[] = []
      let cursor: string | undefined
      do {
        const page = await cloud.ok('staff', 'user.listGrants', { limit: 2, ...(cursor ? { cursor } : {}) })
        seen.push(...new Set(page.items.map((g) => g.person.key)))
        cursor = page.nextCursor
      } while (cursor)
      return seen
    }
    const before = await everyone()
    const first = await cloud.ok('staff', 'user.listGrants', { limit: 2 })
    const seen = [...new Set(first.items.map((g) => g.person.key))]
    // someone further down the list gets another role while staff read page one
    const later = before[before.length - 1]
    await cloud.ok('staff', 'user.grantRole', { personKey: later, role: 'department', departmentIds: [await aDepartment()] })
    let cursor = first.nextCursor
    while (cursor) {
      const page = await cloud.ok('staff', 'user.listGrants', { limit: 2, cursor })
      seen.push(...new Set(page.items.map((g) => g.person.key)))
      cursor = page.nextCursor
    }
    expect(seen.length).toBe(new Set(seen).size)
    expect([...seen].sort()).toEqual([...before].sort())
  })
})

async function aDepartment(): Promise<string> {
  return ((await cloud.db().collection('departments').limit(1).get()).data[0] as { _id: string })._id
}

describe('binding under concurrency and retries', () => {
  it('one code tried from two WeChats at once binds exactly one', async () => {
    const issued = await cloud.ok('staff', 'user.issueBindingCode', { memberId: 'm-D002' })
    const name = await nameOf('m-D002')
    const replies = await Promise.all([
      cloud.call({ openid: 'oRaceBindA0001' }, 'user.bindMember', { name, code: issued.code }),
      cloud.call({ openid: 'oRaceBindB0001' }, 'user.bindMember', { name, code: issued.code })
    ])
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    const bound = (await cloud.db().collection('users').where({ 'member.id': 'm-D002' }).get()).data
    expect(bound).toHaveLength(1)
  })

  it('one WeChat binding two members at once ends bound to one', async () => {
    const [a, b] = await Promise.all([
      cloud.ok('staff', 'user.issueBindingCode', { memberId: 'm-D002' }),
      cloud.ok('staff', 'user.issueBindingCode', { memberId: 'm-D003' })
    ])
    const me = 'oGreedyBind0001'
    await Promise.all([
      cloud.call({ openid: me }, 'user.bindMember', { name: await nameOf('m-D002'), code: a.code }),
      cloud.call({ openid: me }, 'user.bindMember', { name: await nameOf('m-D003'), code: b.code })
    ])
    const members = (await cloud.db().collection('members').where({ boundOpenid: me }).get()).data
    expect(members).toHaveLength(1)
  })

  it('guesses sent in parallel cannot get past the five-try lock', async () => {
    const issued = await cloud.ok('staff', 'user.issueBindingCode', { memberId: 'm-D002' })
    const name = await nameOf('m-D002')
    // warm as many function instances as there are guessers, so the guesses really overlap
    await Promise.all(Array.from({ length: 12 }, (_, i) => cloud.call({ openid: `oParallelGuess${String(i).padStart(2, '0')}` }, 'user.me', {})))
    const wrong = Array.from({ length: 12 }, (_, i) => String((Number(issued.code) + 1 + i) % 1_000_000).padStart(6, '0'))
    const replies = await Promise.all(wrong.map((code, i) => cloud.call({ openid: `oParallelGuess${String(i).padStart(2, '0')}` }, 'user.bindMember', { name, code })))
    // at most five guesses were judged; every other one was told the code is locked
    expect(replies.filter((r) => codeOf(r) !== 'MEMBER.CODE_LOCKED').length).toBeLessThanOrEqual(5)
    expect(replies.every((r) => !r.ok)).toBe(true)
    expect(codeOf(await cloud.call({ openid: 'oParallelGuess99' }, 'user.bindMember', { name, code: issued.code }))).toBe('MEMBER.CODE_LOCKED')
  })

  it('a retry after a timeout (same requestId) returns the binding, not an error', async () => {
    const issued = await cloud.ok('staff', 'user.issueBindingCode', { memberId: 'm-D002' })
    const name = await nameOf('m-D002')
    const who = { openid: 'oSlowNetwork001' }
    const first = await cloud.call(who, 'user.bindMember', { name, code: issued.code }, 'bind-retry-0001')
    const retry = await cloud.call(who, 'user.bindMember', { name, code: issued.code }, 'bind-retry-0001')
    expect(first.ok && first.data).toEqual({ memberId: 'm-D002', name })
    expect(retry.ok && retry.data).toEqual({ memberId: 'm-D002', name })
  })
})

describe('roster import with hostile cells', () => {
  const staffOpenid = 'oDemoStaff00000000000000001'
  async function upload(rows: ExcelJS.CellValue[][]): Promise<string> {
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('名册')
    sheet.addRow(['委员编号', '姓名', '界别', '手机号', '专委会'])
    rows.forEach((r) => sheet.addRow(r))
    const content = Buffer.from(await book.xlsx.writeBuffer())
    return (await cloud.sdk().uploadFile({ cloudPath: `uploads/${staffOpenid}/${Date.now()}-hostile.xlsx`, fileContent: content })).fileID
  }

  it('a re-import that corrects a bound member\'s name or sector shows the correction to that member', async () => {
    const before = await cloud.ok('member', 'user.me', {})
    expect(before.member?.id).toBe('m-D001')
    const fileID = await upload([['D001', '李正明', '农业界']])
    expect((await cloud.ok('staff', 'user.importRoster', { fileID })).updated).toBe(1)
    const after = await cloud.ok('member', 'user.me', {})
    expect(after.member).toEqual({ id: 'm-D001', name: '李正明', sector: '农业界' })
    expect(after.roles).toContain('member')
  })

  it('error cells (#N/A, a formula that failed) are bad rows, never a member called [object Object]', async () => {
    const fileID = await upload([
      ['X901', { error: '#N/A' } as ExcelJS.CellErrorValue, '经济界'],
      ['X902', { formula: 'B99&""', result: { error: '#REF!' } } as unknown as ExcelJS.CellFormulaValue, '教育界']
    ])
    const reply = await cloud.call('staff', 'user.importRoster', { fileID })
    expect(codeOf(reply)).toBe('ROSTER.ROW_ERRORS')
    expect(!reply.ok && (reply.error.details as { row: number }[]).map((d) => d.row)).toEqual([2, 3])
    const stored = (await cloud.db().collection('members').where({ memberNumber: cloud.db().command.in(['X901', 'X902']) }).get()).data
    expect(stored).toEqual([])
  })
})

describe('scheduled jobs', () => {
  it('a phone sending a timer-shaped event cannot run a scheduled job', async () => {
    const event = { Type: 'Timer', TriggerName: 'remind', Time: new Date().toISOString(), Message: '' }
    const { result } = await cloud.emulator.invoke<{ ok: boolean; error?: { code: string } }>('activity', event, { openid: 'oTimerForger001' })
    expect(result.ok).toBe(false)
    expect(result.error?.code).toBe('AUTH.FORBIDDEN')
    // the real trigger (no user) still runs it
    expect((await cloud.emulator.fireTimer<{ ok: boolean }>('activity', 'remind')).result.ok).toBe(true)
  })
})
