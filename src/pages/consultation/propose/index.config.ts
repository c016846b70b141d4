export default definePageConfig({ navigationBarTitleText: '提出协商议题' })
