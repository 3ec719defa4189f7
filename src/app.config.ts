const tab = (name: string) => ({
  iconPath: `assets/tab/${name}.png`,
  selectedIconPath: `assets/tab/${name}-active.png`,
})

export default defineAppConfig({
  pages: ['pages/map/index', 'pages/suggestions/index', 'pages/points/index', 'pages/me/index'],
  // One subpackage per domain, declared once it has a real page.
  subPackages: [
    { root: 'packages/worker', pages: ['index/index', 'merchants/index', 'merchant-manage/index', 'places/index', 'place-edit/index', 'activities/index', 'activity-edit/index', 'activity/index', 'identity-review/index', 'pass-check/index', 'admin/index', 'suggestions/index', 'suggestion/index', 'mall-items/index', 'mall-item/index', 'voucher-check/index', 'compound-flags/index', 'compound-edit/index'] },
    { root: 'packages/rider', pages: ['privacy/index', 'verify/index', 'pass/index', 'invite/index'] },
    { root: 'packages/places', pages: ['detail/index'] },
    { root: 'packages/compounds', pages: ['guide/index'] },
    { root: 'packages/suggestions', pages: ['new/index', 'detail/index'] },
    { root: 'packages/volunteer', pages: ['list/index', 'detail/index', 'record/index', 'certificate/index'] },
    { root: 'packages/mall', pages: ['index/index', 'item/index', 'vouchers/index', 'voucher/index'] },
    { root: 'packages/merchant', pages: ['index/index', 'apply/index', 'item/index', 'verify/index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '小哥驿站',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
    // WeChat's own bar on weapp (its default); on h5 it makes Taro draw the same bar — each page's
    // navigationBarTitleText, and a back (or home, when the page was opened directly) button
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#7a7e87',
    selectedColor: '#ff7a00',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/map/index', text: '服务地图', ...tab('map') },
      { pagePath: 'pages/suggestions/index', text: '微事我言', ...tab('suggestions') },
      { pagePath: 'pages/points/index', text: '积分', ...tab('points') },
      { pagePath: 'pages/me/index', text: '我的', ...tab('me') },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
  // Privacy: the first privacy-sensitive call raises onNeedPrivacyAuthorization (see components/PrivacyPopup).
  __usePrivacyCheck__: true,
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': {
      // at most 30 characters (checked by scripts/check-weapp-config.ts); the full purpose is in
      // the 《用户隐私保护指引》 (README, deploy step), which is what WeChat shows on a phone
      desc: '用于查找附近的骑手驿站，并确认签到时已到达',
    },
  },
})
