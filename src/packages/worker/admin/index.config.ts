export default definePageConfig({ navigationBarTitleText: '社区与授权', enablePullDownRefresh: true })
