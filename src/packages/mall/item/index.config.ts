export default definePageConfig({ navigationBarTitleText: '兑换品详情', enablePullDownRefresh: true })
