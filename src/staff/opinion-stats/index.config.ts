export default definePageConfig({ navigationBarTitleText: '社情民意统计', enablePullDownRefresh: true })
