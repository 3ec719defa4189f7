export default definePageConfig({ navigationBarTitleText: '微事我言 · 待办', enablePullDownRefresh: true })
