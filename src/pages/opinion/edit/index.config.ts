export default definePageConfig({ navigationBarTitleText: '修改后重新提交' })
