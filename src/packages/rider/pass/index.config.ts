export default definePageConfig({ navigationBarTitleText: '小哥码', navigationBarBackgroundColor: '#ff7a00', navigationBarTextStyle: 'white' })
