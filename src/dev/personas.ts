/**
 * Development personas: fixed OPENIDs that the demo data grants roles to and
 * that the H5 persona switcher sends to the local cloud. Only development
 * builds import this file; production bundles must not contain it (a test
 * checks the built bundle for these OPENIDs).
 */
export interface Persona {
  key: 'public' | 'member' | 'informant' | 'studio_admin' | 'staff' | 'department' | 'leader'
  /** Shown in the switcher. */
  label: string
  /** Who this is in the demo data. */
  description: string
  openid: string
}

export const personas: readonly Persona[] = [
  { key: 'public', label: '群众', description: '未登记的普通微信用户', openid: 'oDemoPublic0000000000000001' },
  { key: 'member', label: '委员', description: '已绑定名册的县政协委员', openid: 'oDemoMember0000000000000001' },
  { key: 'informant', label: '信息员', description: '登记的社情民意信息员', openid: 'oDemoInformant00000000000001' },
  { key: 'studio_admin', label: '工作室管理员', description: '管理一个委员工作室', openid: 'oDemoStudioAdmin000000000001' },
  { key: 'staff', label: '机关工作人员', description: '政协办公室，负责审核、编报和授权', openid: 'oDemoStaff00000000000000001' },
  { key: 'department', label: '承办单位', description: '县教育局的办理人员，答复协商建议', openid: 'oDemoDepartment0000000000001' },
  { key: 'leader', label: '领导', description: '县政协主席、副主席，查看全年工作数据（只读）', openid: 'oDemoLeader00000000000000001' }
]

export const defaultPersona = personas[0]
