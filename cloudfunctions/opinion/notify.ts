/**
 * Subscription messages to the submitter at each public step they agreed to
 * (issue 4, "My submissions"). One template serves every step; its id is
 * `subscriptionTemplates.opinionProgress` (src/core/templates.ts), the same
 * id the submit form asks consent for.
 *
 * Template fields (WeChat's limits): thing1 title (<= 20 chars), phrase2
 * status (<= 5 chars), time3 time (Beijing), thing4 note (<= 20 chars).
 * A refused or failed send is logged and never fails the action.
 */
import type { OpinionNotifyStep } from '../../src/core/actions/opinion'
import { subscriptionTemplates } from '../../src/core/templates'
import { formatBeijing } from '../../src/core/time'
import type { HandlerContext } from '../_shared/define-function'
import type { OpinionDocument } from './model'
import { recordMessage } from '../_shared/inbox'
import { pageWithQuery, serverPages } from '../../src/core/pages'

/** The submitter's detail page (from the one table, src/core/pages.ts). */
export const DETAIL_PAGE = serverPages.opinion

function templateId(): string {
  return subscriptionTemplates.opinionProgress
}

function cut(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/**
 * Sends the step's message when the submitter agreed to it. `status` <= 5
 * characters (phrase), `note` any length (cut to 20). Never throws.
 */
export async function notifySubmitter(
  ctx: Pick<HandlerContext, 'cloud'> & Partial<Pick<HandlerContext, 'db'>>,
  doc: Pick<OpinionDocument, '_id' | 'title' | 'notify' | 'submitterOpenid'>,
  step: OpinionNotifyStep,
  status: string,
  note: string,
  at: Date
): Promise<boolean> {
  // Kept in 我的消息 whether or not the submitter agreed to the subscription message (_shared/inbox.ts);
  // not 已收到: the success screen said it with the reference number, and submit stays at 3 DB operations.
  // Only ever sent to the submitter (the author), so the title is quoted whatever its check says.
  const page = pageWithQuery(DETAIL_PAGE, { id: doc._id })
  if (ctx.db && doc.submitterOpenid && step !== 'received') await recordMessage(ctx.db, { openid: doc.submitterOpenid, key: `opinion:${doc._id}:${step}:${at.toISOString()}`, title: doc.title, status, note, page, at })
  if (!doc.notify?.includes(step)) return false
  try {
    await ctx.cloud.openapi.subscribeMessage.send({
      touser: doc.submitterOpenid,
      templateId: templateId(),
      page,
      miniprogramState: 'formal',
      lang: 'zh_CN',
      data: {
        thing1: { value: cut(doc.title, 20) },
        phrase2: { value: cut(status, 5) },
        time3: { value: formatBeijing(at, 'YYYY年MM月DD日 HH:mm') },
        thing4: { value: cut(note || '点击查看详情', 20) }
      }
    })
    return true
  } catch (error) {
    console.warn(JSON.stringify({ notify: step, opinion: doc._id, error: String((error as Error)?.message ?? error) }))
    return false
  }
}
