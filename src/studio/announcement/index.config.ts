export default definePageConfig({ navigationBarTitleText: '工作室公告' })
