/**
 * Open API calls through `cloud.openapi.*` of the real SDK inside hosted
 * functions: content safety (every verdict and the failure path), media
 * checks, subscription messages (outbox), QR codes, permissions.
 */
import type { Emulator } from '../../emulator'
import { startFixtureEmulator } from './functions-support'

jest.setTimeout(30000)

let emu: Emulator

beforeAll(async () => {
  emu = await startFixtureEmulator({ openapi: { mediaCheckFunction: 'mediahook' } })
})
afterAll(async () => {
  await emu.stop()
})
beforeEach(async () => {
  await emu.reset()
})

const call = <T = any>(api: string, args: Record<string, unknown>, openid = 'oCaller') =>
  emu.invoke<T>('safety', { api, args }, { openid }).then((r) => r.result)

describe('security.msgSecCheck (v2)', () => {
  const check = (content: string) => call('security.msgSecCheck', { content, version: 2, scene: 2, openid: 'oAuthor' })

  it('passes ordinary text', async () => {
    const r = await check('建议在县城增设公共自行车停放点')
    expect(r.errCode).toBe(0)
    expect(r.result).toEqual({ suggest: 'pass', label: 100 })
    expect(typeof r.traceId).toBe('string')
  })

  it('answers review for a review word and risky for a risky word, with its label and keyword', async () => {
    const review = await check('欢迎加微信领红包哦')
    expect(review.result).toEqual({ suggest: 'review', label: 10001 })
    const risky = await check('这里有 赌博网站 链接')
    expect(risky.result).toEqual({ suggest: 'risky', label: 20006 })
    expect(risky.detail).toEqual(expect.arrayContaining([expect.objectContaining({ strategy: 'keyword', keyword: '赌博网站', suggest: 'risky' })]))
    // risky beats review when both occur; matching ignores case and full-width forms
    const both = await check('待审测试词 and ＲＩＳＫＹ-TEST-WORD')
    expect(both.result.suggest).toBe('risky')
  })

  it('fails the check itself (errcode -1) for an errorWords entry, so callers can test that path', async () => {
    const r = await check('内容含检测故障测试词')
    expect(r.error.errCode).toBe(-1)
    expect(r.error.errMsg).toContain('system error')
  })

  it('refuses a v2 call without openid (40003) or with a bad scene (40097)', async () => {
    expect((await call('security.msgSecCheck', { content: 'x', version: 2, scene: 2 })).error.errCode).toBe(40003)
    expect((await call('security.msgSecCheck', { content: 'x', version: 2, scene: 9, openid: 'o' })).error.errCode).toBe(40097)
  })

  it('v1 (no version) answers 87014 for risky text only', async () => {
    expect((await call('security.msgSecCheck', { content: '违规测试词' })).error.errCode).toBe(87014)
    expect((await call('security.msgSecCheck', { content: '待审测试词' })).errCode).toBe(0)
  })

  it('a test can change the word list at run time', async () => {
    emu.contentSafety.setWords({ text: { risky: [{ word: '临时词', label: 20003 }], review: [], errorWords: [] } })
    expect((await check('临时词')).result).toEqual({ suggest: 'risky', label: 20003 })
    emu.contentSafety.resetWords()
    expect((await check('临时词')).result.suggest).toBe('pass')
  })
})

describe('security.mediaCheckAsync', () => {
  it('returns a trace_id at once, records the verdict from file markers and pushes it to the configured function', async () => {
    const clean = emu.storage.put('media/clean.jpg', Buffer.from('plain image bytes'))
    const marked = emu.storage.put('media/photo.jpg', Buffer.from('...__risky__...'))
    const urlOf = async (fileID: string) => {
      const r = await emu.invoke<any>('files', { op: 'url', fileIDs: [fileID] }, { openid: 'oCaller' })
      return r.result.fileList[0].tempFileURL as string
    }
    const a = await call('security.mediaCheckAsync', { mediaUrl: await urlOf(clean.fileID), mediaType: 2, version: 2, scene: 1, openid: 'oAuthor' })
    const b = await call('security.mediaCheckAsync', { mediaUrl: await urlOf(marked.fileID), mediaType: 2, version: 2, scene: 1, openid: 'oAuthor' })
    const c = await call('security.mediaCheckAsync', { mediaUrl: 'https://example.invalid/__review__.png', mediaType: 2, version: 2, scene: 1, openid: 'oAuthor' })
    const d = await call('security.mediaCheckAsync', { mediaUrl: 'https://example.invalid/__checkfail__.png', mediaType: 2, version: 2, scene: 1, openid: 'oAuthor' })
    for (const r of [a, b, c, d]) expect(typeof r.traceId).toBe('string')
    await emu.contentSafety.settled()
    const checks = emu.contentSafety.mediaChecks()
    expect(checks.map((m) => [m.trace_id, m.suggest])).toEqual([
      [a.traceId, 'pass'],
      [b.traceId, 'risky'],
      [c.traceId, 'review'],
      [d.traceId, 'error']
    ])
    expect(checks.every((m) => m.delivery?.status === 'delivered')).toBe(true)
    // the hook function received the wxa_media_check event and wrote what it saw to the outbox
    const seen = emu.outbox().filter((m) => m.template_id === 'TPL_MEDIA')
    expect(seen.map((m) => [m.data.thing1.value, m.data.thing2.value, m.data.thing3.value])).toEqual(
      expect.arrayContaining([
        ['wxa_media_check', a.traceId, 'pass'],
        ['wxa_media_check', b.traceId, 'risky'],
        ['wxa_media_check', c.traceId, 'review'],
        ['wxa_media_check', d.traceId, 'errcode -1']
      ])
    )
  })

  it('refuses a missing media_url or media_type', async () => {
    expect((await call('security.mediaCheckAsync', { mediaType: 2, version: 2, scene: 1, openid: 'o' })).error.errCode).toBe(40097)
    expect((await call('security.mediaCheckAsync', { mediaUrl: 'https://x.invalid/a.png', version: 2, scene: 1, openid: 'o' })).error.errCode).toBe(40097)
  })
})

describe('subscribeMessage.send', () => {
  const good = { touser: 'oMember', templateId: 'TPL_ACTIVITY', page: 'pages/activity/detail?id=a1', data: { thing1: { value: '委员履职培训' }, time2: { value: '2026-12-01 09:00' } } }

  it('writes the message to the outbox, which tests and /_outbox can read', async () => {
    const r = await call('subscribeMessage.send', good)
    expect(r.errCode).toBe(0)
    const [m] = emu.outbox()
    expect(m).toMatchObject({ touser: 'oMember', template_id: 'TPL_ACTIVITY', page: 'pages/activity/detail?id=a1', fromFunction: 'safety' })
    expect(m.data.thing1.value).toBe('委员履职培训')
    const json = await (await fetch(`${emu.url}/_outbox?format=json`)).json()
    expect(json).toHaveLength(1)
    const page = await fetch(`${emu.url}/_outbox`)
    expect(page.headers.get('content-type')).toContain('text/html')
    const html = await page.text()
    expect(html).toContain('<table')
    expect(html).toContain('委员履职培训')
  })

  it('checks touser (40003), template_id (40037), page and data (47003) for presence', async () => {
    const without = (k: string) => Object.fromEntries(Object.entries(good).filter(([key]) => key !== k))
    expect((await call('subscribeMessage.send', without('touser'))).error.errCode).toBe(40003)
    expect((await call('subscribeMessage.send', without('templateId'))).error.errCode).toBe(40037)
    expect((await call('subscribeMessage.send', without('page'))).error.errCode).toBe(47003)
    expect((await call('subscribeMessage.send', without('data'))).error.errCode).toBe(47003)
    expect((await call('subscribeMessage.send', { ...good, data: { thing1: {} } })).error.errCode).toBe(47003)
    expect(emu.outbox()).toEqual([])
  })

  it('a user who refused gets 43101', async () => {
    emu.refuseSubscription('oMember')
    expect((await call('subscribeMessage.send', good)).error.errCode).toBe(43101)
    emu.refuseSubscription('oMember', false)
    expect((await call('subscribeMessage.send', good)).errCode).toBe(0)
  })
})

describe('wxacode.getUnlimited', () => {
  it('returns a real PNG QR code', async () => {
    const r = await call('wxacode.getUnlimited', { scene: 'a=act123&s=7', page: 'pages/activity/detail', width: 300, checkPath: false })
    expect(r.contentType).toBe('image/png')
    const png = Buffer.from(r.base64, 'base64')
    // PNG signature, then the IHDR chunk with the image width (file-type is ESM-only, so read the header here)
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR')
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(280)
    expect(png.length).toBeGreaterThan(200)
  })

  it('refuses a scene over 32 characters with 40169, and a page starting with / with 41030', async () => {
    expect((await call('wxacode.getUnlimited', { scene: 'x'.repeat(33) })).error.errCode).toBe(40169)
    expect((await call('wxacode.getUnlimited', { scene: 'x'.repeat(32) })).contentType).toBe('image/png')
    expect((await call('wxacode.getUnlimited', { scene: 'ok', page: '/pages/index/index' })).error.errCode).toBe(41030)
  })
})

it('a function that does not list an API in config.json permissions.openapi gets -604101', async () => {
  const r = await emu.invoke<any>('noperm', {}, { openid: 'oX' })
  expect(r.result.error.errCode).toBe(-604101)
})
