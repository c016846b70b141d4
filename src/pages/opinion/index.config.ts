export default definePageConfig({
  navigationBarTitleText: '社情民意'
})
