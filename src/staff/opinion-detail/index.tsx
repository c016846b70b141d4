/**
 * One 社情民意 item for staff: the original, the content-safety flags, the
 * contact phone in full (named items only), the history of every action with
 * who and when, and the actions the item's state allows — 受理, 退回修改,
 * 合并, 不采用 (reason), 采用 (edited copy beside the original, 重点),
 * 标记重点, 登记上级报送/采用/批示 (level, date, evidence).
 */
import { useState } from 'react'
import { View, Text, Textarea, Picker } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { safetyFlagLabels, upwardKinds, upwardLevelLabels, upwardLevels, type UpwardKind, type UpwardLevel } from '../../core/actions/opinion'
import { opinionStateLabels } from '../../core/states'
import { formatBeijing } from '../../core/time'
import { showDayTime } from '../../core/dates'
import { PageShell, StateView, Section, Button, Input, askFirst } from '../../components'
import { useAction, useMe, useMutation } from '../../hooks'
import { uploadFile } from '../../services'
import { pickFile } from '../../services/pick-file'
import { fileExtension } from '../../core/file-name'
import { ImageStrip, StatusChip, Timeline } from '../../pages/opinion/parts'
import type { OpinionSummary } from '../../core/actions/opinion'
import { MergeTarget } from './MergeTarget'
import './index.scss'

type Panel = 'none' | 'return' | 'reject' | 'merge' | 'adopt' | 'upward'
const kindLabels: Record<UpwardKind, string> = { reported: '已报送', adopted: '被采用', instruction: '获领导批示' }
const actionLabels: Record<string, string> = {
  submit: '提交',
  resubmit: '重新提交',
  accept: '受理',
  return: '退回修改',
  reject: '不予采用',
  adopt: '采用',
  merge: '合并到其他信息',
  mergeIn: '合并进本信息',
  markKey: '标记重点',
  unmarkKey: '取消重点',
  publish: '编入专刊',
  imageCheck: '图片安全检测',
  'upward.reported': '登记上级报送',
  'upward.adopted': '登记上级采用',
  'upward.instruction': '登记领导批示'
}


export default function StaffOpinionDetail() {
  const id = useRouter().params.id ?? ''
  const me = useMe()
  const detail = useAction('opinion.get', { id }, { enabled: Boolean(id), pullDownRefresh: true })
  const [panel, setPanel] = useState<Panel>('none')
  const [note, setNote] = useState('')
  const [into, setInto] = useState<OpinionSummary | undefined>()
  const [title, setTitle] = useState('')
  const [content, setContent] = useState('')
  const [key, setKey] = useState(false)
  const [level, setLevel] = useState<UpwardLevel>('city')
  const [kind, setKind] = useState<UpwardKind>('adopted')
  const [date, setDate] = useState(formatBeijing(new Date(), 'YYYY-MM-DD'))
  const [evidence, setEvidence] = useState<{ fileID: string; name: string } | undefined>()
  const [uploadError, setUploadError] = useState<string | undefined>()
  const accept = useMutation('opinion.accept')
  const ret = useMutation('opinion.return')
  const reject = useMutation('opinion.reject')
  const merge = useMutation('opinion.merge')
  const adopt = useMutation('opinion.adopt')
  const markKey = useMutation('opinion.markKey')
  const reportUp = useMutation('opinion.reportUp')
  const d = detail.data
  const pending = [accept, ret, reject, merge, adopt, markKey, reportUp].some((m) => m.pending)
  const error = { return: ret.error, reject: reject.error, merge: merge.error, adopt: adopt.error, upward: reportUp.error, none: accept.error ?? markKey.error }[panel]

  const done = async (work: () => Promise<unknown>, toast: string) => {
    try {
      await work()
      void Taro.showToast({ title: toast, icon: 'success' }).catch(() => undefined)
      setPanel('none')
      setNote('')
      await detail.reload()
    } catch {
      /* shown inline */
    }
  }

  const open = (p: Panel) => {
    setPanel(p)
    if (p === 'adopt' && d) {
      setTitle(d.title)
      setContent(d.content)
      setKey(d.key)
    }
  }

  const pickEvidence = async () => {
    setUploadError(undefined)
    const openid = me.data?.openid
    if (!openid) return
    try {
      // the person's own file name (services/pick-file.ts), in the mini-program and the browser build
      const file = await pickFile({ extensions: ['pdf', 'jpg', 'jpeg', 'png'], fallbackName: '佐证材料' })
      if (!file) return
      const ext = fileExtension(file.name, fileExtension(file.path, 'jpg'))
      const { fileID } = await uploadFile(file.path, `uploads/${openid}/evidence/${Date.now()}-${Math.random().toString(36).slice(2, 8)}.${ext}`)
      setEvidence({ fileID, name: file.name })
    } catch (e) {
      if ((e as { errMsg?: string }).errMsg?.includes('cancel')) return
      setUploadError((e as Error).message || '上传失败，请重试')
    }
  }

  const open_ = d ? ['submitted', 'in_review'].includes(d.state) : false

  return (
    <PageShell back title='信息审核'>
      <StateView loading={detail.loading} error={detail.error} onRetry={() => void detail.reload()}>
        {d ? (
          <>
            <View className='sod__head'>
              <Text className='sod__title'>
                {d.key ? <Text className='sod__key'>重点 </Text> : null}
                {d.title}
              </Text>
              <View className='sod__meta'>
                <StatusChip state={d.state} label={opinionStateLabels[d.state]} />
                <Text className='sod__sub'>
                  {d.categoryName} · {showDayTime(d.receivedAt)} · {d.submitter}
                </Text>
              </View>
              {d.flags?.length ? (
                <View className='sod__flags' role='alert'>
                  <Text>内容安全：{d.flags.map((f) => safetyFlagLabels[f]).join('；')}（请人工复核）</Text>
                </View>
              ) : null}
            </View>

            <Section title='操作'>
              <View className='sod__actions'>
                {d.state === 'submitted' ? (
                  <Button size='small' type='primary' disabled={pending} onClick={() => void done(() => accept.run({ id }), '已受理')}>
                    受理
                  </Button>
                ) : null}
                {open_ ? (
                  <>
                    <Button size='small' type='primary' onClick={() => open('adopt')}>采用</Button>
                    <Button size='small' fill='outline' onClick={() => open('return')}>退回修改</Button>
                    <Button size='small' fill='outline' onClick={() => open('reject')}>不采用</Button>
                    <Button size='small' fill='outline' onClick={() => open('merge')}>合并</Button>
                  </>
                ) : null}
                {['adopted', 'published', 'reported_up'].includes(d.state) ? (
                  <Button size='small' fill='outline' disabled={pending} onClick={() => void done(() => markKey.run({ id, key: !d.key }), d.key ? '已取消重点' : '已标记重点')}>
                    {d.key ? '取消重点' : '标记重点'}
                  </Button>
                ) : null}
                {['published', 'reported_up'].includes(d.state) ? (
                  <Button size='small' type='primary' onClick={() => open('upward')}>登记上级采用</Button>
                ) : null}
                {d.state === 'adopted' ? <Text className='sod__sub'>已采用，可在“编辑专刊”中编入一期</Text> : null}
              </View>

              {panel === 'return' || panel === 'reject' ? (
                <View className='sod__panel'>
                  <Text className='sod__label'>{panel === 'return' ? '请写明需要修改的地方（提交人可见）' : '不采用理由（提交人可见）'}</Text>
                  <Textarea className='sod__textarea' value={note} maxlength={-1} onInput={(e) => setNote(e.detail.value)} />
                  <Button
                    block
                    type='primary'
                    disabled={pending}
                    onClick={() =>
                      void (panel === 'return'
                        ? done(() => ret.run({ id, note }), '已退回')
                        : askFirst({ question: '确定不采用这条信息？', confirm: '不采用', detail: '提交人会看到不采用的理由。' }).then((yes) => (yes ? done(() => reject.run({ id, reason: note }), '已标记未采用') : undefined)))
                    }
                  >
                    {panel === 'return' ? '确认退回' : '确认不采用'}
                  </Button>
                </View>
              ) : null}

              {panel === 'merge' ? (
                <View className='sod__panel'>
                  <MergeTarget sourceId={id} chosen={into} onChoose={setInto} />
                  <Text className='sod__label'>说明（选填）</Text>
                  <Textarea className='sod__textarea' value={note} maxlength={-1} onInput={(e) => setNote(e.detail.value)} />
                  <Button
                    block
                    type='primary'
                    disabled={pending || !into}
                    onClick={() =>
                      void (async () => {
                        if (!into) return
                        if (!(await askFirst({ question: '确定合并这条信息？', confirm: '合并', detail: `本信息将并入“${into.title}”，不再单独处理。` }))) return
                        await done(() => merge.run({ id, intoId: into.id, ...(note.trim() ? { note } : {}) }), '已合并')
                      })()
                    }
                  >
                    确认合并
                  </Button>
                </View>
              ) : null}

              {panel === 'adopt' ? (
                <View className='sod__panel'>
                  <Text className='sod__label'>采用稿标题（原稿保留不变）</Text>
                  <Input value={title} onChange={(v: string) => setTitle(v)} />
                  <Text className='sod__label'>采用稿内容</Text>
                  <Textarea className='sod__textarea sod__textarea--tall' value={content} maxlength={-1} onInput={(e) => setContent(e.detail.value)} />
                  <View role='switch' aria-checked={key} className={`sod__toggle${key ? ' sod__toggle--on' : ''}`} onClick={() => setKey(!key)}>
                    <Text>标记为重点信息：{key ? '是' : '否'}</Text>
                  </View>
                  <Button block type='primary' disabled={pending} onClick={() => void done(() => adopt.run({ id, title, content, key }), '已采用')}>
                    确认采用
                  </Button>
                </View>
              ) : null}

              {panel === 'upward' ? (
                <View className='sod__panel'>
                  <Text className='sod__label'>级别</Text>
                  <View className='sod__chips' role='radiogroup' aria-label='级别'>
                    {upwardLevels.map((l) => (
                      <View key={l} role='radio' aria-checked={level === l} className={`sod__chip${level === l ? ' sod__chip--on' : ''}`} onClick={() => setLevel(l)}>
                        <Text>{upwardLevelLabels[l]}</Text>
                      </View>
                    ))}
                  </View>
                  <Text className='sod__label'>情况</Text>
                  <View className='sod__chips' role='radiogroup' aria-label='情况'>
                    {upwardKinds.map((k) => (
                      <View key={k} role='radio' aria-checked={kind === k} className={`sod__chip${kind === k ? ' sod__chip--on' : ''}`} onClick={() => setKind(k)}>
                        <Text>{kindLabels[k]}</Text>
                      </View>
                    ))}
                  </View>
                  <Text className='sod__label'>日期（北京时间）</Text>
                  <Picker mode='date' value={date} onChange={(e) => setDate(String(e.detail.value))}>
                    <View className='sod__chip' role='button'>
                      <Text>{date}</Text>
                    </View>
                  </Picker>
                  <Text className='sod__label'>佐证材料（图片或 PDF，选填）</Text>
                  <View className='sod__chip' role='button' onClick={() => void pickEvidence()}>
                    <Text>{evidence ? `已上传：${evidence.name}` : '上传佐证材料'}</Text>
                  </View>
                  {uploadError ? <Text className='sod__error'>{uploadError}</Text> : null}
                  <Text className='sod__label'>说明（选填）</Text>
                  <Textarea className='sod__textarea' value={note} maxlength={-1} onInput={(e) => setNote(e.detail.value)} />
                  <Button
                    block
                    type='primary'
                    disabled={pending}
                    onClick={() => void done(() => reportUp.run({ id, level, kind, date, ...(evidence ? { evidenceFileID: evidence.fileID } : {}), ...(note.trim() ? { note } : {}) }), '已登记')}
                  >
                    确认登记
                  </Button>
                </View>
              ) : null}
              {error ? (
                <View className='sod__error' role='alert'>
                  <Text>{error.message}</Text>
                </View>
              ) : null}
            </Section>

            {d.adopted ? (
              <Section title='采用稿'>
                <View className='sod__body'>
                  <Text className='sod__strong'>{d.adopted.title}</Text>
                  <Text className='sod__content'>{d.adopted.content}</Text>
                  <Text className='sod__sub'>采用于 {showDayTime(d.adopted.at)}</Text>
                </View>
              </Section>
            ) : null}

            <Section title='原稿'>
              <View className='sod__body'>
                <Text className='sod__content'>{d.content}</Text>
                {d.place ? <Text className='sod__sub'>地点：{d.place}</Text> : null}
                <Text className='sod__sub'>联系电话：{d.contactPhone ?? (d.anonymous ? '匿名提交，无' : '未填写')}</Text>
                <Text className='sod__sub'>{d.mayPublish ? '提交人同意公开' : '提交人不同意公开（不能编入专刊）'}</Text>
                <ImageStrip urls={d.images.map((i) => i.url).filter(Boolean)} />
              </View>
            </Section>

            {d.upward.length ? (
              <Section title='上级报送与采用'>
                <View className='sod__body'>
                  {d.upward.map((u) => (
                    <View key={u.id} className='sod__upward'>
                      <Text>
                        {u.date} {u.label}
                        {u.note ? `：${u.note}` : ''}
                      </Text>
                      {u.evidenceUrl ? (
                        <Text className='sod__link' onClick={() => void Taro.previewImage({ urls: [u.evidenceUrl!] }).catch(() => undefined)}>
                          查看佐证
                        </Text>
                      ) : null}
                    </View>
                  ))}
                </View>
              </Section>
            ) : null}

            <Section title='提交人看到的进度'>
              <Timeline entries={d.timeline} />
            </Section>

            <Section title='操作记录'>
              <View className='sod__body'>
                {(d.history ?? []).map((h, i) => (
                  <Text key={i} className='sod__sub'>
                    {showDayTime(h.at)} {h.byMe ? '我' : h.byName} {actionLabels[h.action] ?? h.action}
                    {h.note ? `（${h.note}）` : ''}
                  </Text>
                ))}
              </View>
            </Section>
          </>
        ) : null}
      </StateView>
    </PageShell>
  )
}
