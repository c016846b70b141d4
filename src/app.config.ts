/**
 * Pages, subpackages and tab bar. The main package holds the four tabs;
 * member, studio and staff pages are subpackages so the main package stays
 * small (WeChat limit 2 MB; our target 1 MB).
 */
import { CPPCC_NAME } from './core/county'

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/consult/index', 'pages/opinion/index', 'pages/mine/index', 'pages/topic/index', 'pages/activity/list/index', 'pages/activity/detail/index', 'pages/activity/checkin/index', 'pages/consultation/propose/index', 'pages/consultation/solved/index', 'pages/opinion/mine/index', 'pages/opinion/detail/index', 'pages/opinion/edit/index', 'pages/privacy/index', 'pages/activity/poster/index'],
  subPackages: [
    { root: 'member', pages: ['bind/index', 'activity-mine/index', 'activity-pass/index', 'messages/index'] },
    { root: 'studio', pages: ['detail/index', 'list/index', 'announcement/index', 'manage/index'] },
    { root: 'staff', pages: ['members/index', 'grants/index', 'activity-manage/index', 'activity-edit/index', 'topic/index', 'topic-moderation/index', 'opinion-review/index', 'opinion-detail/index', 'opinion-stats/index', 'opinion-categories/index', 'bulletin-compile/index', 'bulletin-list/index'] },
    { root: 'department', pages: ['tasks/index'] },
    { root: 'desk', pages: ['login/index', 'sessions/index'] },
    { root: 'proposal', pages: ['mine/index', 'detail/index', 'edit/index', 'public/index', 'public-detail/index', 'tasks/index', 'reply/index', 'review/index', 'assign/index', 'overdue/index'] },
    // 年度工作数据 (staff, leaders): F2 charts live only in this subpackage
    { root: 'year', pages: ['index/index', 'drill/index'] },
    { root: 'ledger', pages: ['mine/index', 'review/index'] },
    // 搜索 (public)
    { root: 'search', pages: ['index/index'] }
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#b8202a',
    navigationBarTitleText: CPPCC_NAME,
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5'
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#b8202a',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      { pagePath: 'pages/consult/index', text: '协商', iconPath: 'assets/tabbar/consult.png', selectedIconPath: 'assets/tabbar/consult-active.png' },
      { pagePath: 'pages/opinion/index', text: '反映', iconPath: 'assets/tabbar/opinion.png', selectedIconPath: 'assets/tabbar/opinion-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tabbar/mine.png', selectedIconPath: 'assets/tabbar/mine-active.png' }
    ]
  },
  // Let WeChat pre-fetch the subpackages people open from a tab.
  preloadRule: {
    'pages/mine/index': { network: 'all', packages: ['member'] },
    'pages/index/index': { network: 'wifi', packages: ['studio'] }
  },
  lazyCodeLoading: 'requiredComponents',
  // WeChat's privacy flow: services/privacy.ts answers onNeedPrivacyAuthorization.
  __usePrivacyCheck__: true
})
