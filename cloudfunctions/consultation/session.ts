/**
 * The consultation session: scheduling it as an activity of the activity engine, then recording its outcome.
 */
import type { ParsedInput } from '../../src/core/contract'
import { AppError } from '../../src/core/errors'
import { parseBeijing } from '../../src/core/time'
import type { HandlerContext } from '../_shared/define-function'
import { createActivity, effectiveState, getActivity, readAttendance } from '../activity/engine'
import type { RecommendationDocument } from './model'
import { type NoticeCloud } from './notify'
import { departmentsById, loadTopic, recommendationsStatus, stateError, transition } from './shared'

/**
 * Schedules the session: an activity of type consultation created through
 * the activity engine (published at once, public audience, the topic's
 * studio as organiser when it has one), then topic → scheduled.
 */
export async function schedule(input: ParsedInput<'topic.schedule'>, ctx: HandlerContext) {
  const startAt = parseBeijing(input.startAt)
  const endAt = parseBeijing(input.endAt)
  if (endAt.getTime() <= startAt.getTime()) throw new AppError('TOPIC.TIME_ORDER')
  const topic = await loadTopic(ctx, input.id)
  if (topic.state === 'scheduled' && topic.session) return { state: topic.state, activityId: topic.session.activityId }
  if (topic.state !== 'selected' && topic.state !== 'open_for_input') throw stateError(topic, '安排协商活动')
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
  const written = await transition(ctx, input.id, (t) => {
    if (t.state !== 'selected' && t.state !== 'open_for_input') throw stateError(t, '安排协商活动')
    return { state: 'scheduled', patch: { session: { activityId: activity._id, startAt, endAt, place: input.place } }, note: input.place }
  })
  return { state: written.state, activityId: activity._id }
}

/**
 * After the session (its check-in has opened or it ended): minutes,
 * consensus, recommendations each to a department; attendance from the
 * engine's check-ins. Topic → consulted; the departments see their
 * recommendations at once.
 */
export async function recordOutcome(input: ParsedInput<'topic.recordOutcome'>, ctx: HandlerContext) {
  const topic = await loadTopic(ctx, input.id)
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
  const written = await transition(ctx, input.id, (t) => {
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
  })
  return { state: written.state, memberAttendance, attendance: total }
}
