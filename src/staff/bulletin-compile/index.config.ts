export default definePageConfig({ navigationBarTitleText: '编辑专刊', enablePullDownRefresh: true })
