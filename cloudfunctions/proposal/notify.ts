/**
 * Subscription messages about a proposal (issue 9: "every step that concerns
 * a person notifies them by subscription message where they consented").
 * One template, `subscriptionTemplates.proposalProgress`; fields: thing1
 * title (<= 20 chars), phrase2 status (<= 5 chars), time3 Beijing time,
 * thing4 note (<= 20 chars). Opens the proposal's page.
 *
 * Consent: the proposer's is `notify` on the proposal (given on the writing
 * form); a co-signer's is given when answering the invitation; an invitation
 * and a unit's notices go out best effort — WeChat itself refuses (43101)
 * anyone who has not subscribed. A refused or failed send is logged and never
 * fails the step.
 *
 * A title the content check has not passed (`flags` holds a text flag until
 * staff file the proposal) is quoted to its proposer only; everyone else
 * (invited co-signers, units) reads a neutral wording ({@link neutralTitle}).
 * The page is the subpackage route from the one table (src/core/pages.ts).
 */
import { subscriptionTemplates } from '../../src/core/templates'
import { formatBeijing } from '../../src/core/time'
import type { HandlerContext } from '../_shared/define-function'
import { rowsOf } from '../_shared/db'
import type { ProposalDocument } from './model'
import { recordMessage } from '../_shared/inbox'
import { pageWithQuery, serverPages } from '../../src/core/pages'

/** The proposal's page (subpackage route, checked against app.config.ts by test/unit/pages.test.ts). */
export const DETAIL_PAGE = serverPages.proposal

/** Whether the proposal's own text waits for a person (content check review or failure; cleared when staff file it). */
export function titleHeld(doc: Pick<ProposalDocument, 'flags'>): boolean {
  return (doc.flags ?? []).some((f) => f === 'text_review' || f === 'text_check_failed')
}

/** What a notice says instead of a held title (≤ 20 characters, the template's thing1). */
export function neutralTitle(status: string): string {
  return status === '联名邀请' ? '您有一条新的提案联名邀请' : '您有一件提案有新进展'
}

/** Who a notice goes to. */
export type NoticeTarget =
  | { kind: 'proposer' }
  /** Confirmed co-signers who agreed to notices. */
  | { kind: 'cosigners' }
  /** These roster members (invitations), best effort. */
  | { kind: 'members'; memberIds: string[] }
  /** Users granted these units, best effort. */
  | { kind: 'units'; departmentIds: string[] }

export interface Notice {
  to: NoticeTarget
  /** <= 5 characters, e.g. 已立案. */
  status: string
  note: string
}

function cut(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/** The OPENIDs of bound roster members. One read. */
async function memberOpenids(ctx: Pick<HandlerContext, 'db'>, memberIds: string[]): Promise<string[]> {
  if (!memberIds.length) return []
  const _ = ctx.db.command
  const rows = rowsOf<{ boundOpenid?: string | null }>(await ctx.db.collection('members').where({ _id: _.in(memberIds) }).field({ boundOpenid: true }).limit(100).get())
  return rows.map((r) => r.boundOpenid).filter((o): o is string => Boolean(o))
}

/** The OPENIDs of users holding a `department` grant for these units. One read. */
async function unitOpenids(ctx: Pick<HandlerContext, 'db'>, departmentIds: string[]): Promise<string[]> {
  if (!departmentIds.length) return []
  const _ = ctx.db.command
  const rows = rowsOf<{ _id: string; grants?: { role: string; departmentIds?: string[] }[] }>(
    await ctx.db.collection('users').where({ 'grants.departmentIds': _.in(departmentIds) }).limit(100).get()
  )
  return rows.filter((u) => (u.grants ?? []).some((g) => g.role === 'department' && (g.departmentIds ?? []).some((d) => departmentIds.includes(d)))).map((u) => u._id)
}

async function recipients(ctx: Pick<HandlerContext, 'db'>, doc: ProposalDocument, to: NoticeTarget): Promise<string[]> {
  switch (to.kind) {
    case 'proposer':
      if (!doc.notify) return []
      if (doc.collective) return [doc.ownerOpenid]
      return doc.proposerMemberId ? memberOpenids(ctx, [doc.proposerMemberId]) : []
    case 'cosigners':
      return memberOpenids(ctx, doc.cosigners.filter((c) => c.status === 'confirmed' && c.notify).map((c) => c.memberId))
    case 'members':
      return memberOpenids(ctx, to.memberIds)
    case 'units':
      return unitOpenids(ctx, to.departmentIds)
  }
}

/** Sends each notice to its recipients. Never throws; answers how many went out. */
export async function sendNotices(ctx: Pick<HandlerContext, 'db' | 'cloud' | 'now'>, doc: ProposalDocument, notices: Notice[]): Promise<number> {
  let sent = 0
  for (const notice of notices) {
    let openids: string[] = []
    try {
      openids = [...new Set(await recipients(ctx, doc, notice.to))]
    } catch (error) {
      console.warn(JSON.stringify({ notify: notice.status, proposal: doc._id, error: String((error as Error)?.message ?? error) }))
    }
    // Only the proposer may read a title the content check has not passed.
    const title = titleHeld(doc) && notice.to.kind !== 'proposer' ? neutralTitle(notice.status) : doc.title
    const page = pageWithQuery(DETAIL_PAGE, { id: doc._id })
    for (const touser of openids) {
      await recordMessage(ctx.db, { openid: touser, key: `proposal:${doc._id}:${notice.status}:${ctx.now.toISOString()}`, title, status: notice.status, note: notice.note ?? '', page, at: ctx.now })
      try {
        await ctx.cloud.openapi.subscribeMessage.send({
          touser,
          templateId: subscriptionTemplates.proposalProgress,
          page,
          miniprogramState: 'formal',
          lang: 'zh_CN',
          data: {
            thing1: { value: cut(title, 20) },
            phrase2: { value: cut(notice.status, 5) },
            time3: { value: formatBeijing(ctx.now, 'YYYY年MM月DD日 HH:mm') },
            thing4: { value: cut(notice.note || '点击查看详情', 20) }
          }
        })
        sent++
      } catch (error) {
        console.warn(JSON.stringify({ notify: notice.status, proposal: doc._id, error: String((error as Error)?.message ?? error) }))
      }
    }
  }
  return sent
}
