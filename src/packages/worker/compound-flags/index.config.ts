export default definePageConfig({ navigationBarTitleText: '小区通行反馈', enablePullDownRefresh: true })
