/**
 * 我的消息 (issue 12 item 8): the caller's own messages, the unread count for
 * the badge on 我的, and marking read. Messages are written where notices
 * are sent (_shared/inbox.ts); the recipient's OPENID is the filter, never
 * returned.
 */
import type { MessageView } from '../../src/core/actions/user'
import type { ParsedInput } from '../../src/core/contract'
import type { HandlerContext } from '../_shared/define-function'
import { findPage } from '../_shared/db'
import type { MessageDocument } from '../_shared/inbox'

function viewOf(m: MessageDocument): MessageView {
  return { id: m._id, title: m.title, status: m.status, note: m.note, page: m.page, at: new Date(m.at).toISOString(), read: m.read }
}

async function unreadOf(ctx: HandlerContext): Promise<number> {
  const r = (await ctx.db.collection('messages').where({ openid: ctx.openid, read: false }).count()) as { total?: number }
  return r.total ?? 0
}

/** Newest first, cursor-paged (one read). */
export async function listMessages(input: ParsedInput<'user.messages'>, ctx: HandlerContext) {
  const page = await findPage<MessageDocument>(ctx.db, 'messages', { where: { openid: ctx.openid }, sortField: 'at', direction: 'desc', limit: input.limit, cursor: input.cursor })
  return { items: page.items.map(viewOf), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) }
}

/** The badge: one count. */
export async function unreadCount(_input: ParsedInput<'user.unreadCount'>, ctx: HandlerContext) {
  return { unread: await unreadOf(ctx) }
}

/** Marks `ids` (or all) of the caller's own messages read; someone else's id matches nothing. */
export async function markRead(input: ParsedInput<'user.markRead'>, ctx: HandlerContext) {
  const _ = ctx.db.command
  const where: Record<string, unknown> = { openid: ctx.openid, read: false }
  if (input.ids) where._id = _.in(input.ids)
  await ctx.db.collection('messages').where(where).update({ data: { read: true } })
  return { unread: await unreadOf(ctx) }
}
