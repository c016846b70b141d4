export default definePageConfig({ navigationBarTitleText: '提案公开', enablePullDownRefresh: true })
