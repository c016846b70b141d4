/**
 * 信息类别 (staff): the list people choose from when they submit. Add,
 * rename, reorder, stop using (items keep the name they were filed under).
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PageShell, StateView, Section, Button, Input } from '../../components'
import { useAction, useMutation } from '../../hooks'
import './index.scss'
import { clampCharacters } from '../../core/text'

export default function OpinionCategories() {
  const list = useAction('opinion.categories', { all: true })
  const save = useMutation('opinion.saveCategory')
  const [name, setName] = useState('')

  const run = async (input: { id?: string; name: string; active?: boolean; sortKey?: number }, toast: string) => {
    try {
      await save.run(input)
      void Taro.showToast({ title: toast, icon: 'success' }).catch(() => undefined)
      await list.reload()
      return true
    } catch {
      return false
    }
  }

  return (
    <PageShell back title='信息类别'>
      <Section title='新增类别'>
        <View className='cats__form'>
          <Input placeholder='类别名称，如：城乡建设' value={name} onChange={(v: string) => setName(clampCharacters(v, 20))} />
          {save.error ? <Text className='cats__error'>{save.error.message}</Text> : null}
          <Button block type='primary' className='cats__button' loading={save.pending} onClick={() => void run({ name, sortKey: ((list.data?.items.length ?? 0) + 1) * 10 }, '已添加').then((ok) => ok && setName(''))}>
            添加
          </Button>
        </View>
      </Section>
      <Section title='全部类别'>
        <StateView loading={list.loading} error={list.error} onRetry={() => void list.reload()} empty={list.data?.items.length === 0} emptyText='还没有类别'>
          {(list.data?.items ?? []).map((c) => (
            <View key={c.id} className='cats__row'>
              <Text className={c.active ? '' : 'cats__inactive'}>
                {c.name}
                {c.active ? '' : '（已停用）'}
              </Text>
              <View className='cats__action' role='button' onClick={() => void run({ id: c.id, name: c.name, active: !c.active }, c.active ? '已停用' : '已启用')}>
                <Text>{c.active ? '停用' : '启用'}</Text>
              </View>
            </View>
          ))}
        </StateView>
      </Section>
    </PageShell>
  )
}
