import { BadCursorError, decodeCursor, encodeCursor, pageInput } from '../../src/core/paging'
import { z } from '../../src/core/zod'
import { maskPhone } from '../../src/core/privacy'
import { callerFrom } from '../../cloudfunctions/_shared/caller'

describe('cursor', () => {
  it('round-trips a sort key and id', () => {
    expect(decodeCursor(encodeCursor({ key: 'd:2025-01-01T00:00:00.000Z', id: 'x-1' }))).toEqual({ key: 'd:2025-01-01T00:00:00.000Z', id: 'x-1' })
    expect(decodeCursor(undefined)).toBeUndefined()
  })

  it('refuses a forged cursor', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow()
    expect(() => decodeCursor(Buffer.from('{"a":1}').toString('base64url'))).toThrow()
  })

  it('refuses what encodeCursor never writes: bad dates, empty keys, huge numbers', () => {
    const b64 = (json: string) => Buffer.from(json, 'utf8').toString('base64url')
    for (const json of ['["d:not-a-date","x"]', '["d:2025-02-30T00:00:00.000Z","x"]', '["d:2025-01-01","x"]', '["","x"]', '["k",""]', '[1e999,"x"]', '[9007199254740993,"x"]', '[null,"x"]', '[{"$gt":""},"x"]']) {
      expect(() => decodeCursor(b64(json))).toThrow(BadCursorError)
    }
    expect(() => decodeCursor('d:not-a-date')).toThrow(BadCursorError)
    // what the server writes still decodes: numbers, strings, Chinese sort keys
    for (const position of [{ key: 12, id: 'r-1' }, { key: -3, id: 'r-2' }, { key: 'z-东港镇委员工作室', id: 's-1' }, { key: 'd:1999-12-31T16:00:00.000Z', id: 'oAbC_12-x' }]) {
      expect(decodeCursor(encodeCursor(position))).toEqual(position)
    }
  })

  it('the cursor field accepts a 40-character Chinese sort key and refuses other characters', () => {
    const cursor = z.object(pageInput)
    expect(cursor.safeParse({ cursor: encodeCursor({ key: `z-${'政'.repeat(40)}`, id: 'x'.repeat(32) }) }).success).toBe(true)
    expect(cursor.safeParse({ cursor: 'a+b/c=' }).success).toBe(false)
  })
})

describe('numbers', () => {
  it('zod 4 number schemas refuse NaN and Infinity', () => {
    for (const value of [NaN, Infinity, -Infinity]) {
      expect(pageInput.limit.safeParse(value).success).toBe(false)
      expect(z.number().safeParse(value).success).toBe(false)
    }
  })
})

describe('privacy', () => {
  it('masks mobile numbers in the middle', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('04188810000')).toBe('*********00')
    expect(maskPhone(undefined)).toBe('')
  })
})

describe('roles from the users document', () => {
  const at = new Date()
  it('everyone is public; grants and a member binding add roles with scopes', () => {
    expect(callerFrom('o1', null).roles).toEqual(['public'])
    const caller = callerFrom('o2', {
      _id: 'o2',
      grants: [{ role: 'studio_admin', studioIds: ['s1', 's2'], departmentIds: [], grantedBy: 'x', grantedAt: at }],
      member: { id: 'm-1', name: '王晓岚', sector: '教育界' },
      createdAt: at,
      updatedAt: at
    })
    expect(caller.roles.sort()).toEqual(['member', 'public', 'studio_admin'])
    expect(caller.studioIds).toEqual(['s1', 's2'])
    expect(caller.memberId).toBe('m-1')
  })

  it('deploy configuration makes the first staff', () => {
    process.env.BOOTSTRAP_STAFF_OPENIDS = 'oBoot1, oBoot2'
    try {
      expect(callerFrom('oBoot2', null).roles).toContain('staff')
      expect(callerFrom('oOther', null).roles).not.toContain('staff')
    } finally {
      delete process.env.BOOTSTRAP_STAFF_OPENIDS
    }
  })
})
