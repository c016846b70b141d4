/**
 * THE one place for the mini-program AppID and the cloud environment id.
 *
 * Both come from environment variables so a deployer never edits code:
 *   TARO_APP_ID         WeChat mini-program AppID (default `touristappid`, the
 *                       DevTools tourist id: no real cloud, fine for local work)
 *   TARO_APP_CLOUD_ENV  CloudBase environment id used by `Taro.cloud.init({env})`
 *                       (default `cppcc-local`, the id the local emulator answers to)
 * Set them in the shell or in a git-ignored `.env.local` / `.env.production`
 * file at the repo root (Taro loads `.env*` files; only `TARO_APP_*` names are
 * read). The build injects them into the app as the constants `APP_ID` and
 * `CLOUD_ENV_ID` (see `config/index.ts`, `types/global.d.ts`) and writes the
 * AppID into the root `project.config.json` so WeChat DevTools uses the same one.
 */
export interface CloudSettings {
  /** Mini-program AppID, e.g. `wx0123456789abcdef`. */
  appId: string
  /** CloudBase env id, e.g. `cppcc-prod-1a2b3c`. */
  envId: string
}

export const DEFAULT_APP_ID = 'touristappid'
export const DEFAULT_CLOUD_ENV = 'cppcc-local'

/** Reads the settings from `process.env` (after Taro loaded the `.env*` files). */
export function cloudSettings(env: NodeJS.ProcessEnv = process.env): CloudSettings {
  return {
    appId: env.TARO_APP_ID || DEFAULT_APP_ID,
    envId: env.TARO_APP_CLOUD_ENV || DEFAULT_CLOUD_ENV
  }
}
