export default definePageConfig({ navigationBarTitleText: '活动名单', enablePullDownRefresh: true })
