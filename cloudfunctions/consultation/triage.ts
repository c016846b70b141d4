/**
 * Staff triage of a proposed topic: select (立题), decline, merge, then
 * opening a selected topic for input. Each is one {@link transition}: a
 * retry with the same requestId answers the first reply (decision 23).
 */
import { consultationCommittees, supportableStates } from '../../src/core/actions/topic'
import type { ParsedInput } from '../../src/core/contract'
import { AppError } from '../../src/core/errors'
import type { TopicState } from '../../src/core/states'
import { parseBeijing } from '../../src/core/time'
import type { HandlerContext } from '../_shared/define-function'
import { findAll, findById } from '../_shared/db'
import { transact } from '../_shared/transaction'
import type { SupportDocument } from './model'
import { addSupport, loadTopic, recordReply, stateError, topicInTx, transition } from './shared'

const stateOnly = (t: { state: TopicState }) => ({ state: t.state })

/** 立题 with the organising studio or committee. Errors: TOPIC.ORGANISER_INVALID, TOPIC.INVALID_STATE, TOPIC.NOT_FOUND. */
export async function select(input: ParsedInput<'topic.select'>, ctx: HandlerContext) {
  let organiser: string | undefined
  if (input.organiserType === 'committee') {
    organiser = consultationCommittees.find((c) => c.id === input.organiserId)?.name
  } else {
    organiser = (await findById<{ _id: string; name: string }>(ctx.db, 'studios', input.organiserId))?.name
  }
  if (!organiser) throw new AppError('TOPIC.ORGANISER_INVALID')
  const done = await transition(
    ctx,
    input.id,
    (t) => {
      if (t.state !== 'proposed') throw stateError(t, '立题')
      return {
        state: 'selected',
        patch: { organiser, organiserType: input.organiserType, organiserId: input.organiserId },
        note: `由${organiser}组织协商`,
        notice: 'selected'
      }
    },
    stateOnly
  )
  return done.reply
}

/** Declines a proposed topic with a reason. Errors: TOPIC.INVALID_STATE, TOPIC.NOT_FOUND. */
export async function decline(input: ParsedInput<'topic.decline'>, ctx: HandlerContext) {
  const done = await transition(
    ctx,
    input.id,
    (t) => {
      if (t.state !== 'proposed') throw stateError(t, '作出不予立题的决定')
      return { state: 'declined', patch: { declineReason: input.reason }, note: input.reason, notice: 'declined' }
    },
    stateOnly
  )
  return done.reply
}

interface MergeReply {
  state: TopicState
  intoId: string
  movedSupporters?: number
  movedComments?: number
}

/**
 * Merges a proposed topic into an open one: state → merged (notice), then
 * each supporter (and the proposer) becomes a supporter of the target in
 * its own transaction (counter exact, duplicates skipped), and the
 * comments move over in one update; the full reply is then recorded on the
 * source topic. A retry with the same requestId answers that reply; when
 * the first call stopped between the steps, the retry finishes them (every
 * step is idempotent: supports have deterministic ids, moved comments no
 * longer match).
 */
export async function merge(input: ParsedInput<'topic.merge'>, ctx: HandlerContext) {
  if (input.id === input.intoId) throw new AppError('TOPIC.MERGE_SELF')
  const target = await loadTopic(ctx, input.intoId)
  const done = await transition<MergeReply>(
    ctx,
    input.id,
    (t) => {
      if (!supportableStates.includes(target.state)) throw new AppError('TOPIC.MERGE_TARGET_CLOSED')
      if (t.state !== 'proposed') throw stateError(t, '合并')
      return { state: 'merged', patch: { mergedInto: target._id, mergedIntoTitle: target.title }, note: `并入“${target.title}”`.slice(0, 40), notice: 'merged' }
    },
    (t) => ({ state: t.state, intoId: target._id })
  )
  if (done.reply.movedSupporters !== undefined) return done.reply as Required<MergeReply>
  const source = done.topic
  const now = ctx.now
  const people: { openid: string; consented: boolean }[] = [
    { openid: source.proposerOpenid, consented: source.proposerConsented === true },
    ...(await findAll<SupportDocument>(ctx.db, 'topicSupports', { topicId: source._id })).map((s) => ({ openid: s.openid, consented: s.consented }))
  ]
  let movedSupporters = 0
  for (const person of people) {
    const added = await transact(ctx.db, async (t) => {
      const current = await topicInTx(t, target._id)
      if (!(await addSupport(t, current, person.openid, person.consented, now, source._id))) return false
      await t.collection('topics').doc(target._id).update({ data: { supportCount: (current.supportCount ?? 0) + 1, updatedAt: now } })
      return true
    })
    if (added) movedSupporters++
  }
  const _ = ctx.db.command
  const visibleMoved = ((await ctx.db.collection('topicComments').where({ topicId: source._id, status: 'visible' }).count()) as { total: number }).total
  const moved = await ctx.db.collection('topicComments').where({ topicId: source._id }).update({ data: { topicId: target._id, originTopicId: source._id } })
  if (visibleMoved > 0) await ctx.db.collection('topics').doc(target._id).update({ data: { commentCount: _.inc(visibleMoved) } })
  const reply = { state: done.reply.state, intoId: target._id, movedSupporters, movedComments: (moved as { stats?: { updated?: number } }).stats?.updated ?? 0 }
  await recordReply(ctx, 'topics', source._id, reply)
  return reply
}

/** A selected topic opens for input with a question and a deadline (Beijing time, in the future). Errors: TOPIC.DEADLINE_PAST, TOPIC.INVALID_STATE. */
export async function openInput(input: ParsedInput<'topic.openInput'>, ctx: HandlerContext) {
  const deadline = parseBeijing(input.deadline)
  const done = await transition(
    ctx,
    input.id,
    (t) => {
      if (t.state !== 'selected') throw stateError(t, '发布征求意见')
      if (deadline.getTime() <= ctx.now.getTime()) throw new AppError('TOPIC.DEADLINE_PAST')
      return {
        state: 'open_for_input',
        patch: { input: { question: input.question, ...(input.background ? { background: input.background } : {}), deadline } },
        note: input.question.slice(0, 40)
      }
    },
    stateOnly
  )
  return done.reply
}
