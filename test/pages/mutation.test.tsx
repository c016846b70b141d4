/** useMutation: a mutating action retried after a failure reuses its request id (idempotent); read actions do not. */
import { renderHook, act } from '@testing-library/react'
import { useMutation } from '@/hooks'
import { setTransport } from '@/services'
import { installFakeTransport, replyError } from './support/fake-transport'

afterEach(() => setTransport(undefined))

const studio = { name: '测试委员工作室', town: '城关镇', address: '人民路 1 号', openingHours: '周三上午', contactName: '李老师', contactPhone: '13800000000' }

test('a failed create is retried with the same request id; the next create gets a new one', async () => {
  let attempts = 0
  const fake = installFakeTransport({
    'studio.create': () => {
      attempts += 1
      if (attempts === 1) throw new Error('connection reset') // no reply twice (the client retries once itself)
      if (attempts === 2) throw new Error('connection reset')
      return { id: `s${attempts}` }
    }
  })
  const { result } = renderHook(() => useMutation('studio.create'))
  await act(async () => {
    await result.current.run(studio).catch(() => undefined)
  })
  expect(result.current.error?.code).toBe('COMMON.NETWORK')
  await act(async () => {
    await result.current.run(studio)
  })
  await act(async () => {
    await result.current.run(studio)
  })
  const ids = fake.callsOf('studio.create').map((c) => c.requestId)
  expect(ids).toHaveLength(4)
  expect(new Set(ids.slice(0, 3)).size).toBe(1) // two network attempts + the user's retry: one request
  expect(ids[3]).not.toBe(ids[0]) // after success, a new create is a new request
})

test('every mutating action, not only creates, retries a failed attempt with the same request id', async () => {
  let attempts = 0
  const fake = installFakeTransport({
    'user.bindMember': () => {
      attempts += 1
      if (attempts <= 2) throw new Error('connection reset') // the reply was lost (twice: the client retries once itself)
      return { memberId: 'm-D001', name: '林晓梅' }
    }
  })
  const { result } = renderHook(() => useMutation('user.bindMember'))
  await act(async () => {
    await result.current.run({ name: '林晓梅', code: '123456' }).catch(() => undefined)
  })
  expect(result.current.error?.code).toBe('COMMON.NETWORK')
  await act(async () => {
    await result.current.run({ name: '林晓梅', code: '123456' })
  })
  const ids = fake.callsOf('user.bindMember').map((c) => c.requestId)
  expect(ids).toHaveLength(3)
  expect(new Set(ids).size).toBe(1) // the user's retry is the same request: the server answers it as the first
  expect(result.current.data).toEqual({ memberId: 'm-D001', name: '林晓梅' })
})

test('a read action gets a fresh request id per attempt', async () => {
  const fake = installFakeTransport({
    'opinion.export': () => {
      throw replyError('COMMON.INTERNAL')
    }
  })
  const { result } = renderHook(() => useMutation('opinion.export'))
  for (let i = 0; i < 2; i++) {
    await act(async () => {
      await result.current.run({ year: 2025 }).catch(() => undefined)
    })
  }
  const ids = fake.callsOf('opinion.export').map((c) => c.requestId)
  expect(ids).toHaveLength(2)
  expect(ids[0]).not.toBe(ids[1])
})

test('a sign-up answered COMMON.BUSY is resent once by itself with the same request id; the user sees the result', async () => {
  let attempts = 0
  const fake = installFakeTransport({
    'activity.signup': () => {
      attempts += 1
      if (attempts === 1) throw replyError('COMMON.BUSY')
      return { state: 'registered', already: false }
    }
  })
  const { result } = renderHook(() => useMutation('activity.signup'))
  await act(async () => {
    await result.current.run({ id: 'act-1' })
  })
  expect(result.current.error).toBeUndefined()
  expect(result.current.data).toEqual({ state: 'registered', already: false })
  const ids = fake.callsOf('activity.signup').map((c) => c.requestId)
  expect(ids).toHaveLength(2)
  expect(ids[0]).toBe(ids[1])
})
