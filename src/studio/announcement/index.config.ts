export default definePageConfig({ navigationBarTitleText: '工作室公告', enableShareAppMessage: true, enableShareTimeline: true })
