/* eslint-disable */
/**
 * Worker thread that runs cloud functions, one invocation at a time
 * (single-flight; the host never sends a second 'invoke' before the first
 * answered). Plain CommonJS on purpose: workers do not go through tsx/jest
 * transforms.
 *
 * workerData: { expectedAdminPrefix: 'http://127.0.0.1:<port>/admin',
 *               sdkPath: the project's wx-server-sdk (fallback when the bundle has none) }
 * The worker's process.env is the one the host passed in `new Worker(.., {env})`
 * (the SDK variables pointing at the emulator plus deploy variables). Before
 * each invocation the host sends the invocation's own variables (WX_OPENID,
 * WX_APPID, WX_UNIONID, WX_CONTEXT_KEYS, TCB_SOURCE, TCB_CONTEXT_CNFG with the
 * invocation's admin URL); the previous invocation's are removed first, so a
 * reused worker never leaks one caller's identity to the next.
 *
 * Messages in:  {type:'invoke', id, entry (absolute path of the bundled index.js), event, context, env}
 * Messages out: {type:'ready'} | {type:'init-error', error} | {type:'result', id, ok:true, json}
 *             | {type:'result', id, ok:false, error:{name, message, stack}}
 */
const { parentPort, workerData } = require('worker_threads')
const net = require('net')

// --- Network guard: a function may only talk to this machine (loopback). ---
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '::ffff:127.0.0.1'])
const origConnect = net.Socket.prototype.connect
net.Socket.prototype.connect = function guardedConnect(...args) {
  let opts = args[0]
  let host
  if (Array.isArray(opts)) opts = opts[0]
  if (opts && typeof opts === 'object') {
    if (opts.path) return origConnect.apply(this, args)
    host = opts.host
  } else if (typeof opts === 'number' || (typeof opts === 'string' && /^\d+$/.test(opts))) {
    host = typeof args[1] === 'string' ? args[1] : 'localhost'
  } else if (typeof opts === 'string') {
    return origConnect.apply(this, args) // unix socket path
  }
  if (host === undefined || host === null || host === '') host = 'localhost'
  if (!LOOPBACK.has(String(host))) {
    const err = new Error(`local cloud emulator: connection to ${host} refused (functions may only reach 127.0.0.1)`)
    err.code = 'ECONNREFUSED'
    process.nextTick(() => this.destroy(err))
    return this
  }
  return origConnect.apply(this, args)
}

// --- wx-server-sdk resolution: a bundle outside the project (e.g. a dist folder
// in a temp dir) without its own node_modules gets the project's copy, the
// version package.json pins. A bundle that ships its own copy keeps it.
const Module = require('module')
const origResolve = Module._resolveFilename
Module._resolveFilename = function resolveWithSdkFallback(request, parent, ...rest) {
  try {
    return origResolve.call(this, request, parent, ...rest)
  } catch (e) {
    if (request === 'wx-server-sdk' && workerData.sdkPath) return workerData.sdkPath
    throw e
  }
}

let previousKeys = []
// The worker's own variables (SDK pointed at the plain /admin URL, deploy
// variables): restored after each invocation so work a function leaves running
// after it returns still reaches this emulator, but with no caller identity.
const baseEnv = Object.assign({}, process.env)

function applyInvocationEnv(env) {
  for (const k of previousKeys) {
    if (baseEnv[k] !== undefined) process.env[k] = baseEnv[k]
    else delete process.env[k]
  }
  previousKeys = []
  for (const [k, v] of Object.entries(env || {})) {
    if (v === undefined || v === null) {
      delete process.env[k]
    } else {
      process.env[k] = String(v)
      previousKeys.push(k)
    }
  }
}

function checkPointedAtEmulator() {
  let url = ''
  try {
    url = JSON.parse(process.env.TCB_CONTEXT_CNFG || '{}').URL || ''
  } catch (e) {
    url = ''
  }
  if (!url.startsWith(workerData.expectedAdminPrefix)) {
    throw new Error(
      `local cloud emulator: refusing to run, the SDK URL (${url || 'unset'}) does not point at this emulator (${workerData.expectedAdminPrefix})`
    )
  }
}

function serializeError(e) {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack || String(e) }
  if (e && typeof e === 'object') {
    let message
    try {
      message = JSON.stringify(e)
    } catch (_) {
      message = String(e)
    }
    return { name: 'Error', message, stack: message }
  }
  return { name: 'Error', message: String(e), stack: String(e) }
}

// Warm-up (the cloud's init phase, not counted against any timeout): load the
// SDK once per worker. Function bundles are loaded on first use and cached by
// path; a re-bundled function has a new path, so it is loaded fresh. Module top
// level must not read the caller's identity (WeChat: never call getWXContext
// outside main).
let initOk = true
try {
  require(workerData.sdkPath || 'wx-server-sdk')
} catch (e) {
  initOk = false
  parentPort.postMessage({ type: 'init-error', error: serializeError(e) })
}

parentPort.on('message', async (msg) => {
  if (!msg || msg.type !== 'invoke') return
  const { id } = msg
  try {
    applyInvocationEnv(msg.env)
    checkPointedAtEmulator()
    const mod = require(msg.entry)
    const main = mod && (mod.main || (mod.default && mod.default.main))
    if (typeof main !== 'function') throw new Error(`cloud function ${msg.entry} does not export main(event, context)`)
    const value = await main(msg.event, msg.context)
    let json
    try {
      json = value === undefined ? 'null' : JSON.stringify(value)
      if (json === undefined) json = 'null'
    } catch (e) {
      throw new Error(`cloud function result is not JSON-serialisable: ${e && e.message}`)
    }
    parentPort.postMessage({ type: 'result', id, ok: true, json })
  } catch (e) {
    parentPort.postMessage({ type: 'result', id, ok: false, error: serializeError(e) })
  } finally {
    // Drop the caller's identity as soon as the invocation answered.
    applyInvocationEnv({})
  }
})

process.on('unhandledRejection', (reason) => {
  // The cloud logs these and keeps the instance; so do we (the host prints worker stderr).
  console.error('[cloud function] unhandled rejection:', reason)
})

if (initOk) parentPort.postMessage({ type: 'ready' })
