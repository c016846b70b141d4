/** Compares two emulator database snapshots (test helper for the generated retry and scan tests). */
import type { Emulator } from '../../emulator'

type Snapshot = ReturnType<Emulator['snapshot']>

/**
 * Documents that differ between `a` and `b`, as `collection/_id` (added,
 * removed or changed), skipping `ignore`d collections.
 */
export function diffSnapshots(a: Snapshot, b: Snapshot, ignore: string[] = []): string[] {
  const index = (s: Snapshot) => new Map(s.collections.filter((c) => !ignore.includes(c.name)).map((c) => [c.name, new Map(c.rows.map((r) => [r.key, r.json]))]))
  const left = index(a)
  const right = index(b)
  const out: string[] = []
  for (const name of new Set([...left.keys(), ...right.keys()])) {
    const l = left.get(name) ?? new Map<string, string>()
    const r = right.get(name) ?? new Map<string, string>()
    for (const key of new Set([...l.keys(), ...r.keys()])) if (l.get(key) !== r.get(key)) out.push(`${name}/${key}`)
  }
  return out
}
