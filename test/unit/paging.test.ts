import { decodeCursor, encodeCursor } from '../../src/core/paging'
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
