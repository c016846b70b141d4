import { View } from '@tarojs/components'
import { roleLabels, type Role } from '../core/roles'
import { Tag } from './nut'

/** The caller's roles as tags, in Chinese (群众 always first). */
export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const shown: Role[] = ['public', ...roles.filter((r) => r !== 'public')]
  return (
    <View className='role-tags'>
      {shown.map((role) => (
        <Tag key={role} type={role === 'public' ? 'default' : 'primary'} style={{ marginRight: '8px', marginBottom: '4px' }}>
          {roleLabels[role]}
        </Tag>
      ))}
    </View>
  )
}
