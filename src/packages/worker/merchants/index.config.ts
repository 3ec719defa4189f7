export default definePageConfig({ navigationBarTitleText: '爱心商家审核', enablePullDownRefresh: true })
