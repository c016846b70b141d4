/**
 * Where image verdicts land (the shared push handler and timer,
 * cloudfunctions/_shared/media-verdict.ts). WeChat routes every
 * `wxa_media_check` push to this function, so the list names every
 * collection whose records hold checked images.
 * 社情民意 items keep flags and move from `submitted` to `in_review`
 * (处理中) on a doubtful verdict; other records only hold the image back.
 */
import { mediaVerdicts, type MediaHolder } from '../_shared/media-verdict'
import type { OpinionDocument } from './model'
import { imageFlags } from './safety'

const opinionHolder: MediaHolder = {
  collection: 'opinions',
  patch: (raw, images, verdict, now) => {
    const doc = raw as unknown as OpinionDocument
    const flags = [...new Set([...(doc.flags ?? []).filter((f) => !f.startsWith('image_')), ...imageFlags(images)])]
    const moveToReview = verdict !== 'pass' && doc.state === 'submitted'
    return {
      flags,
      ...(moveToReview ? { state: 'in_review', timeline: [...doc.timeline, { step: 'processing', at: now }] } : {}),
      history: [...doc.history, { action: 'imageCheck', by: 'system', at: now, note: verdict }]
    }
  }
}

/** Studio announcements (cover and attachments): a verdict only hides the file; the announcement stays as it is. */
const announcementHolder: MediaHolder = { collection: 'announcements' }

/** Every holder of checked images, 社情民意 first (the busiest). */
export const imageHolders: MediaHolder[] = [opinionHolder, announcementHolder]

export const { applyMediaVerdict, sweepImageChecks } = mediaVerdicts(imageHolders)
