/**
 * 我的消息: every notice a person is sent is also kept as an in-app message
 * (issue 12 item 8), because subscription messages are one-shot and often
 * refused. The four places that send notices (activity, topic, 社情民意,
 * proposal) call {@link recordMessage} for each recipient, whether or not the
 * subscription message went out. Collection `messages`: `_id` derived from
 * the recipient and the notice's key (a resend writes the same document),
 * `openid` the recipient (never returned), `read` false until opened.
 */
import { createHash } from 'crypto'
import type { Database } from './cloud'

export interface MessageDocument {
  _id: string
  openid: string
  /** What the notice is about, e.g. the activity's or the item's title. */
  title: string
  /** The step in a few words, e.g. 已采用, 活动提醒. */
  status: string
  /** One line of detail (may be empty). */
  note: string
  /** The mini-program page it opens, with a leading slash. */
  page: string
  at: Date
  read: boolean
}

/**
 * Stores one message for `openid`. `key` names the notice (e.g.
 * `opinion:<id>:adopted:<iso>`): the same key for the same person is one
 * message. Best effort: a failure is logged and never thrown (the action
 * that sent the notice has already succeeded). DB: one write.
 */
export async function recordMessage(
  db: Database,
  m: { openid: string; key: string; title: string; status: string; note?: string; page: string; at: Date }
): Promise<void> {
  if (!m.openid) return
  const _id = `msg-${createHash('sha256').update(`${m.openid}\n${m.key}`).digest('hex').slice(0, 24)}`
  const doc: Omit<MessageDocument, '_id'> = { openid: m.openid, title: m.title, status: m.status, note: m.note ?? '', page: m.page.startsWith('/') ? m.page : `/${m.page}`, at: m.at, read: false }
  try {
    await db.collection('messages').doc(_id).set({ data: doc })
  } catch (error) {
    console.warn(JSON.stringify({ inbox: m.key, error: String((error as Error)?.message ?? error) }))
  }
}
