/**
 * Cloud function `opinion`: 社情民意 from submission to bulletin and upward
 * adoption (issue 4; domain.md section 3). Actions and their rules:
 * src/core/actions/opinion.ts.
 *
 * Besides actions it receives WeChat's message push for asynchronous media
 * checks (`Event: 'wxa_media_check'`): point the mini-program's message push
 * (or the emulator's `openapi.mediaCheckFunction`) at this function.
 */
import { defineFunction } from '../_shared/define-function'
import { getDb } from '../_shared/cloud'
import { compile, downloadBulletin, getBulletin, listBulletins } from './bulletin'
import { accept, adopt, applyMediaVerdict, markKey, merge, reject, reportUp, returnForChanges, reviewList, type MediaCheckPush } from './review'
import { exportYear, stats } from './stats'
import { getOpinion, listCategories, mine, resubmit, saveCategory, submit } from './submit'

const actionsMain = defineFunction('opinion', {
  'opinion.categories': listCategories,
  'opinion.saveCategory': saveCategory,
  'opinion.submit': submit,
  'opinion.resubmit': resubmit,
  'opinion.mine': mine,
  'opinion.get': getOpinion,
  'opinion.reviewList': reviewList,
  'opinion.accept': accept,
  'opinion.return': returnForChanges,
  'opinion.merge': merge,
  'opinion.reject': reject,
  'opinion.adopt': adopt,
  'opinion.markKey': markKey,
  'opinion.reportUp': reportUp,
  'opinion.stats': stats,
  'opinion.export': exportYear,
  'bulletin.compile': compile,
  'bulletin.list': listBulletins,
  'bulletin.get': getBulletin,
  'bulletin.download': downloadBulletin
})

export async function main(event: unknown, context?: unknown): Promise<unknown> {
  const raw = (event ?? {}) as Record<string, unknown>
  if (raw.Event === 'wxa_media_check' && typeof raw.trace_id === 'string') {
    try {
      return await applyMediaVerdict(getDb(), raw as unknown as MediaCheckPush, new Date())
    } catch (error) {
      console.error(JSON.stringify({ fn: 'opinion', push: 'wxa_media_check', error: String((error as Error)?.stack ?? error) }))
      return { updated: false }
    }
  }
  void context
  return actionsMain(event)
}
