/**
 * Finding people by name (issue 13 item 2: roles are granted by searching a
 * person by name, never by pasting an OPENID; docs/decisions.md 20).
 * A bound member is found by roster name; anyone else first registers the
 * name the office knows them by (`user.setName`, on 我的).
 */
import type { PersonView } from '../../src/core/actions/user'
import { AppError } from '../../src/core/errors'
import type { HandlerContext } from '../_shared/define-function'
import { callerFrom } from '../_shared/caller'
import { rowsOf } from '../_shared/db'
import { cleanText, escapeRegExp } from '../../src/core/text'
import { UNNAMED, nameOf, personKeyFor, type PersonDocument } from '../_shared/people'

/**
 * The caller registers their display name. Output `{name}`: the name staff
 * will see (a bound member's roster name wins: the display name is kept
 * but not shown). Creates the `users` document when the caller has none.
 * Idempotent (the same name twice is the same answer; nothing is written
 * when the name is already registered). DB: 1 read (the caller) + 1 write.
 */
export async function setName(input: { name: string }, ctx: HandlerContext): Promise<{ name: string }> {
  const user = (await ctx.userDocument()) as PersonDocument | null
  const personKey = personKeyFor(ctx.openid)
  if (user?.displayName !== input.name || user?.personKey !== personKey) {
    if (user) await ctx.db.collection('users').doc(ctx.openid).update({ data: { displayName: input.name, personKey, updatedAt: ctx.now } })
    else await ctx.db.collection('users').doc(ctx.openid).set({ data: { grants: [], displayName: input.name, personKey, createdAt: ctx.now, updatedAt: ctx.now } })
  }
  return { name: user?.member?.name ?? input.name }
}

/**
 * People whose roster name (bound members) or display name contains
 * `keyword`, up to 20, bound members first then by name; each with key,
 * name, member sector and roles. Errors: COMMON.INVALID_INPUT for an empty
 * keyword. DB: 1 read.
 */
export async function searchPeople(input: { keyword: string }, ctx: HandlerContext): Promise<{ items: PersonView[] }> {
  const keyword = cleanText(input.keyword)
  if (!keyword) throw new AppError('COMMON.INVALID_INPUT', '请输入姓名')
  const _ = ctx.db.command
  const pattern = ctx.db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' })
  const rows = rowsOf<PersonDocument>(
    await ctx.db
      .collection('users')
      .where(_.or([{ 'member.name': pattern }, { displayName: pattern }]))
      .limit(20)
      .get()
  )
  const items = rows
    .map((u) => ({
      key: u.personKey ?? personKeyFor(u._id),
      name: nameOf(u) ?? UNNAMED,
      ...(u.member ? { member: { name: u.member.name, sector: u.member.sector } } : {}),
      roles: callerFrom(u._id, u).roles
    }))
    .sort((a, b) => Number(!a.member) - Number(!b.member) || a.name.localeCompare(b.name, 'zh'))
  return { items }
}
