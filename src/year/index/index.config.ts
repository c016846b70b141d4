export default definePageConfig({ navigationBarTitleText: '年度工作数据', enablePullDownRefresh: true })
