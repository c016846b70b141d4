import { CPPCC_NAME } from '../../core/county'

export default definePageConfig({
  navigationBarTitleText: CPPCC_NAME,
  enablePullDownRefresh: true
})
