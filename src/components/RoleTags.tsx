import { View } from '@tarojs/components'
import { roleLabels, type Role } from '../core/roles'
import { Badge } from './Badge'

/** The caller's roles as labels, in Chinese (群众 always first). */
export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const shown: Role[] = ['public', ...roles.filter((r) => r !== 'public')]
  return (
    <View className='role-tags' style={{ display: 'flex', flexWrap: 'wrap' }}>
      {shown.map((role) => (
        <Badge key={role} tone={role === 'public' ? 'muted' : 'primary'}>
          {roleLabels[role]}
        </Badge>
      ))}
    </View>
  )
}
