export default definePageConfig({ navigationBarTitleText: '服务地图', enablePullDownRefresh: true })
