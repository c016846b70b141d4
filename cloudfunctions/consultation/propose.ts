/**
 * Proposing a topic (idempotent by requestId, similar topics first).
 */
import type { ParsedInput } from '../../src/core/contract'
import { AppError } from '../../src/core/errors'
import type { HandlerContext } from '../_shared/define-function'
import { findById } from '../_shared/db'
import { assertOwnUpload } from '../_shared/files'
import { hashOf, type TopicDocument } from './model'
import { displayName, similarTopics } from './shared'

/**
 * Proposes a topic. `_id` derives from OPENID + requestId, so a retry
 * returns the first topic. Unless `ignoreSimilar`, refuses with
 * TOPIC.SIMILAR_FOUND and the similar topics in `details`.
 */
export async function propose(input: ParsedInput<'topic.propose'>, ctx: HandlerContext) {
  const id = `t-${hashOf(`${ctx.openid}:${ctx.requestId}`, 16)}`
  const existing = await findById<TopicDocument>(ctx.db, 'topics', id)
  if (existing) return { id, state: existing.state }
  for (const image of input.images ?? []) assertOwnUpload(image, ctx.openid)
  if (!input.ignoreSimilar) {
    const similar = await similarTopics(ctx, input)
    if (similar.length > 0) throw new AppError('TOPIC.SIMILAR_FOUND', undefined, { similar })
  }
  const caller = await ctx.caller()
  const now = ctx.now
  const doc: Omit<TopicDocument, '_id'> = {
    title: input.title,
    description: input.description,
    category: input.category,
    ...(input.place ? { place: input.place } : {}),
    images: input.images ?? [],
    state: 'proposed',
    visible: true,
    supportCount: 0,
    commentCount: 0,
    proposerOpenid: ctx.openid,
    proposerName: displayName(caller),
    proposerConsented: input.subscribe === true,
    recommendations: [],
    reopenCount: 0,
    timeline: [{ state: 'proposed', at: now }],
    notified: {},
    createdAt: now,
    updatedAt: now
  }
  await ctx.db.collection('topics').doc(id).set({ data: doc })
  return { id, state: 'proposed' as const }
}
