import type { MeOutput } from '@/core/actions/user'
import type { StudioSummary } from '@/core/actions/studio'
import type { TopicSummary } from '@/core/actions/topic'

export const publicMe: MeOutput = { openid: 'oTestPublic0001', roles: ['public'], studioIds: [], departmentIds: [] }
export const memberMe: MeOutput = {
  openid: 'oTestMember0001',
  roles: ['public', 'member'],
  studioIds: [],
  departmentIds: [],
  member: { id: 'm001', name: '林晓梅', sector: '教育界' }
}
export const staffMe: MeOutput = { openid: 'oTestStaff0001', roles: ['public', 'staff'], studioIds: [], departmentIds: [] }

export const studios: StudioSummary[] = [
  { id: 's01', name: '城关镇委员工作室', town: '城关镇', address: '城关镇人民路 8 号', openingHours: '每周三 9:00-11:30', memberCount: 6, shared: false },
  { id: 's02', name: '东湖街道委员联络站', town: '东湖街道', address: '东湖社区服务中心二楼', openingHours: '每月 15 日', memberCount: 4, shared: true }
]

export const topics: TopicSummary[] = [
  { id: 't01', title: '绕阳河源头治理', category: '生态环境', state: 'proposed', supportCount: 12, commentCount: 3, proposedAt: '2026-09-01T02:00:00.000Z', updatedAt: '2026-10-01T02:00:00.000Z' },
  { id: 't02', title: '学校周边交通拥堵', category: '城市管理', state: 'following_up', supportCount: 30, commentCount: 8, organiser: '城关镇委员工作室', proposedAt: '2026-05-01T02:00:00.000Z', updatedAt: '2026-09-12T02:00:00.000Z' }
]
