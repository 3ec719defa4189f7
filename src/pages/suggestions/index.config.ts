export default definePageConfig({ navigationBarTitleText: '微事我言', enablePullDownRefresh: true })
