export default definePageConfig({
  navigationBarTitleText: '县政协',
  enablePullDownRefresh: true
})
