/** The typed client: validation before sending, envelope handling, request ids. */
import { call, setTransport, newRequestId } from '@/services'
import { AppError } from '@/core/errors'
import { installFakeTransport, replyError } from './support/fake-transport'

afterEach(() => setTransport(undefined))

test('invalid input is refused with the schema message and not sent', async () => {
  const fake = installFakeTransport({})
  const error = await call('studio.get', { id: 'bad id!' }).catch((e) => e)
  expect(error).toBeInstanceOf(AppError)
  expect(error.code).toBe('COMMON.INVALID_INPUT')
  expect(error.message).toBe('编号格式不正确')
  expect(fake.calls).toHaveLength(0)
})

test('an {ok:false} reply becomes an AppError with the code, message and request id', async () => {
  installFakeTransport({
    'user.listMembers': () => {
      throw replyError('AUTH.FORBIDDEN')
    }
  })
  const error = await call('user.listMembers', {}, { requestId: 'req-1' }).catch((e) => e)
  expect(error).toMatchObject({ code: 'AUTH.FORBIDDEN', message: '您没有权限进行此操作', requestId: 'req-1' })
})

test('a reply that is not an envelope is COMMON.INTERNAL', async () => {
  setTransport({ callFunction: async () => 'oops', uploadFile: async () => ({ fileID: '' }) })
  await expect(call('user.me', {})).rejects.toMatchObject({ code: 'COMMON.INTERNAL', message: '服务暂时不可用，请稍后再试' })
})

test('network retries reuse the same request id', async () => {
  const ids: string[] = []
  setTransport({
    callFunction: async (req) => {
      ids.push(req.requestId)
      if (ids.length === 1) throw new Error('timeout')
      return { ok: true, data: { items: [] }, requestId: req.requestId }
    },
    uploadFile: async () => ({ fileID: '' })
  })
  await expect(call('studio.list', {})).resolves.toEqual({ items: [] })
  expect(ids).toHaveLength(2)
  expect(ids[0]).toBe(ids[1])
})

test('request ids are unique', () => {
  const ids = new Set(Array.from({ length: 500 }, () => newRequestId()))
  expect(ids.size).toBe(500)
})

describe('a COMMON.BUSY answer (the cloud gave up on a transaction that kept conflicting)', () => {
  const busyThen = (answers: Array<'busy' | 'ok'>) => {
    const seen: { requestId: string; at: number }[] = []
    setTransport({
      callFunction: async (req) => {
        seen.push({ requestId: req.requestId, at: Date.now() })
        const answer = answers[seen.length - 1] ?? 'busy'
        if (answer === 'ok') return { ok: true, data: { state: 'registered', already: false }, requestId: req.requestId }
        return { ok: false, error: { code: 'COMMON.BUSY', message: '现在操作的人较多，请稍后重试', requestId: req.requestId } }
      },
      uploadFile: async () => ({ fileID: '' })
    })
    return seen
  }

  test('is sent once more by itself with the same request id after a short pause, and its answer is the reply', async () => {
    const seen = busyThen(['busy', 'ok'])
    await expect(call('activity.signup', { id: 'act-1' }, { requestId: 'req-busy-1' })).resolves.toEqual({ state: 'registered', already: false })
    expect(seen.map((s) => s.requestId)).toEqual(['req-busy-1', 'req-busy-1'])
    expect(seen[1].at - seen[0].at).toBeGreaterThanOrEqual(350)
  })

  test('a second COMMON.BUSY reaches the page with its Chinese message (no third attempt)', async () => {
    const seen = busyThen(['busy', 'busy', 'ok'])
    await expect(call('activity.signup', { id: 'act-1' })).rejects.toMatchObject({ code: 'COMMON.BUSY', message: '现在操作的人较多，请稍后重试' })
    expect(seen).toHaveLength(2)
    expect(seen[0].requestId).toBe(seen[1].requestId)
  })

  test('other errors are not resent', async () => {
    let calls = 0
    setTransport({
      callFunction: async (req) => {
        calls += 1
        return { ok: false, error: { code: 'ACTIVITY.FULL', message: '名额已满', requestId: req.requestId } }
      },
      uploadFile: async () => ({ fileID: '' })
    })
    await expect(call('activity.signup', { id: 'act-1' })).rejects.toMatchObject({ code: 'ACTIVITY.FULL' })
    expect(calls).toBe(1)
  })
})
