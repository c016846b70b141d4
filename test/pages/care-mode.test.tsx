/** 长辈模式 (issue 12 item 6): the rule (WeChat font size, stored choice), the switch in 我的, and every page's root class. */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Mine from '@/pages/mine/index'
import { setTransport } from '@/services'
import { CARE_MODE_STORAGE_KEY, careModeFrom, resetCareModeForTests } from '@/hooks/useCareMode'
import { installFakeTransport } from './support/fake-transport'
import { memberMe } from './fixtures'

// The shared Taro stand-in lacks the storage APIs; give it taro-h5's (localStorage-backed) ones.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const taroH5 = require('@tarojs/taro-h5')
for (const api of ['getStorageSync', 'setStorageSync', 'removeStorageSync'] as const) {
  const tt = Taro as unknown as Record<string, unknown>
  if (typeof tt[api] !== 'function') tt[api] = taroH5[api]
}

type Info = { fontSizeSetting?: number; platform?: string }
const t = Taro as unknown as { getAppBaseInfo?: () => Info; getDeviceInfo?: () => Info }
const original = { base: t.getAppBaseInfo, device: t.getDeviceInfo }

/** WeChat's font setting as the phone would report it. */
function phone(info: Info) {
  t.getAppBaseInfo = () => ({ fontSizeSetting: info.fontSizeSetting })
  t.getDeviceInfo = () => ({ platform: info.platform })
  resetCareModeForTests()
}

afterEach(() => {
  setTransport(undefined)
  t.getAppBaseInfo = original.base
  t.getDeviceInfo = original.device
  Taro.removeStorageSync(CARE_MODE_STORAGE_KEY)
  resetCareModeForTests()
})

test('care mode follows WeChat large text on iOS and Android; iOS text scales, Android WeChat scales itself', () => {
  expect(careModeFrom({ fontSizeSetting: 17, platform: 'ios' }, null)).toMatchObject({ care: false, scale: 1 })
  expect(careModeFrom({ fontSizeSetting: 20, platform: 'ios' }, null).care).toBe(true)
  expect(careModeFrom({ fontSizeSetting: 20, platform: 'ios' }, null).scale).toBeCloseTo(20 / 17)
  expect(careModeFrom({ fontSizeSetting: 40, platform: 'ios' }, null).scale).toBe(2)
  expect(careModeFrom({ fontSizeSetting: 20, platform: 'android' }, null)).toMatchObject({ care: true, scale: 1 })
  // The person's own choice wins over WeChat's setting, both ways.
  expect(careModeFrom({ fontSizeSetting: 20, platform: 'ios' }, false).care).toBe(false)
  expect(careModeFrom({ fontSizeSetting: 17, platform: 'android' }, true).care).toBe(true)
  expect(careModeFrom({}, null)).toMatchObject({ care: false, scale: 1 })
})

test('the switch in 我的 turns care mode on for the page and remembers it on the device', async () => {
  phone({ fontSizeSetting: 17, platform: 'ios' })
  installFakeTransport({ 'user.me': () => memberMe })
  const { container, unmount } = render(<Mine />)
  const toggle = await screen.findByRole('switch', { name: '长辈模式' })
  expect(toggle.getAttribute('aria-checked')).toBe('false')
  expect(screen.getByText('已关闭')).toBeTruthy()
  expect(container.querySelector('.page-shell')!.className).not.toContain('app-care')

  fireEvent.click(toggle)
  await waitFor(() => expect(container.querySelector('.page-shell')!.className).toContain('app-care'))
  expect(toggle.getAttribute('aria-checked')).toBe('true')
  expect(screen.getByText('已开启')).toBeTruthy()
  expect(Taro.getStorageSync(CARE_MODE_STORAGE_KEY)).toBe('on')
  unmount()

  // Next start of the app: read back from storage.
  resetCareModeForTests()
  const again = render(<Mine />)
  await waitFor(() => expect(again.container.querySelector('.page-shell')!.className).toContain('app-care'))
})

test('with WeChat large text the page starts in care mode, says why, and can be switched off', async () => {
  phone({ fontSizeSetting: 22, platform: 'android' })
  installFakeTransport({ 'user.me': () => memberMe })
  const { container } = render(<Mine />)
  expect(await screen.findByText('已按微信字体大小自动开启')).toBeTruthy()
  const shell = container.querySelector('.page-shell') as HTMLElement
  expect(shell.className).toContain('app-care')
  // Android WeChat enlarges text itself: no second scale on top.
  expect(shell.style.getPropertyValue('--app-font-scale')).toBe('1')
  fireEvent.click(screen.getByRole('switch', { name: '长辈模式' }))
  await waitFor(() => expect(shell.className).not.toContain('app-care'))
  expect(Taro.getStorageSync(CARE_MODE_STORAGE_KEY)).toBe('off')
})

test('on iOS large text the page root carries the text scale', async () => {
  phone({ fontSizeSetting: 25.5, platform: 'ios' })
  installFakeTransport({ 'user.me': () => memberMe })
  const { container } = render(<Mine />)
  await screen.findByRole('switch', { name: '长辈模式' })
  expect((container.querySelector('.page-shell') as HTMLElement).style.getPropertyValue('--app-font-scale')).toBe('1.5')
})
