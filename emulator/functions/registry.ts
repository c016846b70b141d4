/**
 * Lets the storage and open API modules learn who made an /admin request and
 * reach each other: the functions module registers its invocation lookup per
 * emulator context, and a request carrying `/admin/inv/<id>` maps to the
 * running invocation (function name, caller identity, config.json
 * permissions). Modules also register themselves by name so one can use
 * another (the open API reads stored files for media checks) without the
 * emulator core knowing.
 */
import type { EmulatorContext } from '../types'
import type { InvocationRecord } from './host'

type Lookup = (invocationId: string) => InvocationRecord | undefined

const lookups = new WeakMap<EmulatorContext, Lookup>()
const services = new WeakMap<EmulatorContext, Map<string, unknown>>()

/** Called by the functions module when it is created. */
export function registerInvocationLookup(ctx: EmulatorContext, lookup: Lookup): void {
  lookups.set(ctx, lookup)
}

/** The running invocation behind an /admin request, if any ('' -> undefined). */
export function findInvocation(ctx: EmulatorContext, invocationId: string): InvocationRecord | undefined {
  if (!invocationId) return undefined
  return lookups.get(ctx)?.(invocationId)
}

/** Make a module findable by name for the other modules of the same emulator. */
export function registerService(ctx: EmulatorContext, name: string, service: unknown): void {
  let m = services.get(ctx)
  if (!m) services.set(ctx, (m = new Map()))
  m.set(name, service)
}

/** A module registered under `name` (undefined when that module is not loaded). */
export function findService<T>(ctx: EmulatorContext, name: string): T | undefined {
  return services.get(ctx)?.get(name) as T | undefined
}
