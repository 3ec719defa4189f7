export default definePageConfig({ navigationBarTitleText: '小区通行指引' })
