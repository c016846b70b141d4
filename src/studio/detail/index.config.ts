export default definePageConfig({ navigationBarTitleText: '委员工作室', enablePullDownRefresh: true, enableShareAppMessage: true, enableShareTimeline: true })
