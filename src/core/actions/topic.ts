/**
 * Consultation topics (协商议题, 辽事好商量): the public list. Served by the
 * `consultation` cloud function; the consultation work adds proposing,
 * support, comments, selection and follow-up here.
 */
import { z } from '../zod'
import { action } from '../contract-helpers'
import { pageInput, type Page } from '../paging'
import { topicStates, type TopicState } from '../states'

export interface TopicSummary {
  id: string
  title: string
  category: string
  state: TopicState
  supportCount: number
  /** Studio or committee organising it, when selected. */
  organiser?: string
  /** ISO instant (UTC) of the last change. */
  updatedAt: string
}

export const topicActions = {
  'topic.list': action<Page<TopicSummary>>()({
    name: 'topic.list',
    fn: 'consultation',
    input: z.object({
      ...pageInput,
      state: z.enum(topicStates, { error: '议题状态不正确' }).optional()
    }),
    access: 'anyone',
    doc: 'Visible topics (never drafts), newest change first, optionally by state. One DB read per page.'
  })
} as const
