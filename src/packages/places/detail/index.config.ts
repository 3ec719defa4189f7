export default definePageConfig({ navigationBarTitleText: '地点详情', enablePullDownRefresh: true, enableShareAppMessage: true })
