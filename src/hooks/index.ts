export { useAction, usePagedList, useMutation } from './useAction'
export type { ActionState, PagedListState, MutationState, PagedActionName, PageItem } from './useAction'
export { useMe } from './useMe'
export { useFontScale } from './useFontScale'
