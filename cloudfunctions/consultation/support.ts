/**
 * Support (附议) and its withdrawal.
 */
import { supportableStates } from '../../src/core/actions/topic'
import type { ParsedInput } from '../../src/core/contract'
import { AppError } from '../../src/core/errors'
import type { HandlerContext } from '../_shared/define-function'
import { isDuplicateKey } from '../_shared/db'
import { getInTx, transact } from '../activity/engine'
import { supportId, type SupportDocument } from './model'
import { loadTopic, topicInTx, stateLabel } from './shared'

/**
 * Supports a topic in two DB operations (bench target <= 2): insert the
 * support with its deterministic _id (a second support is a duplicate key),
 * then one conditional `inc` on the topic that only matches a visible,
 * supportable topic the caller did not propose. When the `inc` matches
 * nothing the support is removed again and the topic read once to say why
 * (error path only). Exact under concurrency: the unique _id stops doubles
 * and `inc` is atomic. A crash between the two writes would leave the
 * counter one short of the records (docs/decisions.md).
 * Output `{supported: true}`. Errors: TOPIC.NOT_FOUND, TOPIC.SUPPORT_CLOSED,
 * TOPIC.OWN_TOPIC, TOPIC.ALREADY_SUPPORTED.
 */
export async function support(input: ParsedInput<'topic.support'>, ctx: HandlerContext) {
  const _ = ctx.db.command
  const sid = supportId(input.id, ctx.openid)
  try {
    await ctx.db.collection('topicSupports').add({ data: { _id: sid, topicId: input.id, openid: ctx.openid, consented: input.subscribe === true, createdAt: ctx.now } })
  } catch (error) {
    if (isDuplicateKey(error)) throw new AppError('TOPIC.ALREADY_SUPPORTED')
    throw error
  }
  const counted = await ctx.db
    .collection('topics')
    .where({ _id: input.id, visible: true, state: _.in([...supportableStates]), proposerOpenid: _.neq(ctx.openid) })
    .update({ data: { supportCount: _.inc(1) } })
  if (((counted as { stats?: { updated?: number } }).stats?.updated ?? 0) === 1) return { supported: true as const }

  await ctx.db.collection('topicSupports').doc(sid).remove()
  const topic = await loadTopic(ctx, input.id)
  if (topic.proposerOpenid === ctx.openid) throw new AppError('TOPIC.OWN_TOPIC')
  throw new AppError('TOPIC.SUPPORT_CLOSED', `该议题${stateLabel(topic.state)}，不能再附议`)
}

export async function withdrawSupport(input: ParsedInput<'topic.withdrawSupport'>, ctx: HandlerContext) {
  return transact(ctx.db, async (t) => {
    const topic = await topicInTx(t, input.id)
    if (topic.state === 'closed' || topic.state === 'merged') throw new AppError('TOPIC.INVALID_STATE', `议题${stateLabel(topic.state)}，附议不能再撤回`)
    const sid = supportId(topic._id, ctx.openid)
    if (!(await getInTx<SupportDocument>(t, 'topicSupports', sid))) throw new AppError('TOPIC.NOT_SUPPORTED')
    await t.collection('topicSupports').doc(sid).remove()
    // Atomic decrement: supports are counted with `inc` outside transactions.
    await t.collection('topics').doc(topic._id).update({ data: { supportCount: ctx.db.command.inc(-1) } })
    return { supportCount: Math.max(0, (topic.supportCount ?? 0) - 1), supported: false as const }
  })
}
