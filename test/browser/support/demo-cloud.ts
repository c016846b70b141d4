/**
 * An in-memory local cloud with the demo county loaded, for the UI tests
 * (browser and miniprogram-simulate). Loads the data through the real
 * wx-server-sdk in this process, as `npm start` does.
 */
import { startEmulator, type Emulator, type StartOptions } from '../../../emulator'

export async function startDemoCloud(options: StartOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator({ memory: true, quiet: true, ...options })
  Object.assign(process.env, emulator.env())
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const cloud = require('wx-server-sdk')
  cloud.init({ env: emulator.envId })
  const { loadDemoData } = await import('../../../database/demo/load')
  await loadDemoData(cloud.database())
  return emulator
}
