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
import { pageWithQuery, serverPages } from '../../src/core/pages'
import { holdReleased } from './model'

/** What a notice says instead of a title the content check has not passed (≤ 20 characters). */
export const NEUTRAL_TOPIC_TITLE = '您关注的协商议题有新进展'

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
 * While the topic's own text is held by the content check (`hold` not
 * approved) only its proposer reads the title; others read
 * {@link NEUTRAL_TOPIC_TITLE}. Opens the topic page (src/core/pages.ts).
 */
export async function notifyTopic(db: Database, cloud: NoticeCloud, topic: TopicDocument, event: NoticeEvent, note: string, now: Date): Promise<string[]> {
  const recipients = new Set<string>()
  if (topic.proposerConsented) recipients.add(topic.proposerOpenid)
  const supporters = await findAll<SupportDocument>(db, 'topicSupports', { topicId: topic._id, consented: true })
  for (const s of supporters) recipients.add(s.openid)
  const reached: string[] = []
  // The proposer is kept informed in 我的消息 even without consent to the subscription message (_shared/inbox.ts).
  const inbox = new Set([...recipients, topic.proposerOpenid].filter(Boolean))
  const page = pageWithQuery(serverPages.topic, { id: topic._id })
  const titleFor = (openid: string) => (holdReleased(topic.hold) || openid === topic.proposerOpenid ? topic.title : NEUTRAL_TOPIC_TITLE)
  for (const openid of inbox) await recordMessage(db, { openid, key: `topic:${topic._id}:${event}:${now.toISOString()}`, title: titleFor(openid), status: eventLabels[event], note, page: `/${page}`, at: now })
  for (const openid of recipients) {
    try {
      await cloud.openapi.subscribeMessage.send({
        touser: openid,
        templateId: topicNoticeTemplateId,
        page,
        data: {
          thing1: { value: Array.from(titleFor(openid)).slice(0, 20).join('') },
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
