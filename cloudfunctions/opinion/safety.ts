/**
 * 社情民意's use of the shared content check (cloudfunctions/_shared/content-safety.ts):
 * the flags an item keeps for its text and images (issue 4, "Content
 * safety"). Flagged items go to staff review, never straight through.
 */
import type { SafetyFlag } from '../../src/core/actions/opinion'
import { checkText, type FileRecord } from '../_shared/content-safety'
import type { HandlerContext } from '../_shared/define-function'

/**
 * Checks an item's text; returns the flags to keep (empty = pass).
 * Throws CONTENT.RISKY when WeChat calls it risky.
 */
export async function textFlags(ctx: Pick<HandlerContext, 'cloud' | 'openid'>, parts: (string | undefined)[]): Promise<SafetyFlag[]> {
  const verdict = await checkText(ctx, parts, 3)
  return verdict === 'pass' ? [] : verdict === 'review' ? ['text_review'] : ['text_check_failed']
}

/** Flags an item carries because of its images. */
export function imageFlags(images: FileRecord[]): SafetyFlag[] {
  const flags = new Set<SafetyFlag>()
  for (const i of images) {
    if (i.check === 'risky') flags.add('image_risky')
    else if (i.check === 'review') flags.add('image_review')
    else if (i.check === 'error') flags.add('image_check_failed')
  }
  return [...flags]
}
