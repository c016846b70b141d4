/**
 * Boots the compiled mini-program (dist/weapp) inside miniprogram-simulate
 * (stack-notes.md): a `wx` object (miniprogram-simulate's API mock plus what
 * Taro and our app call, with `wx.cloud` supplied by the test), `App` /
 * `getApp` / `getCurrentPages`, and `Page` mapped to `Component` so
 * j-component can render Taro's page with the official wxml compiler.
 *
 * The app boots once per test file (module cache): call `bootApp` in
 * `beforeAll`, then `renderPage` once per page you need.
 */
import fs from 'fs'
import path from 'path'

export const WEAPP_DIST = path.join(__dirname, '..', '..', '..', 'dist', 'weapp')

/** Throws a clear message when the weapp build is missing (npm test builds it first). */
export function assertWeappBuild(): void {
  for (const file of ['app.js', 'app.json', 'base.wxml', 'pages/index/index.js']) {
    if (!fs.existsSync(path.join(WEAPP_DIST, file))) {
      throw new Error(`dist/weapp/${file} is missing. Build the mini-program first: npx taro build --type weapp (npm test does this).`)
    }
  }
}

export interface FakeCloud {
  init(options: { env?: string }): void
  callFunction(options: { name: string; data?: unknown }): Promise<{ result: unknown; errMsg: string }>
  uploadFile(options: { cloudPath: string; filePath: string }): Promise<{ fileID: string }>
}

export interface BootedApp {
  /** Every `wx.*` call the app made that the harness answered with a no-op, by API name. */
  calls: { api: string; args: unknown[] }[]
  /** Toasts shown (`wx.showToast`) in order. */
  toasts: string[]
}

type AnyRecord = Record<string, any>
let booted: BootedApp | undefined
let app: AnyRecord | undefined
const pages: AnyRecord[] = []
let loadingRoute = ''
let loadingQuery: Record<string, string> = {}

/** Converts Taro's page definition into a component definition j-component accepts. */
function pageToComponent(def: AnyRecord): AnyRecord {
  const methods: AnyRecord = {}
  const fields: AnyRecord = {}
  for (const [key, value] of Object.entries(def)) {
    if (key === 'data') continue
    if (typeof value === 'function') methods[key] = value
    else fields[key] = value
  }
  const route = loadingRoute
  const query = loadingQuery
  return {
    data: def.data ?? {},
    methods,
    lifetimes: {
      attached(this: AnyRecord) {
        Object.assign(this, fields)
        this.route = route
        this.__route__ = route
        this.options = query
        pages.push(this)
        this.onLoad?.(query)
        this.onShow?.()
      },
      ready(this: AnyRecord) {
        this.onReady?.()
      },
      detached(this: AnyRecord) {
        const i = pages.indexOf(this)
        if (i >= 0) pages.splice(i, 1)
        this.onUnload?.()
      }
    }
  }
}

/**
 * Gives this Node process the browser globals miniprogram-simulate and
 * j-component use, from one jsdom window. Call after anything that must see
 * a plain Node environment (the emulator, the SDK) has started.
 */
function installDom(): void {
  const g = global as AnyRecord
  if (g.window) return
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { JSDOM } = require('jsdom')
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true, url: 'http://localhost/' })
  const w = dom.window
  g.window = w
  for (const key of ['document', 'navigator', 'Node', 'Element', 'HTMLElement', 'Event', 'CustomEvent', 'MouseEvent', 'KeyboardEvent', 'TouchEvent', 'DocumentFragment', 'Text', 'Comment', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame', 'MutationObserver', 'HTMLStyleElement']) {
    if (w[key] !== undefined && g[key] === undefined) g[key] = typeof w[key] === 'function' && /^[a-z]/.test(key) ? w[key].bind(w) : w[key]
  }
}

/** Loads dist/weapp/app.js with `cloud` as `wx.cloud` (and `extraWx` added to `wx`, e.g. the privacy API), and launches the app. */
export function bootApp(cloud: FakeCloud, extraWx: Record<string, unknown> = {}): BootedApp {
  if (booted) return booted
  assertWeappBuild()
  const g = global as AnyRecord
  installDom()
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  require('miniprogram-simulate') // installs global.wx (API mock) and Component
  const state: BootedApp = { calls: [], toasts: [] }
  const record = (api: string, result: unknown = undefined) => (...args: unknown[]) => {
    state.calls.push({ api, args })
    const options = args[0] as AnyRecord | undefined
    options?.success?.({ errMsg: `${api}:ok` })
    options?.complete?.({ errMsg: `${api}:ok` })
    return result ?? Promise.resolve({ errMsg: `${api}:ok` })
  }
  const storage = new Map<string, unknown>()
  Object.assign(g.wx, {
    cloud,
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    showToast: (options: AnyRecord) => {
      state.toasts.push(String(options?.title ?? ''))
      return record('showToast')(options)
    },
    showModal: record('showModal', Promise.resolve({ confirm: false, cancel: true })),
    showLoading: record('showLoading'),
    hideLoading: record('hideLoading'),
    stopPullDownRefresh: record('stopPullDownRefresh'),
    navigateTo: record('navigateTo'),
    navigateBack: record('navigateBack'),
    switchTab: record('switchTab'),
    redirectTo: record('redirectTo'),
    reLaunch: record('reLaunch'),
    setClipboardData: record('setClipboardData'),
    setNavigationBarTitle: record('setNavigationBarTitle'),
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    onAppShow: () => undefined,
    onAppHide: () => undefined,
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 48, right: 368, bottom: 80, left: 281 }),
    ...extraWx
  })
  g.App = (config: AnyRecord) => {
    app = config
  }
  g.getApp = () => app
  g.getCurrentPages = () => pages
  g.Page = (def: AnyRecord) => g.Component(pageToComponent(def))
  g.requirePlugin = () => ({})
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  require(path.join(WEAPP_DIST, 'app.js'))
  if (!app) throw new Error('dist/weapp/app.js did not call App()')
  const launch = { path: 'pages/index/index', query: {}, scene: 1001 }
  app.onLaunch?.(launch)
  app.onShow?.(launch)
  booted = state
  return state
}

/** Renders one page (route like `pages/index/index`) attached to the jsdom document; returns the j-component instance. */
export function renderPage(route: string, query: Record<string, string> = {}) {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const simulate = require('miniprogram-simulate')
  loadingRoute = route
  loadingQuery = query
  const id = simulate.load(path.join(WEAPP_DIST, route), { rootPath: WEAPP_DIST })
  const page = simulate.render(id)
  const parent = document.createElement('div')
  document.body.appendChild(parent)
  page.attach(parent)
  return page as { dom: HTMLElement; instance: AnyRecord; detach(): void }
}

/** Waits until `predicate()` is true, checking every 50 ms; throws with `describe()` after `timeoutMs`. */
export async function until(predicate: () => boolean, describe: () => string, timeoutMs = 20000): Promise<void> {
  const started = Date.now()
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting: ${describe()}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/**
 * One booted weapp per test file, as `persona`: an in-memory local cloud with
 * the demo county, `wx.cloud.callFunction` answered by the real functions
 * (every call recorded in `events`, every `init` in `initCalls`).
 */
export function useWeappWithCloud(persona: 'public' | 'member' | 'informant' | 'studio_admin' | 'staff' | 'department', options: { wx?: Record<string, unknown> } = {}) {
  const state = {
    emulator: undefined as unknown as import('../../../emulator').Emulator,
    events: [] as { name: string; data: any }[],
    initCalls: [] as { env?: string }[],
    openid: ''
  }
  beforeAll(async () => {
    assertWeappBuild()
    const { personas } = await import('../../../src/dev/personas')
    const { startDemoCloud } = await import('../../browser/support/demo-cloud')
    state.openid = personas.find((p) => p.key === persona)!.openid
    state.emulator = await startDemoCloud()
    bootApp({
      init: (options) => void state.initCalls.push(options),
      async callFunction({ name, data }) {
        state.events.push({ name, data })
        const { result } = await state.emulator.invoke(name, data, { openid: state.openid })
        return { result, errMsg: 'cloud.callFunction:ok' }
      },
      async uploadFile() {
        throw new Error('uploads are not used in this test')
      }
    }, options.wx)
  })
  afterAll(async () => {
    await state.emulator?.stop()
  })
  return state
}
