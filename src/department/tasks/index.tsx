/**
 * 建议办理 (department users): the recommendations addressed to the
 * caller's own departments (topic.departmentTasks, scoped on the server),
 * with a form to post progress and one to post the result (resolved /
 * partly resolved / planned / not feasible) with evidence and before/after
 * photos uploaded under the caller's own folder.
 */
import { useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import { topicResults, type DepartmentTask } from '../../core/actions/topic'
import { showDayTime } from '../../core/dates'
import { PageShell, StateView, LoadMoreFooter, Button, Badge, askFirst } from '../../components'
import { useMe, useMutation, usePagedList, navigate } from '../../hooks'
import { Chips, ErrorLine, ImagePicker, toast, topicResultLabels } from '../../pages/consultation/ui'
import '../../pages/consultation/ui.scss'
import { clampCharacters } from '../../core/text'

export default function DepartmentTasks() {
  const [status, setStatus] = useState<'open' | 'answered'>('open')
  const list = usePagedList('topic.departmentTasks', { status }, { pullDownRefresh: true, reachBottom: true })
  return (
    <PageShell back title='建议办理'>
      <Chips label='办理状态' options={[{ value: 'open', label: '待办理' }, { value: 'answered', label: '已答复' }]} value={status} onChange={(v) => setStatus(v as 'open' | 'answered')} />
      <StateView loading={list.loading} error={list.error} empty={list.empty} onRetry={() => void list.retry()} emptyText={status === 'open' ? '没有待办理的建议' : '还没有答复过的建议'}>
        {list.items.map((task) => (
          <Task key={task.recommendation.id} task={task} refresh={list.refresh} />
        ))}
        <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.loadMore()} count={list.items.length} />
      </StateView>
    </PageShell>
  )
}

function Task({ task, refresh }: { task: DepartmentTask; refresh: () => Promise<void> }) {
  const me = useMe()
  const r = task.recommendation
  const [progress, setProgress] = useState('')
  const [result, setResult] = useState<(typeof topicResults)[number]>()
  const [text, setText] = useState('')
  const [evidence, setEvidence] = useState<string[]>([])
  const [before, setBefore] = useState<string[]>([])
  const [after, setAfter] = useState<string[]>([])
  const post = useMutation('topic.postProgress')
  const answer = useMutation('topic.postResult')
  return (
    <View className='cx-card'>
      <View className='cx-row'>
        <View className='cx-link' role='link' onClick={() => void navigate(`/pages/topic/index?id=${task.topicId}`)}>
          <Text className='cx-title'>{task.topicTitle}</Text>
        </View>
        <Badge tone={r.status === 'open' ? 'primary' : 'success'}>
          {r.result ? topicResultLabels[r.result] : '待办理'}
        </Badge>
      </View>
      <Text className='cx-sub'>{r.departmentName}</Text>
      <Text className='cx-text'>{r.text}</Text>
      {r.progress.map((p, i) => (
        <View key={i} className='cx-step'>
          <Text className='cx-hint'>
            {showDayTime(p.at)}
            {p.held ? ' · 待人工审核，审核通过后公开' : ''}
          </Text>
          <Text className='cx-text'>{p.text}</Text>
        </View>
      ))}
      {r.status === 'open' ? (
        <View>
          <Text className='cx-label'>办理进展</Text>
          <Textarea className='cx-textarea' value={progress} maxlength={-1} placeholder='例如：已完成现场勘查' onInput={(e) => setProgress(clampCharacters(e.detail.value, 500))} aria-label='办理进展' />
          <ErrorLine error={post.error} />
          <Button className='cx-button' block fill='outline' loading={post.pending} disabled={post.pending} onClick={() => void post.run({ recommendationId: r.id, text: progress }).then(async () => { setProgress(''); toast('进展已发布', 'success'); await refresh() }, () => undefined)}>
            发布进展
          </Button>
          <Text className='cx-label'>办理结果</Text>
          <Chips label='办理结果' options={topicResults.map((x) => ({ value: x, label: topicResultLabels[x] }))} value={result} onChange={setResult} />
          <Textarea className='cx-textarea' value={text} maxlength={-1} placeholder='办理结果说明' onInput={(e) => setText(clampCharacters(e.detail.value, 1000))} aria-label='办理结果说明' />
          <ImagePicker openid={me.data?.openid} folder='evidence' value={evidence} onChange={setEvidence} label='上传佐证材料' />
          <ImagePicker openid={me.data?.openid} folder='evidence' value={before} onChange={setBefore} label='整改前照片' />
          <ImagePicker openid={me.data?.openid} folder='evidence' value={after} onChange={setAfter} label='整改后照片' />
          <ErrorLine error={answer.error} />
          <Button
            className='cx-button'
            type='primary'
            block
            loading={answer.pending}
            disabled={answer.pending || !result}
            onClick={() =>
              void askFirst({ question: '确定提交办理结果？', confirm: '提交', detail: '提交后提出人和附议人会看到结果，不能修改。' }).then((yes) =>
                yes ? answer.run({ recommendationId: r.id, result: result!, text, evidence, beforePhotos: before, afterPhotos: after }).then(async () => { toast('办理结果已提交', 'success'); await refresh() }, () => undefined) : undefined
              )
            }
          >
            提交办理结果
          </Button>
        </View>
      ) : r.resultText ? (
        <View>
          {r.resultHeld ? <Text className='cx-hint'>办理结果说明待人工审核，审核通过后公开</Text> : null}
          <Text className='cx-text'>{r.resultText}</Text>
        </View>
      ) : null}
    </View>
  )
}
