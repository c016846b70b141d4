export default definePageConfig({ navigationBarTitleText: '信息类别' })
