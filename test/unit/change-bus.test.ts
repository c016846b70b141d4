import { needsReload, publishChange, changeVersion, STALE_AFTER_MS } from '../../src/services/changes'

describe('a kept screen reloads when shown again', () => {
  it('reloads when an area it shows changed since it loaded', () => {
    const since = changeVersion()
    const now = Date.now()
    expect(needsReload(['topic'], since, now, now + 1000)).toBe(false)
    publishChange(['activity'])
    expect(needsReload(['topic'], since, now, now + 1000)).toBe(false)
    expect(needsReload(['topic', 'activity'], since, now, now + 1000)).toBe(true)
  })

  it('reloads after a minute even when nothing changed here (others may have acted)', () => {
    const since = changeVersion()
    const loaded = Date.UTC(2026, 11, 2, 4, 0, 0)
    expect(needsReload(['opinion'], since, loaded, loaded + STALE_AFTER_MS)).toBe(false)
    expect(needsReload(['opinion'], since, loaded, loaded + STALE_AFTER_MS + 1)).toBe(true)
  })
})
