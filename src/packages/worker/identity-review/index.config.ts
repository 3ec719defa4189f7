export default definePageConfig({ navigationBarTitleText: '骑手认证审核', enablePullDownRefresh: true })
