/**
 * Studios (委员工作室): read actions used by the home page and the studio list.
 * Served by the `studio` cloud function; the studios-and-activities work adds
 * editing, announcements and activities here.
 */
import { z } from '../zod'
import { action } from '../contract-helpers'
import { pageInput, type Page } from '../paging'

export interface StudioSummary {
  id: string
  name: string
  /** Town or street where it sits. */
  town: string
  address: string
  openingHours: string
  /** Number of stationed members. */
  memberCount: number
  /** Shared "两代表一委员" studio. */
  shared: boolean
}

export interface StudioDetail extends StudioSummary {
  intro: string
  contactName: string
  /** Masked unless staff or this studio's admin. */
  contactPhone: string
  members: { id: string; name: string; sector: string }[]
}

const id = z.string({ error: '缺少编号' }).regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确')

export const studioActions = {
  'studio.list': action<Page<StudioSummary>>()({
    name: 'studio.list',
    fn: 'studio',
    input: z.object({ ...pageInput }),
    access: 'anyone',
    doc: 'Studios ordered by name (pinyin order of the stored sort key). One DB read per page.'
  }),
  'studio.get': action<StudioDetail>()({
    name: 'studio.get',
    fn: 'studio',
    input: z.object({ id }),
    access: 'anyone',
    doc: 'A studio profile with its stationed members.'
  })
} as const
