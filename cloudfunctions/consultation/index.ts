/**
 * Cloud function `consultation`: 辽事好商量 topics from proposal to a solved
 * problem (issue 6; lifecycle in domain.md section 1). Actions, inputs and
 * outputs: src/core/actions/topic.ts; error codes:
 * src/core/errors/consultation.ts.
 *
 * Collections: `topics` (recommendations embedded, so the topic page is one
 * document), `topicSupports` (`_id` = topic:openid), `topicComments`,
 * `commentReports` (`_id` = comment:openid), and the activity engine's
 * `activities` / `registrations` for sessions.
 *
 * Every state change runs in a transaction that re-reads the topic, checks
 * the state, writes the change, the timeline entry, the notice stamp and
 * the call's receipt (a retry with the same requestId answers the first
 * reply, decision 23); notices go out after the commit. Every public text
 * and image passes the shared content check (_shared/content-safety.ts);
 * what it holds waits for staff (moderation.ts). Image verdicts reach
 * `topics` through the `opinion` function's message push (opinion/media.ts).
 */
import { defineFunction } from '../_shared/define-function'
import { comment, heldComments, moderate, report } from './comments'
import { close, departmentTasks, postProgress, postResult, rate, reopen } from './followup'
import { heldContent, release } from './moderation'
import { propose } from './propose'
import { counts, getTopic, listComments, listTopics, options, similar, solved } from './read'
import { recordOutcome, schedule } from './session'
import { support, withdrawSupport } from './support'
import { decline, merge, openInput, select } from './triage'

export type { TopicDocument } from './model'
export { REPORTS_TO_HIDE } from './shared'

export const main = defineFunction('consultation', {
  'topic.list': listTopics,
  'topic.get': getTopic,
  'topic.comments': listComments,
  'topic.similar': similar,
  'topic.propose': propose,
  'topic.support': support,
  'topic.withdrawSupport': withdrawSupport,
  'topic.comment': comment,
  'topic.report': report,
  'topic.heldComments': heldComments,
  'topic.moderate': moderate,
  'topic.heldContent': heldContent,
  'topic.release': release,
  'topic.select': select,
  'topic.decline': decline,
  'topic.merge': merge,
  'topic.openInput': openInput,
  'topic.schedule': schedule,
  'topic.recordOutcome': recordOutcome,
  'topic.departmentTasks': departmentTasks,
  'topic.postProgress': postProgress,
  'topic.postResult': postResult,
  'topic.close': close,
  'topic.rate': rate,
  'topic.reopen': reopen,
  'topic.solved': solved,
  'topic.counts': counts,
  'topic.options': options
})
