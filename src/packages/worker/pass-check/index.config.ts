export default definePageConfig({ navigationBarTitleText: '核验小哥码' })
