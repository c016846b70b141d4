/**
 * Cloud function `opinion`: 社情民意 from submission to bulletin and upward
 * adoption (issue 4; domain.md section 3). Actions and their rules:
 * src/core/actions/opinion.ts.
 *
 * Besides actions it receives WeChat's message push for asynchronous media
 * checks (`Event: 'wxa_media_check'`): point the mini-program's message push
 * (or the emulator's `openapi.mediaCheckFunction`) at this function. Its timer
 * `imageChecks` catches verdicts that came early or never (_shared/media-verdict.ts, media.ts).
 */
import { defineFunction } from '../_shared/define-function'
import { afterSource } from '../_shared/ledger'
import { compile, downloadBulletin, getBulletin, listBulletins, previewBulletin } from './bulletin'
import type { MediaCheckPush } from '../_shared/media-verdict'
import { applyMediaVerdict, sweepImageChecks } from './media'
import { accept, adopt, markKey, merge, reject, reportUp, returnForChanges, reviewList } from './review'
import { exportYear, stats } from './stats'
import { byMember, getOpinion, listCategories, mine, resubmit, saveCategory, submit } from './submit'

export const main = defineFunction(
  'opinion',
  {
    'opinion.categories': listCategories,
    'opinion.saveCategory': saveCategory,
    // ledger lines (decision 93): the review steps write them inside their transaction (review.ts);
    // submit and resubmit have none, so they sync right after (the public's items skip it: 3 DB operations)
    'opinion.submit': afterSource(submit, 'opinion', (_i, o) => o.id, byMember),
    'opinion.resubmit': afterSource(resubmit, 'opinion', (_i, o) => o.id, byMember),
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
    'bulletin.preview': previewBulletin,
    'bulletin.list': listBulletins,
    'bulletin.get': getBulletin,
    'bulletin.download': downloadBulletin
  },
  {
    timers: {
      /** Every 10 minutes: kept image verdicts applied, overdue checks failed (_shared/media-verdict.ts, media.ts). */
      imageChecks: (ctx) => sweepImageChecks(ctx.db, ctx.now)
    },
    messagePushes: {
      // WeChat's trace ids are short tokens; anything else cannot match an image.
      wxa_media_check: async (event, ctx) =>
        typeof event.trace_id === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(event.trace_id)
          ? applyMediaVerdict(ctx.db, event as unknown as MediaCheckPush, ctx.now)
          : { updated: false }
    }
  }
)
