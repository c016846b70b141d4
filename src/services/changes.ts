/**
 * The change bus (issue 12 item 2: "after any edit every screen that shows
 * the edited thing shows the new value").
 *
 * Every successful mutating call through the typed client (`call`, and so
 * `useMutation`) publishes the areas it touched ({@link touchedBy}); every
 * data hook (`useAction`, `usePagedList`) notes the bus version when it
 * started loading and, when its page is shown again, reloads only if an
 * area it shows ({@link shownBy}) changed since then. A page nobody changed
 * anything for is not reloaded (no reload storm on every back-navigation).
 *
 * An area is the action name's prefix (`activity.update` → `activity`);
 * the tables below add the areas one action's output also shows or one
 * mutation also changes (a topic shows its session, which is an activity).
 * Module state lives for the app's lifetime (one mini-program process).
 */
import type { ActionName } from '../core/contract'

/** The bus clock: +1 per published change. */
let version = 0
/** Area → bus version of its last change. */
const lastChange = new Map<string, number>()
const listeners = new Set<(areas: readonly string[]) => void>()

/** Areas whose change affects (nearly) every screen: who I am, my name, my roles. */
export const IDENTITY_AREA = 'identity'

/** Mutations that change identity, besides their own area. */
const identityMutations: ReadonlySet<string> = new Set([
  'user.bindMember',
  'user.unbindMember',
  'user.setName',
  'user.grantRole',
  'user.revokeRole',
  'user.importRoster'
])

/**
 * What a read in one area also shows, besides its own area.
 * - topic: a topic's consultation session is an activity (time, place, attendance);
 * - activity: a session activity is created/closed by topic steps;
 * - studio: a studio page lists the studio's activities;
 * - opinion / bulletin: a bulletin is compiled from opinions and marks them;
 * - year / ledger: counts built from activities, topics, opinions and proposals.
 */
const alsoShows: Readonly<Record<string, readonly string[]>> = {
  topic: ['activity'],
  activity: ['topic'],
  studio: ['activity'],
  opinion: ['bulletin'],
  bulletin: ['opinion'],
  year: ['activity', 'topic', 'opinion', 'proposal', 'ledger', 'bulletin'],
  ledger: ['activity', 'topic', 'opinion', 'proposal']
}

/** The area of an action: its name's prefix, `activity.update` → `activity`. */
export function areaOf(name: string): string {
  const dot = name.indexOf('.')
  return dot < 0 ? name : name.slice(0, dot)
}

/** Areas a successful mutating call of `name` changed: its own, plus `identity` for the identity mutations. */
export function touchedBy(name: ActionName | string): string[] {
  const areas = [areaOf(name)]
  if (identityMutations.has(name)) areas.push(IDENTITY_AREA)
  return areas
}

/** Areas a read of `name` shows: its own, the related ones in the table above, and `identity`. */
export function shownBy(name: ActionName | string): string[] {
  const own = areaOf(name)
  return [own, ...(alsoShows[own] ?? []), IDENTITY_AREA]
}

/** The bus clock now; a hook keeps it as "loaded at" when it starts a request. */
export function changeVersion(): number {
  return version
}

/** Publishes a change of `areas` (called by `call` after each successful mutation). */
export function publishChange(areas: readonly string[]): void {
  if (areas.length === 0) return
  version += 1
  for (const area of areas) lastChange.set(area, version)
  for (const listener of listeners) listener(areas)
}

/** True when any of `areas` changed after bus version `since`. */
export function changedSince(areas: readonly string[], since: number): boolean {
  return areas.some((area) => (lastChange.get(area) ?? 0) > since)
}

/** Listens to every published change; returns the unsubscribe function. */
export function onChange(listener: (areas: readonly string[]) => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/**
 * How long (ms) a screen's data counts as fresh when nobody in this app
 * changed anything it shows: past this, coming back to the page reloads it
 * anyway, so what other people did meanwhile (staff answered, a seat freed)
 * shows up without a pull-down (decision 86).
 */
export const STALE_AFTER_MS = 60_000

/**
 * True when a screen loaded at bus version `sinceVersion` and wall-clock
 * `sinceMs` (ms since the epoch) should reload on being shown again: an area
 * it shows changed since, or its data is older than {@link STALE_AFTER_MS}.
 */
export function needsReload(areas: readonly string[], sinceVersion: number, sinceMs: number, nowMs: number = Date.now()): boolean {
  return changedSince(areas, sinceVersion) || nowMs - sinceMs > STALE_AFTER_MS
}
