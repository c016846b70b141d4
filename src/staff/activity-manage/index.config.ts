export default definePageConfig({ navigationBarTitleText: '活动组织管理', enablePullDownRefresh: true })
