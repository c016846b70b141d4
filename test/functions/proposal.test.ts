/**
 * 提案 through the real SDK on the local cloud (issue 9): terms, writing,
 * co-signing, review and filing (numbering race, retries), assignment and
 * the units' side, replies, rating with one 再办理, unit scoping, the public
 * view, the demo session's figures and the exports.
 */
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { useFunctionsCloud, codeOf } from './support'
import { personas } from '../../src/dev/personas'
import { members } from '../../database/demo/county'
import { deadlineOf } from '../../cloudfunctions/proposal/terms'
import { unitOverdue, type UnitRecord } from '../../cloudfunctions/proposal/model'

const cloud = useFunctionsCloud()
const openid = (key: string) => personas.find((p) => p.key === key)!.openid

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')
let uploads = 0
function upload(owner: string, bytes: Buffer = PDF, name = `file-${++uploads}.pdf`): string {
  return cloud.emulator.storage.put(`uploads/${owner}/${name}`, bytes, { openid: owner }).fileID
}

/** Binds roster member `memberId` to a fresh OPENID (as user.bind would); returns it. */
async function bindMember(memberId: string): Promise<{ openid: string }> {
  const m = members.find((x) => x._id === memberId)!
  const id = `oTest${memberId.replace(/[^A-Za-z0-9]/g, '')}000000000`
  await cloud.db().collection('users').doc(id).set({ data: { grants: [], member: { id: m._id, name: m.name, sector: m.sector }, createdAt: new Date(), updatedAt: new Date() } })
  await cloud.db().collection('members').doc(memberId).update({ data: { boundOpenid: id } })
  return { openid: id }
}

/** A user who answers for these units. */
async function unitUser(key: string, departmentIds: string[]): Promise<{ openid: string }> {
  const id = `oTestUnit${key}00000000000`
  await cloud.db().collection('users').doc(id).set({ data: { grants: [{ role: 'department', studioIds: [], departmentIds, grantedBy: 'test', grantedAt: new Date() }], createdAt: new Date(), updatedAt: new Date() } })
  return { openid: id }
}

async function staffUser(n: number): Promise<{ openid: string }> {
  const id = `oTestStaff${String(n).padStart(3, '0')}000000000`
  await cloud.db().collection('users').doc(id).set({ data: { grants: [{ role: 'staff', studioIds: [], departmentIds: [], grantedBy: 'test', grantedAt: new Date() }], createdAt: new Date(), updatedAt: new Date() } })
  return { openid: id }
}

const draft = {
  termId: 'term-15',
  sessionNumber: 5,
  title: '关于增设城区公共厕所的建议',
  analysis: '城区部分街道公共厕所数量不足，群众如厕不便，节假日尤为突出。',
  suggestions: '建议结合城市更新增设公共厕所，并鼓励沿街单位厕所对外开放。',
  category: 'society' as const
}

const outboxTo = (who: string) => cloud.emulator.outbox().filter((m) => m.touser === who)

beforeEach(() => cloud.seedDemo())

describe('terms and sessions', () => {
  it('lists the 15th term with its five sessions; staff add a term and make it current', async () => {
    const { items } = await cloud.ok('public', 'proposal.terms', {})
    expect(items[0]).toMatchObject({ id: 'term-15', name: '十五届', current: true, deadlineMonths: 3 })
    expect(items[0].sessions.map((s) => s.name)).toEqual(['一次会议', '二次会议', '三次会议', '四次会议', '五次会议'])
    const saved = await cloud.ok('staff', 'proposal.saveTerm', { number: 16, current: true, deadlineMonths: 2, sessions: [{ number: 1, date: '2027-01-06' }] })
    expect(saved).toMatchObject({ id: 'term-16', name: '十六届', current: true, deadlineMonths: 2, sessions: [{ number: 1, name: '一次会议', date: '2027-01-06', year: 2027 }] })
    const after = await cloud.ok('public', 'proposal.terms', {})
    expect(after.items.map((t) => [t.id, t.current])).toEqual([['term-16', true], ['term-15', false]])
    expect(codeOf(await cloud.call('member', 'proposal.saveTerm', { number: 17, sessions: [] }))).toBe('AUTH.FORBIDDEN')
    const dup = await cloud.call('staff', 'proposal.saveTerm', { number: 17, sessions: [{ number: 1, date: '2028-01-01' }, { number: 1, date: '2029-01-01' }] })
    expect(codeOf(dup)).toBe('COMMON.INVALID_INPUT')
    expect(!dup.ok && dup.error.message).toBe('会议次数有重复，请检查')
  })
})

describe('handling units to choose from', () => {
  it('a member writing a proposal sees every unit by name, never an id to type', async () => {
    const { items } = await cloud.ok('member', 'proposal.units', {})
    expect(items.map((u) => u.name)).toEqual(expect.arrayContaining(['县教育局']))
    expect(items.every((u) => u.id && /[\u4e00-\u9fff]/.test(u.name))).toBe(true)
    expect(codeOf(await cloud.call('anonymous', 'proposal.units', {}))).toBe('AUTH.UNAUTHENTICATED')
  })
})

describe('the whole way: draft → co-sign → file → assign → sign → reply → rate', () => {
  it('walks every step with timeline, audit log and notices; one 再办理 after 不满意', async () => {
    const me = openid('member')
    const d3 = await bindMember('m-D003')
    const d4 = await bindMember('m-D004')
    const health = await unitUser('health', ['dept-health'])
    const attachment = upload(me)

    const saved = await cloud.ok('member', 'proposal.saveDraft', { ...draft, attachments: [attachment], attachmentNames: { [attachment]: '调研报告.pdf' }, suggestedUnitIds: ['dept-urban-management'], notify: true })
    expect(saved).toMatchObject({ state: 'draft', stateLabel: '草稿', proposerName: members[0].name, mine: true, sessionName: '五次会议', attachments: [{ name: '调研报告.pdf', mime: 'application/pdf' }] })
    expect(saved.suggestedUnits).toEqual([{ id: 'dept-urban-management', name: '县城市管理综合行政执法局' }])
    const stored = (await cloud.db().collection('proposals').doc(saved.id).get()).data as { attachments: { fileID: string }[] }
    expect(stored.attachments[0].fileID).toContain(`proposal-files/${saved.id}/`)
    expect(stored.attachments[0].fileID).not.toContain(me)

    // Co-signers are picked from the roster by name.
    const hits = await cloud.ok('member', 'proposal.searchMembers', { name: members[2].name })
    expect(hits.items.map((h) => h.memberId)).toContain('m-D003')
    expect(JSON.stringify(hits)).not.toMatch(/oTest|oDemo/)
    await cloud.ok('member', 'proposal.invite', { id: saved.id, memberIds: ['m-D003', 'm-D004'] })
    expect(outboxTo(d3.openid).map((m) => m.data.phrase2.value)).toEqual(['联名邀请'])
    expect(outboxTo(d3.openid)[0].page).toBe(`proposal/detail/index?id=${saved.id}`)

    const waiting = await cloud.ok('member', 'proposal.submit', { id: saved.id })
    expect(waiting).toMatchObject({ state: 'cosigning', cosignerCount: 0 })
    const invited = await cloud.ok(d3, 'proposal.mine', { role: 'invited' })
    expect(invited.items.map((i) => i.id)).toEqual([saved.id])
    expect(invited.items[0].myRole).toBe('invited')

    const confirmed = await cloud.ok(d3, 'proposal.answerInvitation', { id: saved.id, accept: true, notify: true })
    expect(confirmed.cosigners.find((c) => c.mine)).toMatchObject({ status: 'confirmed', statusLabel: '已确认' })
    // Answering twice is one answer; co-signing twice is one co-signature.
    await cloud.ok(d3, 'proposal.answerInvitation', { id: saved.id, accept: false })
    const declined = await cloud.ok(d4, 'proposal.answerInvitation', { id: saved.id, accept: false })
    expect(declined).toMatchObject({ state: 'submitted', stateLabel: '待审查', cosignerCount: 1 })
    expect(declined.cosigners.map((c) => [c.name, c.status])).toEqual([[members[2].name, 'confirmed'], [members[3].name, 'declined']])
    expect(JSON.stringify(declined)).not.toMatch(/oTest|oDemo/)

    // Review queue, filing with the session's next number.
    const queue = await cloud.ok('staff', 'proposal.reviewList', { termId: 'term-15', sessionNumber: 5 })
    expect(queue.items.map((i) => i.id)).toContain(saved.id)
    const filed = await cloud.ok('staff', 'proposal.file', { id: saved.id })
    expect(filed).toMatchObject({ state: 'filed', number: 7, numberLabel: '十五届五次会议第 007 号', publicVisible: true })
    expect(outboxTo(me).map((m) => m.data.phrase2.value)).toContain('已立案')
    expect(outboxTo(d3.openid).map((m) => m.data.phrase2.value)).toContain('已立案')

    // Assignment: 县教育局 leads, 县卫健局 assists, default deadline three months on (Beijing).
    const assigned = await cloud.ok('staff', 'proposal.assign', { id: saved.id, mode: 'lead', unitIds: ['dept-education'], assistUnitIds: ['dept-health'] })
    const expected = deadlineOf(new Date(), 3).deadline
    expect(assigned.assignments.map((a) => [a.name, a.roleLabel, a.statusLabel, a.deadline])).toEqual([
      ['县教育局', '主办', '待签收', expected],
      ['县卫生健康局', '协办', '待签收', expected]
    ])
    expect(outboxTo(openid('department')).map((m) => m.data.phrase2.value)).toEqual(['新交办'])

    // Reply before signing for it: refused.
    const letter = upload(openid('department'))
    const replyInput = { id: saved.id, content: '经研究，已将增设公共厕所列入今年城市更新计划，年内新建 6 座。', letterFileID: letter, grade: 'B', contactMode: 'meeting', public: true }
    const early = await cloud.call('department', 'proposal.reply', replyInput)
    expect(codeOf(early)).toBe('PROPOSAL.WRONG_STATE')
    expect(!early.ok && early.error.message).toBe('请先签收该提案，再答复')

    await cloud.ok('department', 'proposal.signFor', { id: saved.id })
    // The assisting opinion must come first.
    expect(codeOf(await cloud.call('department', 'proposal.reply', replyInput))).toBe('PROPOSAL.ASSIST_PENDING')
    await cloud.ok(health, 'proposal.signFor', { id: saved.id })
    await cloud.ok(health, 'proposal.assistOpinion', { id: saved.id, content: '同意主办单位意见，配合做好选址工作。' })
    // Rating before a reply: refused.
    expect(codeOf(await cloud.call('member', 'proposal.rate', { id: saved.id, departmentId: 'dept-education', rating: 'satisfied' }))).toBe('PROPOSAL.WRONG_STATE')

    const replied = await cloud.ok('department', 'proposal.reply', replyInput)
    expect(replied).toMatchObject({ state: 'replied', stateLabel: '已办复' })
    expect(replied.replies[0]).toMatchObject({ unitName: '县教育局', round: 1, gradeLabel: 'B类（正在解决或列入计划）', contactLabel: '面谈', public: true })
    expect(outboxTo(me).map((m) => m.data.phrase2.value)).toContain('已答复')
    const pub = await cloud.ok('public', 'proposal.publicGet', { id: saved.id })
    expect(pub.replies.map((r) => r.unitName)).toEqual(['县教育局'])
    expect(pub.cosignerNames).toEqual([members[2].name])

    // 不满意 sends it back once.
    const rated = await cloud.ok('member', 'proposal.rate', { id: saved.id, departmentId: 'dept-education', rating: 'unsatisfied', comment: '选址未征求居民意见' })
    expect(rated).toMatchObject({ state: 'rehandling', stateLabel: '再办理' })
    expect(rated.assignments[0]).toMatchObject({ status: 'rehandling', statusLabel: '再办理' })
    expect(outboxTo(openid('department')).map((m) => m.data.phrase2.value)).toContain('再办理')
    const again = await cloud.ok('department', 'proposal.reply', { ...replyInput, letterFileID: upload(openid('department')), grade: 'A', contactMode: 'forum' })
    expect(again.replies[0]).toMatchObject({ round: 2, grade: 'A' })
    const closed = await cloud.ok('member', 'proposal.rate', { id: saved.id, departmentId: 'dept-education', rating: 'unsatisfied' })
    expect(closed).toMatchObject({ state: 'closed', stateLabel: '已办结' })
    expect(closed.replies[0].rating).toMatchObject({ label: '不满意' })
    expect(closed.can.rate).toEqual([])

    expect(closed.timeline.map((t) => t.label)).toEqual([
      '创建草稿', '邀请联名', '提交提案', '确认联名', '谢绝联名', '提交提案', '已立案（十五届五次会议第 007 号）', '已交办',
      '已签收', '已签收', '提交协办意见', '已答复', '已评价', '再办理', '已答复', '已评价', '已办结'
    ])
    expect(closed.timeline.every((t) => t.by && !/^o[A-Z]/.test(t.by))).toBe(true)
    const audit = (await cloud.db().collection('auditLog').where({ target: saved.id }).limit(100).get()).data as { action: string }[]
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['proposal.saveDraft', 'proposal.invite', 'proposal.submit', 'proposal.answerInvitation', 'proposal.file', 'proposal.assign', 'proposal.signFor', 'proposal.assistOpinion', 'proposal.reply', 'proposal.rate']))
  })
})

describe('writing rules and refusals', () => {
  it('only a bound member writes; staff write collective proposals only', async () => {
    expect(codeOf(await cloud.call('public', 'proposal.saveDraft', draft))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await cloud.call('staff', 'proposal.saveDraft', draft))).toBe('PROPOSAL.NOT_MEMBER')
    expect(codeOf(await cloud.call('member', 'proposal.saveDraft', { ...draft, collectiveName: '提案委员会' }))).toBe('PROPOSAL.COLLECTIVE_STAFF_ONLY')
    const collective = await cloud.ok('staff', 'proposal.saveDraft', { ...draft, collectiveName: '民盟县委员会' })
    expect(collective).toMatchObject({ collective: true, proposerName: '民盟县委员会', mine: true })
    expect((await cloud.ok('staff', 'proposal.mine', { role: 'proposer' })).items.map((i) => i.id)).toContain(collective.id)
    expect(codeOf(await cloud.call('member', 'proposal.saveDraft', { ...draft, termId: 'term-99' }))).toBe('PROPOSAL.TERM_UNKNOWN')
    expect(codeOf(await cloud.call('member', 'proposal.saveDraft', { ...draft, sessionNumber: 6 }))).toBe('PROPOSAL.SESSION_UNKNOWN')
    expect(codeOf(await cloud.call('member', 'proposal.saveDraft', { ...draft, suggestedUnitIds: ['dept-nowhere'] }))).toBe('PROPOSAL.UNIT_UNKNOWN')
    expect(codeOf(await cloud.call('member', 'proposal.saveDraft', { ...draft, attachments: [upload(openid('informant'))] }))).toBe('FILE.NOT_OWNED')
    expect(codeOf(await cloud.call('member', 'proposal.saveDraft', { ...draft, attachments: [upload(openid('member'), Buffer.from('plain text, not a document'))] }))).toBe('FILE.WRONG_TYPE')
  })

  it('an edit keeps attachments by their neutral fileID and drops the ones left out', async () => {
    const a = upload(openid('member'))
    const b = upload(openid('member'))
    const first = await cloud.ok('member', 'proposal.saveDraft', { ...draft, attachments: [a, b] })
    expect(first.attachments.map((x) => x.fileID).every((f) => f.includes(`proposal-files/${first.id}/`))).toBe(true)
    const kept = first.attachments[1].fileID
    const edited = await cloud.ok('member', 'proposal.saveDraft', { ...draft, id: first.id, title: '关于增设城区公共厕所和母婴室的建议', attachments: [kept] })
    expect(edited.attachments.map((x) => x.fileID)).toEqual([kept])
    expect(edited.title).toBe('关于增设城区公共厕所和母婴室的建议')
    const other = await cloud.ok('member', 'proposal.saveDraft', draft)
    expect(codeOf(await cloud.call('member', 'proposal.saveDraft', { ...draft, id: other.id, attachments: [kept] }))).toBe('FILE.NOT_OWNED')
  })

  it('risky text is refused; text for review is held (flagged for staff, never public)', async () => {
    expect(codeOf(await cloud.call('member', 'proposal.saveDraft', { ...draft, analysis: `${draft.analysis}违规测试词` }))).toBe('CONTENT.RISKY')
    const held = await cloud.ok('member', 'proposal.saveDraft', { ...draft, analysis: `${draft.analysis}待审测试词` })
    expect(held.flags).toBeUndefined()
    await cloud.ok('member', 'proposal.submit', { id: held.id })
    const queue = await cloud.ok('staff', 'proposal.reviewList', {})
    expect(queue.items.find((i) => i.id === held.id)?.flags).toEqual(['text_review'])
    const failing = await cloud.ok('member', 'proposal.saveDraft', { ...draft, suggestions: `${draft.suggestions}检测故障测试词` })
    expect((await cloud.ok('staff', 'proposal.get', { id: failing.id })).flags).toEqual(['text_check_failed'])
    expect(codeOf(await cloud.call('public', 'proposal.publicGet', { id: held.id }))).toBe('COMMON.NOT_FOUND')
  })

  it('a new draft retried with the same requestId is one draft; edits and submit answer the first result', async () => {
    const requestId = 'retry-draft-0001'
    const first = await cloud.call('member', 'proposal.saveDraft', draft, requestId)
    const second = await cloud.call('member', 'proposal.saveDraft', draft, requestId)
    expect(first.ok && second.ok && first.data.id === second.data.id).toBe(true)
    const mineRows = (await cloud.db().collection('proposals').where({ proposerMemberId: 'm-D001', title: draft.title }).get()).data
    expect(mineRows).toHaveLength(1)
    const id = first.ok ? first.data.id : ''
    const s1 = await cloud.call('member', 'proposal.submit', { id }, 'retry-submit-0001')
    const s2 = await cloud.call('member', 'proposal.submit', { id }, 'retry-submit-0001')
    expect(s1.ok && s2.ok).toBe(true)
    expect(s2.ok && s2.data).toEqual(s1.ok && s1.data)
    // A new call (new requestId) is refused from the new state, in Chinese.
    const s3 = await cloud.call('member', 'proposal.submit', { id })
    expect(codeOf(s3)).toBe('PROPOSAL.WRONG_STATE')
    expect(!s3.ok && s3.error.message).toBe('该提案当前为“待审查”，不能提交')
  })

  it('return for changes, edit and resubmit; withdraw by the proposer; staff withdraw a filed one at request', async () => {
    const returned = await cloud.ok('staff', 'proposal.return', { id: 'demo-pr-2026-08', reason: '请补充三轮车数量的调查数据' })
    expect(returned).toMatchObject({ state: 'returned', returnReason: '请补充三轮车数量的调查数据' })
    const d15 = await bindMember('m-D015')
    expect((await cloud.ok(d15, 'proposal.get', { id: 'demo-pr-2026-08' })).can).toMatchObject({ edit: true, submit: true })
    await cloud.ok(d15, 'proposal.saveDraft', { ...draft, id: 'demo-pr-2026-08', title: '关于规范三轮车管理的建议' })
    const again = await cloud.ok(d15, 'proposal.submit', { id: 'demo-pr-2026-08' })
    expect(again).toMatchObject({ state: 'submitted', title: '关于规范三轮车管理的建议' })
    expect(codeOf(await cloud.call('member', 'proposal.saveDraft', { ...draft, id: 'demo-pr-2026-08' }))).toBe('PROPOSAL.NOT_OWNER')

    expect(codeOf(await cloud.call('member', 'proposal.withdraw', { id: 'demo-pr-2026-03' }))).toBe('PROPOSAL.WRONG_STATE')
    const gone = await cloud.ok('member', 'proposal.withdraw', { id: 'demo-pr-2026-01', reason: '与他人提案重复' })
    expect(gone).toMatchObject({ state: 'withdrawn', stateLabel: '已撤案' })
    const byStaff = await cloud.ok('staff', 'proposal.withdraw', { id: 'demo-pr-2026-10', reason: '提案人申请撤案' })
    expect(byStaff).toMatchObject({ state: 'withdrawn', publicVisible: false })
    expect(codeOf(await cloud.call('public', 'proposal.publicGet', { id: 'demo-pr-2026-10' }))).toBe('COMMON.NOT_FOUND')
  })

  it('co-sign rules: only invitees answer; the lead may go on without open invitations; 附议 twice is once', async () => {
    expect(codeOf(await cloud.call('member', 'proposal.invite', { id: 'demo-pr-2026-01', memberIds: ['m-D001'] }))).toBe('PROPOSAL.COSIGN_SELF')
    expect(codeOf(await cloud.call('member', 'proposal.invite', { id: 'demo-pr-2026-01', memberIds: ['m-X999'] }))).toBe('PROPOSAL.MEMBER_UNKNOWN')
    const d9 = await bindMember('m-D009')
    expect(codeOf(await cloud.call(d9, 'proposal.answerInvitation', { id: 'demo-pr-2026-02', accept: true }))).toBe('PROPOSAL.NOT_INVITED')
    expect(codeOf(await cloud.call('member', 'proposal.invite', { id: 'demo-pr-2026-02', memberIds: ['m-D009'] }))).toBe('PROPOSAL.NOT_OWNER')
    const goOn = await cloud.ok('member', 'proposal.submit', { id: 'demo-pr-2026-01', withoutPending: true })
    expect(goOn).toMatchObject({ state: 'submitted', cosignerCount: 0, cosigners: [] })

    const s1 = await cloud.ok('member', 'proposal.second', { id: 'demo-pr-2025-010' })
    const s2 = await cloud.ok('member', 'proposal.second', { id: 'demo-pr-2025-010' })
    expect([s1.seconderCount, s2.seconderCount]).toEqual([1, 1])
    expect((await cloud.ok('member', 'proposal.publicGet', { id: 'demo-pr-2025-010' })).secondedByMe).toBe(true)
    expect(codeOf(await cloud.call('member', 'proposal.second', { id: 'demo-pr-2026-08' }))).toBe('PROPOSAL.NOT_PUBLIC')
  })
})

describe('review and filing', () => {
  it('several staff filing at once get distinct, gap-free numbers; a retry returns the first number', async () => {
    const { _id: _ignored, ...base } = (await cloud.db().collection('proposals').doc('demo-pr-2026-09').get()).data as Record<string, unknown>
    const ids = Array.from({ length: 6 }, (_, i) => `test-race-${i}`)
    for (const id of ids) await cloud.db().collection('proposals').doc(id).set({ data: { ...base, title: `并发立案测试 ${id}` } })
    const staff = await Promise.all(ids.map((_, i) => staffUser(i)))
    const replies = await Promise.all(ids.map((id, i) => cloud.call(staff[i], 'proposal.file', { id }, `race-file-${i}-000`)))
    const failed = replies.filter((r) => !r.ok)
    expect(failed.map(codeOf).every((c) => c === 'COMMON.BUSY')).toBe(true)
    const numbers = replies.filter((r) => r.ok).map((r) => (r.ok ? r.data.number! : 0))
    // Any call that lost every retry is retried by its client: it gets the next free number.
    for (const [i, r] of replies.entries()) {
      if (!r.ok) {
        const again = await cloud.call(staff[i], 'proposal.file', { id: ids[i] }, `race-file-${i}-000`)
        numbers.push(again.ok ? again.data.number! : -1)
      }
    }
    expect([...numbers].sort((a, b) => a - b)).toEqual([7, 8, 9, 10, 11, 12])
    const counter = (await cloud.db().collection('counters').doc('proposal-term-15-s5').get()).data as { value: number }
    expect(counter.value).toBe(12)

    const retry = await cloud.call(staff[0], 'proposal.file', { id: ids[0] }, 'race-file-0-000')
    const first = (await cloud.db().collection('proposals').doc(ids[0]).get()).data as { number: number }
    expect(retry.ok && retry.data.number).toBe(first.number)
    expect(((await cloud.db().collection('counters').doc('proposal-term-15-s5').get()).data as { value: number }).value).toBe(12)
    const twice = await cloud.call('staff', 'proposal.file', { id: ids[0] })
    expect(codeOf(twice)).toBe('PROPOSAL.WRONG_STATE')
    expect(!twice.ok && twice.error.message).toBe('该提案当前为“已立案”，不能立案')
  }, 90000)

  it('not filed, converted to a 社情民意 item that follows that pipeline', async () => {
    expect(codeOf(await cloud.call('staff', 'proposal.notFile', { id: 'demo-pr-2026-09', reason: '建议以社情民意反映', convertToOpinion: true }))).toBe('PROPOSAL.OPINION_CATEGORY')
    const done = await cloud.ok('staff', 'proposal.notFile', { id: 'demo-pr-2026-09', reason: '建议以社情民意反映', convertToOpinion: true, opinionCategoryId: 'cat-economy' })
    expect(done).toMatchObject({ state: 'not_filed', notFiledReason: '建议以社情民意反映', convertedOpinionId: 'op-from-demo-pr-2026-09' })
    const queue = await cloud.ok('staff', 'opinion.reviewList', { state: 'submitted' })
    const item = queue.items.find((i) => i.id === 'op-from-demo-pr-2026-09')
    expect(item).toMatchObject({ title: '关于推进东梁温泉城康养项目招商的建议', categoryName: '经济发展', state: 'submitted' })
    expect((await cloud.ok('staff', 'opinion.accept', { id: 'op-from-demo-pr-2026-09' })).state).toBe('in_review')
    expect(codeOf(await cloud.call('staff', 'proposal.file', { id: 'demo-pr-2026-09' }))).toBe('PROPOSAL.WRONG_STATE')
  })

  it('merge duplicates; key proposals with their leaders', async () => {
    expect(codeOf(await cloud.call('staff', 'proposal.merge', { id: 'demo-pr-2026-09', intoId: 'demo-pr-2026-09' }))).toBe('PROPOSAL.MERGE_TARGET')
    expect(codeOf(await cloud.call('staff', 'proposal.merge', { id: 'demo-pr-2026-09', intoId: 'demo-pr-2026-01' }))).toBe('PROPOSAL.MERGE_TARGET')
    const merged = await cloud.ok('staff', 'proposal.merge', { id: 'demo-pr-2026-09', intoId: 'demo-pr-2026-10', note: '同一事项' })
    expect(merged).toMatchObject({ state: 'merged', mergedInto: { id: 'demo-pr-2026-10', numberLabel: '十五届五次会议第 006 号' } })
    const target = await cloud.ok('staff', 'proposal.get', { id: 'demo-pr-2026-10' })
    expect(target.mergedFrom.map((m) => m.id)).toEqual(['demo-pr-2026-09'])

    expect(codeOf(await cloud.call('staff', 'proposal.markKey', { id: 'demo-pr-2026-08', key: true }))).toBe('PROPOSAL.WRONG_STATE')
    const key = await cloud.ok('staff', 'proposal.markKey', { id: 'demo-pr-2026-10', key: true, leaders: [{ name: '县政协主席', mode: 'lead' }] })
    expect(key).toMatchObject({ key: true, leaders: [{ name: '县政协主席', modeLabel: '领办' }] })
    const keyList = await cloud.ok('staff', 'proposal.reviewList', { key: true, termId: 'term-15', sessionNumber: 5 })
    expect(keyList.items.map((i) => i.id)).toEqual(['demo-pr-2026-10'])
  })
})

describe('units: scoping, 申退, 催办, overdue', () => {
  it('a unit sees and acts only on proposals assigned to it', async () => {
    const seen: { id: string; unitIds: string[] }[] = []
    let cursor: string | undefined
    for (let i = 0; i < 5; i++) {
      const page = await cloud.ok('department', 'proposal.tasks', { limit: 20, ...(cursor ? { cursor } : {}) })
      for (const t of page.items) seen.push({ id: t.id, unitIds: [t.myUnit.departmentId] })
      cursor = page.nextCursor
      if (!cursor) break
    }
    const assigned = ((await cloud.db().collection('proposals').where({ unitIds: 'dept-education' }).limit(100).get()).data as { _id: string }[]).map((d) => d._id).sort()
    expect(seen.map((t) => t.id).sort()).toEqual(assigned)
    expect(seen.every((t) => t.unitIds[0] === 'dept-education')).toBe(true)
    expect(seen.map((t) => t.id)).toEqual(expect.arrayContaining(['demo-pr-2026-03', 'demo-pr-2026-04', 'demo-pr-2026-05', 'demo-pr-2026-06']))
    const tasks = await cloud.ok('department', 'proposal.tasks', {})
    expect(tasks.items.find((t) => t.id === 'demo-pr-2026-06')?.myUnit).toMatchObject({ role: 'assist', statusLabel: '待签收' })
    expect(codeOf(await cloud.call('department', 'proposal.get', { id: 'demo-pr-2026-07' }))).toBe('COMMON.NOT_FOUND')
    expect(codeOf(await cloud.call('department', 'proposal.get', { id: 'demo-pr-2026-08' }))).toBe('COMMON.NOT_FOUND')
    expect(codeOf(await cloud.call('department', 'proposal.signFor', { id: 'demo-pr-2026-07' }))).toBe('PROPOSAL.NOT_ASSIGNED')
    const own = await cloud.ok('department', 'proposal.get', { id: 'demo-pr-2026-05' })
    expect(own.assignments.find((a) => a.role === 'assist')?.opinion?.content).toContain('协办意见')
    // An assisting unit does not see the other assisting opinions' text, nor the proposer's OPENID.
    const assisting = await cloud.ok('department', 'proposal.get', { id: 'demo-pr-2026-06' })
    expect(JSON.stringify(assisting)).not.toMatch(/oDemo|demo-owner/)
    const open = await cloud.ok('department', 'proposal.tasks', { open: true })
    expect(open.items.map((t) => t.id).sort()).toEqual(['demo-pr-2026-04', 'demo-pr-2026-05', 'demo-pr-2026-06'])
  })

  it('申退, then staff insist or reassign', async () => {
    expect(codeOf(await cloud.call('staff', 'proposal.insist', { id: 'demo-pr-2026-04', departmentId: 'dept-education', note: '属于教育系统职责' }))).toBe('PROPOSAL.WRONG_STATE')
    const asked = await cloud.ok('department', 'proposal.askReturn', { id: 'demo-pr-2026-04', reason: '心理健康教师编制属人社部门' })
    expect(asked.assignments[0]).toMatchObject({ status: 'return_requested', returnReason: '心理健康教师编制属人社部门' })
    const kept = await cloud.ok('staff', 'proposal.insist', { id: 'demo-pr-2026-04', departmentId: 'dept-education', note: '属于教育系统职责' })
    expect(kept.assignments[0].status).toBe('pending')
    await cloud.ok('department', 'proposal.askReturn', { id: 'demo-pr-2026-04', reason: '请改交人社局' })
    const moved = await cloud.ok('staff', 'proposal.reassign', { id: 'demo-pr-2026-04', fromUnitId: 'dept-education', toUnitId: 'dept-hrss' })
    expect(moved.assignments.map((a) => [a.name, a.status])).toEqual([['县教育局', 'returned'], ['县人力资源和社会保障局', 'pending']])
    expect((await cloud.ok('department', 'proposal.tasks', {})).items.map((t) => t.id)).not.toContain('demo-pr-2026-04')
    expect(codeOf(await cloud.call('department', 'proposal.askReturn', { id: 'demo-pr-2026-05', reason: '已签收后不能申退' }))).toBe('PROPOSAL.WRONG_STATE')
  })

  it('the overdue list, 催办 logged and sent; overdue flips at 24:00 Beijing of the deadline day', async () => {
    const list = await cloud.ok('staff', 'proposal.overdue', {})
    expect(list.items.map((i) => i.id)).toEqual(['demo-pr-2026-07'])
    expect(list.items[0]).toMatchObject({ overdue: true, units: [{ name: '县住房和城乡建设局', overdue: true }] })
    const housing = await unitUser('housing', ['dept-housing'])
    const reminded = await cloud.ok('staff', 'proposal.remind', { id: 'demo-pr-2026-07', departmentId: 'dept-housing', note: '请于本周内答复' })
    expect(reminded.assignments[0].reminders).toBe(2)
    expect(outboxTo(housing.openid).map((m) => [m.data.phrase2.value, m.data.thing4.value])).toEqual([['催办', '请于本周内答复']])
    expect(codeOf(await cloud.call('staff', 'proposal.remind', { id: 'demo-pr-2026-03', departmentId: 'dept-education' }))).toBe('PROPOSAL.WRONG_STATE')

    const { deadline, deadlineAt } = deadlineOf(new Date('2026-03-01T04:00:00Z'), 0, '2026-03-10')
    expect(deadlineAt.toISOString()).toBe('2026-03-10T16:00:00.000Z')
    const unit = { status: 'signed', deadline, deadlineAt } as UnitRecord
    expect(unitOverdue(unit, new Date('2026-03-10T15:59:59Z'))).toBe(false) // 23:59:59 Beijing on the day
    expect(unitOverdue(unit, new Date('2026-03-10T16:00:00Z'))).toBe(true) // 00:00 Beijing the next day
    expect(unitOverdue({ ...unit, status: 'replied' }, new Date('2026-04-01T00:00:00Z'))).toBe(false)
    expect(codeOf(await cloud.call('staff', 'proposal.assign', { id: 'demo-pr-2026-10', mode: 'lead', unitIds: ['dept-water'], deadline: '2020-01-01' }))).toBe('PROPOSAL.DEADLINE_PAST')
    expect(codeOf(await cloud.call('staff', 'proposal.assign', { id: 'demo-pr-2026-10', mode: 'lead', unitIds: ['dept-water', 'dept-health'] }))).toBe('COMMON.INVALID_INPUT')
    const split = await cloud.ok('staff', 'proposal.assign', { id: 'demo-pr-2026-10', mode: 'split', unitIds: ['dept-water', 'dept-ecology'], deadline: '2099-12-31' })
    expect(split.assignments.map((a) => [a.roleLabel, a.deadline])).toEqual([['分办', '2099-12-31'], ['分办', '2099-12-31']])
  })

  it('a held reply is not public until staff release it', async () => {
    const letter = upload(openid('department'))
    const reply = await cloud.ok('department', 'proposal.reply', { id: 'demo-pr-2026-05', content: '已开展近视筛查并建立档案。待审测试词', letterFileID: letter, grade: 'A', contactMode: 'phone', public: true })
    expect(reply.replies[0].held).toBe(true)
    expect((await cloud.ok('public', 'proposal.publicGet', { id: 'demo-pr-2026-05' })).replies).toEqual([])
    await cloud.ok('staff', 'proposal.releaseReply', { id: 'demo-pr-2026-05', departmentId: 'dept-education' })
    expect((await cloud.ok('public', 'proposal.publicGet', { id: 'demo-pr-2026-05' })).replies.map((r) => r.unitName)).toEqual(['县教育局'])
  })
})

describe('the member persona and the public', () => {
  it('D001 has a draft, an invitation and a reply to rate', async () => {
    const mine = await cloud.ok('member', 'proposal.mine', {})
    expect(mine.items.map((i) => [i.id, i.myRole, i.state])).toEqual(
      expect.arrayContaining([
        ['demo-pr-2026-01', 'proposer', 'draft'],
        ['demo-pr-2026-02', 'invited', 'cosigning'],
        ['demo-pr-2026-03', 'proposer', 'replied']
      ])
    )
    const toRate = await cloud.ok('member', 'proposal.get', { id: 'demo-pr-2026-03' })
    expect(toRate.can.rate).toEqual(['dept-education'])
    expect(codeOf(await cloud.call('informant', 'proposal.get', { id: 'demo-pr-2026-03' }))).toBe('COMMON.NOT_FOUND')
    expect(codeOf(await cloud.call('member', 'proposal.rate', { id: 'demo-pr-2026-05', departmentId: 'dept-education', rating: 'satisfied' }))).toBe('PROPOSAL.NOT_OWNER')
  })

  it('the public sees only filed proposals marked public, searchable by title and category, paged', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    for (let i = 0; i < 10; i++) {
      const page = await cloud.ok('public', 'proposal.publicList', { limit: 20, ...(cursor ? { cursor } : {}) })
      seen.push(...page.items.map((p) => p.id))
      cursor = page.nextCursor
      if (!cursor) break
    }
    expect(seen).toHaveLength(105 + 6)
    expect(seen).not.toEqual(expect.arrayContaining(['demo-pr-2026-01']))
    for (const hidden of ['demo-pr-2026-01', 'demo-pr-2026-02', 'demo-pr-2026-08', 'demo-pr-2025-106', 'demo-pr-2025-108']) {
      expect(seen).not.toContain(hidden)
      expect(codeOf(await cloud.call('public', 'proposal.publicGet', { id: hidden }))).toBe('COMMON.NOT_FOUND')
    }
    const hot = await cloud.ok('public', 'proposal.publicList', { keyword: '温泉城', termId: 'term-15', sessionNumber: 4 })
    expect(hot.items.length).toBeGreaterThan(0)
    expect(hot.items.every((i) => i.title.includes('温泉城'))).toBe(true)
    expect(hot.items.find((i) => i.id === 'demo-pr-2025-001')).toMatchObject({ numberLabel: '十五届四次会议第 001 号', replied: true })
    const ecology = await cloud.ok('public', 'proposal.publicList', { category: 'ecology', limit: 20 })
    expect(ecology.items.every((i) => i.categoryLabel === '生态文明')).toBe(true)
    const one = await cloud.ok('public', 'proposal.publicGet', { id: 'demo-pr-2025-001' })
    expect(one).toMatchObject({ title: '关于支持东梁温泉城深度开发、抢占全国文旅康养高地的建议', units: [{ name: '县文化旅游和广播电视局', roleLabel: '主办' }, { name: '县发展和改革局', roleLabel: '协办' }] })
    expect(JSON.stringify(one)).not.toMatch(/oDemo|demo-owner|cloud:\/\//)
    expect(codeOf(await cloud.call('public', 'proposal.publicList', { keyword: '.*(+[?\\' }))).toBeUndefined()
  })
})

describe('DB operations of the lists (issue 9 targets; the caller read included)', () => {
  it('my proposals take 1 operation (the caller and the first page in one aggregate), the review queue and a unit\'s tasks at most 2', async () => {
    const mine = await cloud.call('member', 'proposal.mine', {})
    const queue = await cloud.call('staff', 'proposal.reviewList', {})
    const tasks = await cloud.call('department', 'proposal.tasks', { open: true })
    const pub = await cloud.call('public', 'proposal.publicList', {})
    expect([mine.dbOps, queue.dbOps, tasks.dbOps, pub.dbOps]).toEqual([1, 2, 2, 1])
    expect(queue.ok && queue.data.items.map((i) => i.id)).toEqual(['demo-pr-2026-08', 'demo-pr-2026-09'])
  })
})

describe('我的提案 in one operation keeps the access rule and the selection (decision 63)', () => {
  /** Every item of `role`'s list, one per page: the first page from the combined read, the rest from the cursor path. */
  async function pageByPage(who: Parameters<typeof cloud.call>[0], role?: 'proposer' | 'cosigner' | 'invited') {
    const ids: string[] = []
    let cursor: string | undefined
    for (let i = 0; i < 40; i++) {
      const page = await cloud.ok(who, 'proposal.mine', { limit: 1, ...(role ? { role } : {}), ...(cursor ? { cursor } : {}) })
      ids.push(...page.items.map((p) => p.id))
      cursor = page.nextCursor
      if (!cursor) break
    }
    return ids
  }

  it('the first page selects exactly what the paged path selects, for every filter and for staff', async () => {
    for (const role of [undefined, 'proposer', 'cosigner', 'invited'] as const) {
      const whole = await cloud.call('member', 'proposal.mine', role ? { role } : {})
      expect(whole.dbOps).toBe(1)
      if (!whole.ok) throw new Error(whole.error.code)
      expect(whole.data.items.map((p) => p.id)).toEqual(await pageByPage('member', role))
    }
    // the member's own draft and invitation, and no proposal that is not theirs
    const all = await cloud.ok('member', 'proposal.mine', {})
    // led (draft, replied) and invited to co-sign (an open invitation counts under 全部 too)
    expect(all.items.map((p) => p.id).sort()).toEqual(['demo-pr-2026-01', 'demo-pr-2026-02', 'demo-pr-2026-03'])
    expect((await cloud.ok('member', 'proposal.mine', { role: 'invited' })).items.map((p) => p.id)).toEqual(['demo-pr-2026-02'])
    // staff's collective proposals (led by OPENID, no roster id): the same both ways, and none of a member's
    const staff = await cloud.ok('staff', 'proposal.mine', {})
    expect(staff.items.map((p) => p.id)).toEqual(await pageByPage('staff'))
    expect(staff.items.map((p) => p.id)).not.toContain('demo-pr-2026-01')
  })

  it('refuses whoever is no member or staff in that one operation, and an unbound member too', async () => {
    for (const who of ['public', { openid: 'oNobodyKnown00000000000001' }] as const) {
      const reply = await cloud.call(who, 'proposal.mine', {})
      expect([codeOf(reply), reply.dbOps]).toEqual(['AUTH.FORBIDDEN', 1])
    }
    // a member who was unbound keeps the users document but loses the role: refused, nothing listed
    const { openid: boundId } = await bindMember('m-D003')
    expect((await cloud.call({ openid: boundId }, 'proposal.mine', {})).ok).toBe(true)
    await cloud.db().collection('users').doc(boundId).update({ data: { member: cloud.db().command.remove() } })
    const after = await cloud.call({ openid: boundId }, 'proposal.mine', {})
    expect(codeOf(after)).toBe('AUTH.FORBIDDEN')
    expect(JSON.stringify(after)).not.toContain('demo-pr')
    // a bad cursor is still refused as invalid input only after the access rule
    expect(codeOf(await cloud.call('public', 'proposal.mine', { cursor: 'forged' }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await cloud.call('member', 'proposal.mine', { cursor: 'forged' }))).toBe('COMMON.INVALID_INPUT')
  })
})

describe('figures and exports', () => {
  it('十五届四次会议 from its records: 108 received, 105 filed, 100% replied', async () => {
    const s = await cloud.ok('staff', 'proposal.stats', { termId: 'term-15', sessionNumber: 4 })
    expect(s).toMatchObject({ scopeLabel: '十五届四次会议', received: 108, filed: 105, notFiled: 2, merged: 1, withdrawn: 0, replied: 105, replyRate: 1, satisfied: 84, basic: 12, unsatisfied: 0, satisfactionRate: 1, overdue: 0 })
    expect(s.byCategory.reduce((n, c) => n + c.received, 0)).toBe(108)
    expect(s.byUnit.reduce((n, u) => n + u.lead, 0)).toBe(105)
    const year = await cloud.ok('staff', 'proposal.stats', { termId: 'term-15', year: 2025 })
    expect(year).toMatchObject({ scopeLabel: '十五届 2025年', received: 108, filed: 105 })
    const live = await cloud.ok('staff', 'proposal.stats', { termId: 'term-15', sessionNumber: 5 })
    expect(live).toMatchObject({ received: 8, filed: 6, replied: 1, overdue: 1 })
    expect(codeOf(await cloud.call('department', 'proposal.stats', { termId: 'term-15' }))).toBe('AUTH.FORBIDDEN')
  })

  it('the .xlsx list has one row per received proposal', async () => {
    const file = await cloud.ok('staff', 'proposal.exportList', { termId: 'term-15', sessionNumber: 4 })
    expect(file.count).toBe(108)
    const bytes = cloud.emulator.storage.read(file.fileID)!
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    expect(sheet.rowCount).toBe(109)
    expect(sheet.getRow(1).getCell(1).value).toBe('提案号')
    expect(sheet.getRow(2).getCell(1).value).toBe('十五届四次会议第 001 号')
    expect(sheet.getRow(2).getCell(2).value).toBe('关于支持东梁温泉城深度开发、抢占全国文旅康养高地的建议')
    const audit = (await cloud.db().collection('auditLog').where({ action: 'proposal.exportList' }).get()).data
    expect(audit).toHaveLength(1)
  })

  it('a .docx of one proposal and the session\'s 提案汇编 (105 proposals; its time is measured by bench/proposal.ts)', async () => {
    const one = await cloud.ok('staff', 'proposal.exportDocx', { id: 'demo-pr-2025-023' })
    const zip = await JSZip.loadAsync(cloud.emulator.storage.read(one.fileID)!)
    const xml = await zip.file('word/document.xml')!.async('string')
    expect(xml).toContain('十五届四次会议第 023 号')
    expect(xml).toContain('提案人')
    const all = await cloud.ok('staff', 'proposal.exportCompilation', { termId: 'term-15', sessionNumber: 4 })
    expect(all.count).toBe(105)
    const book = await JSZip.loadAsync(cloud.emulator.storage.read(all.fileID)!)
    const text = await book.file('word/document.xml')!.async('string')
    expect(text).toContain('十五届四次会议提案汇编')
    expect(text).toContain('十五届四次会议第 105 号')
    expect(text).not.toContain('十五届四次会议第 106 号')
  })
})
