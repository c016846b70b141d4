/**
 * 编辑专刊 (staff): pick adopted items (every page of them: 加载更多 goes past
 * 100), name the editor and approver, compile. The server gives the issue
 * the next number of the Beijing year and writes the .docx; the page shows
 * 第N期 and a download link.
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { OPINION_LIMITS } from '../../core/actions/opinion'
import { showDayTime } from '../../core/dates'
import { PageShell, StateView, Section, LoadMoreFooter, Button, Input } from '../../components'
import { useMutation, usePagedList, navigate } from '../../hooks'
import { openBulletin } from '../bulletin-list/open'
import './index.scss'
import { clampCharacters } from '../../core/text'

export default function BulletinCompile() {
  const list = usePagedList('opinion.reviewList', { state: 'adopted' }, { pullDownRefresh: true, reachBottom: true })
  const compile = useMutation('bulletin.compile')
  const download = useMutation('bulletin.download')
  const [picked, setPicked] = useState<string[]>([])
  const [editor, setEditor] = useState('')
  const [approver, setApprover] = useState('')

  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]))
  const allShown = list.items.length > 0 && list.items.every((i) => picked.includes(i.id))

  const run = async () => {
    try {
      await compile.run({ itemIds: picked, editor, approver })
      setPicked([])
      await list.refresh()
    } catch {
      /* shown inline */
    }
  }

  if (compile.data) {
    const b = compile.data
    return (
      <PageShell back title='编辑专刊'>
        <View className='compile__done' role='status'>
          <Text className='compile__done-title'>{b.title}已生成</Text>
          <Text className='compile__sub'>
            共 {b.itemCount} 条信息 · {b.date} · 编辑：{b.editor} · 签发：{b.approver}
          </Text>
          <Button block type='primary' className='compile__button' loading={download.pending} onClick={() => void openBulletin(download, b.id)}>
            下载专刊（Word）
          </Button>
          {download.error ? <Text className='compile__error'>{download.error.message}</Text> : null}
          <Button block fill='outline' className='compile__button' onClick={() => compile.reset()}>
            继续编辑下一期
          </Button>
          <Button block fill='outline' className='compile__button' onClick={() => void navigate('/staff/bulletin-list/index', { replace: true })}>
            查看全部专刊
          </Button>
        </View>
      </PageShell>
    )
  }

  return (
    <PageShell back title='编辑专刊'>
      <Section title={`已采用的信息（已选 ${picked.length} 条，一期最多 ${OPINION_LIMITS.bulletinItems} 条）`} extra={allShown ? '取消全选' : '全选已加载'} onExtra={() => setPicked(allShown ? [] : [...new Set([...picked, ...list.items.map((i) => i.id)])])}>
        <StateView loading={list.loading} error={list.error} onRetry={() => void list.retry()} empty={list.empty} emptyText='暂无已采用、待编入专刊的信息'>
          <View className='compile__list'>
            {list.items.map((item) => (
              <View key={item.id} className={`compile__item${picked.includes(item.id) ? ' compile__item--on' : ''}`} role='checkbox' aria-checked={picked.includes(item.id)} onClick={() => toggle(item.id)}>
                <Text className='compile__check'>{picked.includes(item.id) ? '☑' : '☐'}</Text>
                <View className='compile__text'>
                  <Text className='compile__title'>
                    {item.key ? <Text className='compile__key'>重点 </Text> : null}
                    {item.title}
                  </Text>
                  <Text className='compile__sub'>
                    {item.categoryName} · {showDayTime(item.receivedAt)} · {item.submitter}
                  </Text>
                </View>
              </View>
            ))}
          </View>
          <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.retry()} count={list.items.length} />
        </StateView>
      </Section>
      <Section title='本期信息'>
        <View className='compile__form'>
          <Text className='compile__label'>编辑</Text>
          <Input placeholder='编辑姓名' value={editor} onChange={(v: string) => setEditor(clampCharacters(v, 20))} />
          <Text className='compile__label'>签发</Text>
          <Input placeholder='签发人姓名' value={approver} onChange={(v: string) => setApprover(clampCharacters(v, 20))} />
          {compile.error ? (
            <View className='compile__error' role='alert'>
              <Text>{compile.error.message}</Text>
            </View>
          ) : null}
          <Button block type='primary' className='compile__button' loading={compile.pending} disabled={compile.pending || picked.length === 0} onClick={() => void run()}>
            {picked.length ? `生成专刊（${picked.length} 条）` : '请先选择信息'}
          </Button>
        </View>
      </Section>
    </PageShell>
  )
}
