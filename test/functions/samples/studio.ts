/** Sample inputs for the studio actions added by issue 5 (studio.list / studio.get samples live in ./user.ts). */
export const studioSamples = {} as const
