export default definePageConfig({ navigationBarTitleText: '超期提案', enablePullDownRefresh: true })
