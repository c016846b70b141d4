/**
 * The consultation session: scheduling it as an activity of the activity engine, then recording its outcome.
 */
import type { ParsedInput } from '../../src/core/contract'
import { AppError } from '../../src/core/errors'
import { parseBeijing } from '../../src/core/time'
import type { HandlerContext } from '../_shared/define-function'
import type { TopicState } from '../../src/core/states'
import { findAll } from '../_shared/db'
import { createActivity, effectiveState, getActivity, readAttendance, transact } from '../activity/engine'
import type { RecommendationDocument, TopicDocument } from './model'
import type { NoticeCloud } from './notify'
import { departmentsById, loadTopic, receiptFor, receiptKey, recommendationsStatus, stateError, topicInTx, transition } from './shared'

/** A claim older than this (ms) was left by a call that died (a function runs at most 20 s); another call may take it over. */
export const SESSION_CLAIM_MS = 60_000
/** How a call that lost the claim waits for the winner's session (ms between looks). */
const CLAIM_WAITS_MS = [200, 300, 500, 800, 1200]
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

type ScheduleReply = { state: TopicState; activityId: string }

/**
 * Schedules the session: an activity of type consultation created through
 * the activity engine (published at once, public audience, the topic's
 * studio as organiser when it has one), then topic → scheduled.
 *
 * Create-then-link without orphans (issue 13 item 5): first a transaction
 * claims the topic (`sessionClaim`, key = this call); only the claimant
 * creates the activity (idempotent by its requestId) and links it in the
 * transition, which clears the claim. A call that finds another live claim
 * creates nothing: it waits up to ~3 s for the winner's session and answers
 * it (TOPIC.SCHEDULE_BUSY if it has not come). A stale claim (older than
 * {@link SESSION_CLAIM_MS}) is taken over; an activity the dead call may
 * have created (found by its topicId) is linked instead of a new one. A
 * retry with the same requestId answers the first reply. Errors:
 * TOPIC.TIME_ORDER, TOPIC.INVALID_STATE, TOPIC.NOT_FOUND, TOPIC.SCHEDULE_BUSY.
 */
export async function schedule(input: ParsedInput<'topic.schedule'>, ctx: HandlerContext): Promise<ScheduleReply> {
  const startAt = parseBeijing(input.startAt)
  const endAt = parseBeijing(input.endAt)
  if (endAt.getTime() <= startAt.getTime()) throw new AppError('TOPIC.TIME_ORDER')
  const key = receiptKey(ctx)
  const claim = await transact(ctx.db, async (t) => {
    const topic = await topicInTx(t, input.id)
    const prior = receiptFor<ScheduleReply>(topic, ctx)
    if (prior) return { reply: prior.reply }
    if (topic.state === 'scheduled' && topic.session) return { reply: { state: topic.state, activityId: topic.session.activityId } }
    if (topic.state !== 'selected' && topic.state !== 'open_for_input') throw stateError(topic, '安排协商活动')
    const held = topic.sessionClaim
    const live = held && held.key !== key && ctx.now.getTime() - new Date(held.at).getTime() < SESSION_CLAIM_MS
    if (live) return { wait: true as const }
    await t.collection('topics').doc(topic._id).update({ data: { sessionClaim: { key, at: ctx.now } } })
    return { topic, takeover: Boolean(held && held.key !== key) }
  })
  if ('reply' in claim && claim.reply) return claim.reply
  if ('wait' in claim) {
    for (const wait of CLAIM_WAITS_MS) {
      await sleep(wait)
      const now = await loadTopic(ctx, input.id)
      if (now.session) return { state: now.state, activityId: now.session.activityId }
    }
    throw new AppError('TOPIC.SCHEDULE_BUSY')
  }
  const topic = claim.topic as TopicDocument
  let activityId: string | undefined
  if (claim.takeover) {
    const _ = ctx.db.command
    activityId = (await findAll<{ _id: string }>(ctx.db, 'activities', { topicId: topic._id, type: 'consultation', state: _.neq('cancelled') }))[0]?._id
  }
  if (!activityId) {
    try {
      const caller = await ctx.caller()
      const activity = await createActivity(
        ctx.db,
        {
          title: `协商议事：${topic.title}`.slice(0, 40),
          type: 'consultation',
          description: topic.input?.question ?? topic.description.slice(0, 500),
          place: input.place,
          startAt,
          endAt,
          signupDeadline: startAt,
          capacity: input.capacity,
          audience: 'public',
          ...(topic.organiserType === 'studio' && topic.organiserId ? { studioId: topic.organiserId } : {}),
          organiserKind: topic.organiserType === 'studio' ? 'studio' : 'committee',
          ...(topic.organiser ? { organiserName: topic.organiser } : {}),
          topicId: topic._id,
          publish: true
        },
        caller,
        { requestId: ctx.requestId, now: ctx.now, cloud: ctx.cloud as unknown as NoticeCloud }
      )
      activityId = activity._id
    } catch (error) {
      // Nothing was linked: free the claim so staff can correct and try again at once.
      await ctx.db
        .collection('topics')
        .where({ _id: topic._id, 'sessionClaim.key': key })
        .update({ data: { sessionClaim: ctx.db.command.remove() } })
      throw error
    }
  }
  const linked = activityId
  const done = await transition(
    ctx,
    input.id,
    (t) => {
      if (t.state !== 'selected' && t.state !== 'open_for_input') throw stateError(t, '安排协商活动')
      return {
        state: 'scheduled',
        patch: { session: { activityId: linked, startAt, endAt, place: input.place }, sessionClaim: ctx.db.command.remove() as never },
        note: input.place
      }
    },
    (t) => ({ state: t.state, activityId: linked })
  )
  return done.reply
}

/**
 * After the session (its check-in has opened or it ended): minutes,
 * consensus, recommendations each to a department; attendance from the
 * engine's check-ins. Topic → consulted; the departments see their
 * recommendations at once. A retry with the same requestId answers the
 * first reply.
 */
export async function recordOutcome(input: ParsedInput<'topic.recordOutcome'>, ctx: HandlerContext) {
  type OutcomeReply = { state: TopicState; memberAttendance: number; attendance: number }
  const topic = await loadTopic(ctx, input.id)
  const prior = receiptFor<OutcomeReply>(topic, ctx)
  if (prior) return prior.reply
  if (topic.state !== 'scheduled' || !topic.session) throw stateError(topic, '录入协商纪要')
  const activity = await getActivity(ctx.db, topic.session.activityId)
  const held = activity ? effectiveState(activity, ctx.now) : 'draft'
  if (!['checkin_open', 'ended', 'finalized'].includes(held)) throw new AppError('TOPIC.SESSION_NOT_HELD')
  const attendance = await readAttendance(ctx.db, topic.session.activityId)
  const names = await departmentsById(ctx, [...new Set(input.recommendations.map((r) => r.departmentId))])
  const unknown = input.recommendations.find((r) => !names.has(r.departmentId))
  if (unknown) throw new AppError('TOPIC.DEPARTMENT_INVALID', `承办单位不存在：${unknown.departmentId}`)
  const recs: RecommendationDocument[] = input.recommendations.map((r, i) => ({
    id: `${topic._id}:r${i + 1}`,
    departmentId: r.departmentId,
    departmentName: names.get(r.departmentId)!,
    text: r.text,
    status: 'open',
    progress: []
  }))
  const memberAttendance = attendance.attendedMemberIds.length
  const total = attendance.counts.checkedIn + attendance.counts.attended
  const done = await transition<OutcomeReply>(
    ctx,
    input.id,
    (t) => {
    if (t.state !== 'scheduled' || !t.session) throw stateError(t, '录入协商纪要')
    return {
      state: 'consulted',
      patch: {
        minutes: input.minutes,
        consensus: input.consensus,
        session: { ...t.session, attendance: total, memberAttendance, memberIds: attendance.attendedMemberIds },
        ...recommendationsStatus(recs)
      },
      note: `${recs.length} 条建议交${[...new Set(recs.map((r) => r.departmentName))].join('、')}办理`.slice(0, 60),
      notice: 'consulted'
    }
    },
    (t) => ({ state: t.state, memberAttendance, attendance: total })
  )
  return done.reply
}
