/**
 * Shared set-up for the function host / storage / open API suites: an
 * in-memory emulator whose functions are the fixtures under
 * test/emulator/fixtures/functions (TypeScript, bundled on the fly).
 */
import path from 'path'
import { startEmulator, type Emulator, type StartOptions } from '../../emulator'

export const FIXTURES = path.join(__dirname, 'fixtures', 'functions')

/** Start a quiet in-memory emulator serving the fixture functions. */
export function startFixtureEmulator(options: StartOptions = {}): Promise<Emulator> {
  return startEmulator({ memory: true, quiet: true, functionsDir: FIXTURES, ...options })
}
