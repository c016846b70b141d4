export default definePageConfig({ navigationBarTitleText: '社情民意审核', enablePullDownRefresh: true })
