/** Sample input for the public search (issue 12 item 8): a word the demo county's topics, activities and studios share. */
export const searchSamples = {
  'search.query': { text: '花生', limit: 5 }
} as const
