/**
 * Cloud function `consultation`: 辽事好商量 topics. Actions and their rules:
 * src/core/actions/topic.ts.
 */
import type { TopicSummary } from '../../src/core/actions/topic'
import type { TopicState } from '../../src/core/states'
import { defineFunction } from '../_shared/define-function'
import { findPage } from '../_shared/db'

/** Shape of a `topics` document (the consultation work extends it). */
export interface TopicDocument {
  _id: string
  title: string
  description: string
  category: string
  state: TopicState
  /** False only for drafts; the public list reads visible topics. */
  visible: boolean
  supportCount: number
  organiser?: string
  proposerOpenid: string
  createdAt: Date
  updatedAt: Date
}

function summaryOf(t: TopicDocument): TopicSummary {
  return {
    id: t._id,
    title: t.title,
    category: t.category,
    state: t.state,
    supportCount: t.supportCount ?? 0,
    ...(t.organiser ? { organiser: t.organiser } : {}),
    updatedAt: new Date(t.updatedAt).toISOString()
  }
}

export const main = defineFunction('consultation', {
  /** Visible topics, newest change first, optionally one state. One read. */
  'topic.list': async (input, ctx) => {
    const where: Record<string, unknown> = { visible: true }
    if (input.state) where.state = input.state
    const page = await findPage<TopicDocument>(ctx.db, 'topics', { where, sortField: 'updatedAt', direction: 'desc', limit: input.limit, cursor: input.cursor })
    return { items: page.items.map(summaryOf), nextCursor: page.nextCursor }
  }
})
