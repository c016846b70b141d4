export default definePageConfig({ navigationBarTitleText: '问题解决榜', enablePullDownRefresh: true, enableShareAppMessage: true, enableShareTimeline: true })
