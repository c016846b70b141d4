export default definePageConfig({ navigationBarTitleText: '工作室管理', enablePullDownRefresh: true })
