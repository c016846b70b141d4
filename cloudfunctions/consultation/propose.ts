/**
 * Proposing a topic (idempotent by requestId, similar topics first).
 */
import type { ParsedInput } from '../../src/core/contract'
import { AppError } from '../../src/core/errors'
import type { HandlerContext } from '../_shared/define-function'
import { findById } from '../_shared/db'
import { checkImages, imagesNeedReview } from '../_shared/content-safety'
import { hashOf, type TopicDocument } from './model'
import { displayName, similarTopics, textHold, topicFolder } from './shared'
import { referenceNumber } from '../_shared/reference-number'

/**
 * Proposes a topic. `_id` derives from OPENID + requestId, so a retry
 * returns the first topic. Unless `ignoreSimilar`, refuses with
 * TOPIC.SIMILAR_FOUND and the similar topics in `details`.
 *
 * Content safety (issue 13 item 1, the shared check): title, description
 * and place through msgSecCheck — risky → CONTENT.RISKY, nothing stored;
 * review or a failed check → the topic is stored with a `hold`, invisible
 * to everyone but its proposer until staff release it (topic.release).
 * Images: own uploads, ≤ 10 MB, image by content (FILE.*), copied to
 * `topic-images/<id>/` (no OPENID in any file ID shown to others) and
 * checked asynchronously; others see an image only once it passed.
 */
export async function propose(input: ParsedInput<'topic.propose'>, ctx: HandlerContext) {
  const id = `t-${hashOf(`${ctx.openid}:${ctx.requestId}`, 16)}`
  const existing = await findById<TopicDocument>(ctx.db, 'topics', id)
  if (existing) return { id, state: existing.state, refNo: referenceNumber(id, existing.createdAt) }
  if (!input.ignoreSimilar) {
    const similar = await similarTopics(ctx, input)
    if (similar.length > 0) throw new AppError('TOPIC.SIMILAR_FOUND', undefined, { similar })
  }
  const hold = await textHold(ctx, [input.title, input.description, input.place], 3)
  const { images, imageTraceIds } = await checkImages(ctx, input.images ?? [], { copyTo: topicFolder(id) })
  const caller = await ctx.caller()
  const now = ctx.now
  const doc: Omit<TopicDocument, '_id'> = {
    title: input.title,
    description: input.description,
    category: input.category,
    ...(input.place ? { place: input.place } : {}),
    images: images.map((i) => ({ ...i, use: 'topic' })),
    imageTraceIds,
    imagesHeld: imagesNeedReview(images),
    ...(hold ? { hold, waiting: true } : {}),
    state: 'proposed',
    visible: !hold,
    supportCount: 0,
    commentCount: 0,
    proposerOpenid: ctx.openid,
    proposerName: displayName(caller),
    source: caller.roles.includes('member') ? 'member' : caller.roles.includes('staff') ? 'office' : 'public',
    proposerConsented: input.subscribe === true,
    recommendations: [],
    reopenCount: 0,
    timeline: [{ state: 'proposed', at: now }],
    notified: {},
    createdAt: now,
    updatedAt: now
  }
  await ctx.db.collection('topics').doc(id).set({ data: doc })
  return { id, state: 'proposed' as const, refNo: referenceNumber(id, ctx.now) }
}
