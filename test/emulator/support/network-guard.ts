/**
 * Jest setup file: any attempt to open a network connection to a host other
 * than the loopback fails at once (tests must never reach the real cloud or
 * any other outside host). Unix sockets and 127.0.0.1 / ::1 / localhost pass.
 * Also usable in worker threads: `require` this file first.
 */
import net from 'net'
import dns from 'dns'

const ALLOWED = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1'])

function hostOf(args: unknown[]): { host?: string; path?: string } {
  const a = args[0]
  if (Array.isArray(a)) return hostOf(a)
  if (a && typeof a === 'object') {
    const o = a as { host?: string; path?: string }
    return { host: o.host, path: o.path }
  }
  if (typeof a === 'string' && isNaN(Number(a))) return { path: a }
  return { host: typeof args[1] === 'string' ? (args[1] as string) : undefined }
}

const marker = Symbol.for('cppcc.networkGuard')
const proto = net.Socket.prototype as any
if (!proto[marker]) {
  const original = proto.connect
  proto.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const { host, path } = hostOf(args)
    if (!path && host !== undefined && !ALLOWED.has(host)) {
      throw new Error(`network guard: connection to ${host} blocked (tests may only reach 127.0.0.1)`)
    }
    return original.apply(this, args)
  }
  proto[marker] = true

  const lookup = dns.lookup as any
  ;(dns as any).lookup = function guardedLookup(hostname: string, ...rest: any[]) {
    if (!ALLOWED.has(hostname)) {
      const cb = rest[rest.length - 1]
      const err: NodeJS.ErrnoException = new Error(`network guard: DNS lookup of ${hostname} blocked`)
      err.code = 'ENOTFOUND'
      if (typeof cb === 'function') {
        process.nextTick(() => cb(err))
        return
      }
      throw err
    }
    return lookup.call(dns, hostname, ...rest)
  }
}
