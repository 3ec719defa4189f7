export default definePageConfig({ navigationBarTitleText: '微事我言' })
