export default definePageConfig({ navigationBarTitleText: '社区兑换品' })
