export default definePageConfig({ navigationBarTitleText: '委员名册', enablePullDownRefresh: true })
