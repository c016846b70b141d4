/**
 * Support (附议) and its withdrawal.
 */
import { supportableStates } from '../../src/core/actions/topic'
import type { ParsedInput } from '../../src/core/contract'
import { AppError } from '../../src/core/errors'
import type { HandlerContext } from '../_shared/define-function'
import { findById, isDuplicateKey } from '../_shared/db'
import { getInTx, transact } from '../_shared/transaction'
import { supportId, type SupportDocument } from './model'
import { loadTopic, receiptFor, receiptKey, stateLabel, topicInTx, withReceipt } from './shared'

/**
 * Supports a topic in two DB operations (bench target <= 2): insert the
 * support with its deterministic _id (a second support is a duplicate key),
 * then one conditional `inc` on the topic that only matches a visible,
 * supportable topic the caller did not propose. When the `inc` matches
 * nothing the support is removed again and the topic read once to say why
 * (error path only). Exact under concurrency: the unique _id stops doubles
 * and `inc` is atomic. A crash between the two writes would leave the
 * counter one short of the records (docs/decisions.md).
 * The support records the call's receipt key (OPENID + requestId hashed): a
 * retry with the same requestId answers `{supported: true}` again
 * (decision 23). Output `{supported: true}`. Errors: TOPIC.NOT_FOUND, TOPIC.SUPPORT_CLOSED,
 * TOPIC.OWN_TOPIC, TOPIC.ALREADY_SUPPORTED.
 */
export async function support(input: ParsedInput<'topic.support'>, ctx: HandlerContext) {
  const _ = ctx.db.command
  const sid = supportId(input.id, ctx.openid)
  const requestKey = receiptKey(ctx)
  try {
    await ctx.db
      .collection('topicSupports')
      .add({ data: { _id: sid, topicId: input.id, openid: ctx.openid, consented: input.subscribe === true, requestKey, createdAt: ctx.now } })
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
    // A retry of the call that wrote it answers its first reply (error path only: one more read).
    if ((await findById<SupportDocument>(ctx.db, 'topicSupports', sid))?.requestKey === requestKey) return { supported: true as const }
    throw new AppError('TOPIC.ALREADY_SUPPORTED')
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

/**
 * Withdraws the caller's support: the support removed and the counter
 * decremented in one transaction, the reply kept as a receipt on the topic
 * (a retry answers it). Errors: TOPIC.NOT_FOUND, TOPIC.INVALID_STATE,
 * TOPIC.NOT_SUPPORTED.
 */
export async function withdrawSupport(input: ParsedInput<'topic.withdrawSupport'>, ctx: HandlerContext) {
  type WithdrawReply = { supportCount: number; supported: false }
  return transact(ctx.db, async (t): Promise<WithdrawReply> => {
    const topic = await topicInTx(t, input.id)
    const prior = receiptFor<WithdrawReply>(topic, ctx)
    if (prior) return prior.reply
    if (topic.state === 'closed' || topic.state === 'merged') throw new AppError('TOPIC.INVALID_STATE', `议题${stateLabel(topic.state)}，附议不能再撤回`)
    const sid = supportId(topic._id, ctx.openid)
    if (!(await getInTx<SupportDocument>(t, 'topicSupports', sid))) throw new AppError('TOPIC.NOT_SUPPORTED')
    await t.collection('topicSupports').doc(sid).remove()
    // Atomic decrement: supports are counted with `inc` outside transactions.
    const reply: WithdrawReply = { supportCount: Math.max(0, (topic.supportCount ?? 0) - 1), supported: false }
    await t.collection('topics').doc(topic._id).update({ data: { supportCount: ctx.db.command.inc(-1), receipts: withReceipt(topic.receipts, ctx, reply) } })
    return reply
  })
}
