export default definePageConfig({ navigationBarTitleText: '履职异议与申报', enablePullDownRefresh: true })
