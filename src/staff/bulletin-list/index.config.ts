export default definePageConfig({ navigationBarTitleText: '《社情民意》专刊', enablePullDownRefresh: true })
