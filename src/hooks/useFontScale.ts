import { useCareMode } from './useCareMode'

/**
 * Text scale from the user's WeChat font setting: `fontSizeSetting / 17`,
 * clamped to [1, 2], on iOS; 1 on Android, where WeChat scales page text
 * itself (so we must not block it: no `text-size-adjust: none`). See
 * useCareMode.ts for the rule and src/components/theme.scss for its use.
 */
export function useFontScale(): number {
  return useCareMode().scale
}
