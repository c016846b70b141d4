/**
 * The share poster's mini-program code (issue 12 item 7): a code that opens
 * the activity's detail page, drawn on the poster by the phone
 * (pages/activity/poster). WeChat passes the scene to the page as
 * `?scene=<id>`; the detail page reads it as the activity id.
 */
import { AppError } from '../../src/core/errors'
import { serverPages } from '../../src/core/pages'
import { canManage, getActivity } from './engine'
import type { Handler } from './model'

/** Page the poster's code opens (no leading slash, as wxacode wants). */
export const SHARE_PAGE = serverPages.activity

/** What getUnlimited accepts as a scene: at most 32 of these characters (WeChat's rule). */
const SCENE = /^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]{1,32}$/

export const shareCode: Handler<'activity.shareCode'> = async (input, ctx) => {
  const [a, caller] = await Promise.all([getActivity(ctx.db, input.id), ctx.caller()])
  if (!a) throw new AppError('ACTIVITY.NOT_FOUND')
  // The same visibility as activity.get: drafts and held activities only for their managers.
  if ((a.state === 'draft' || a.held) && !canManage(caller, a)) throw new AppError('ACTIVITY.NOT_FOUND')
  if (!SCENE.test(a._id)) throw new AppError('ACTIVITY.SHARE_CODE_UNAVAILABLE')
  const code = (await ctx.cloud.openapi.wxacode.getUnlimited({ scene: a._id, page: SHARE_PAGE, checkPath: false })) as { buffer: Buffer }
  return { page: SHARE_PAGE, scene: a._id, image: `data:image/png;base64,${Buffer.from(code.buffer).toString('base64')}` }
}
