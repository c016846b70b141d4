/**
 * Topic notices (issue 6 item 8): the proposer and every supporter who
 * consented get one subscription message when the topic is selected,
 * declined, merged, consulted or closed. "Once each" is kept by the topic's
 * `notified.<event>` stamp, written in the same transaction as the state
 * change; this module only sends. Sending is best effort: a refusal (no
 * consent left, 43101) is logged, never thrown.
 */
import { topicNoticeTemplateId } from '../../src/core/actions/topic'
import { topicStateLabels } from '../../src/core/states'
import { formatBeijing } from '../../src/core/time'
import type { Database } from '../_shared/cloud'
import { findAll } from '../_shared/db'
import type { NoticeEvent, SupportDocument, TopicDocument } from './model'
import { recordMessage } from '../_shared/inbox'

export interface NoticeCloud {
  openapi: { subscribeMessage: { send(args: Record<string, unknown>): Promise<unknown> } }
}

const eventLabels: Record<NoticeEvent, string> = {
  selected: topicStateLabels.selected,
  declined: topicStateLabels.declined,
  merged: topicStateLabels.merged,
  consulted: topicStateLabels.consulted,
  closed: topicStateLabels.closed
}

/**
 * Sends the `event` notice about `topic` to its consenting proposer and
 * supporters (OPENIDs deduplicated). `note` (≤ 20 characters shown) says
 * what happened, e.g. the organiser or the decline reason. Returns the
 * OPENIDs the message reached. DB: supporters read 100 at a time.
 */
export async function notifyTopic(db: Database, cloud: NoticeCloud, topic: TopicDocument, event: NoticeEvent, note: string, now: Date): Promise<string[]> {
  const recipients = new Set<string>()
  if (topic.proposerConsented) recipients.add(topic.proposerOpenid)
  const supporters = await findAll<SupportDocument>(db, 'topicSupports', { topicId: topic._id, consented: true })
  for (const s of supporters) recipients.add(s.openid)
  const reached: string[] = []
  // The proposer is kept informed in 我的消息 even without consent to the subscription message (_shared/inbox.ts).
  const inbox = new Set([...recipients, topic.proposerOpenid].filter(Boolean))
  for (const openid of inbox) await recordMessage(db, { openid, key: `topic:${topic._id}:${event}:${now.toISOString()}`, title: topic.title, status: eventLabels[event], note, page: `/pages/topic/index?id=${topic._id}`, at: now })
  for (const openid of recipients) {
    try {
      await cloud.openapi.subscribeMessage.send({
        touser: openid,
        templateId: topicNoticeTemplateId,
        page: `pages/topic/index?id=${topic._id}`,
        data: {
          thing1: { value: topic.title.slice(0, 20) },
          phrase2: { value: eventLabels[event] },
          thing3: { value: (note || eventLabels[event]).slice(0, 20) },
          time4: { value: formatBeijing(now) }
        }
      })
      reached.push(openid)
    } catch (error) {
      console.warn(JSON.stringify({ notice: event, topicId: topic._id, openid, error: String((error as Error)?.message ?? error) }))
    }
  }
  return reached
}
