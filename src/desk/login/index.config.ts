export default definePageConfig({ navigationBarTitleText: '电脑端登录确认' })
