/**
 * Mini-program transport: `Taro.cloud.callFunction` to the configured cloud
 * env (`CLOUD_ENV_ID`, from config/cloud.ts). The only file of the app that
 * touches `Taro.cloud` (with `uploadFile` below).
 */
import Taro from '@tarojs/taro'
import type { Transport } from './transports'

let initialised = false

function ensureCloud(): void {
  if (initialised) return
  Taro.cloud.init({ env: CLOUD_ENV_ID, traceUser: true })
  initialised = true
}

export const weappTransport: Transport = {
  async callFunction({ fn, action, payload, requestId }) {
    ensureCloud()
    const res = await Taro.cloud.callFunction({ name: fn, data: { action, payload, requestId } })
    return res.result
  },
  async uploadFile(file, cloudPath) {
    ensureCloud()
    if (typeof file !== 'string') throw new Error('weapp uploadFile needs a local file path')
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: file })
    return { fileID: res.fileID }
  }
}
