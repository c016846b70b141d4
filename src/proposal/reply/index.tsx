/**
 * 办复 (handling unit): the reply to a proposal the unit signed for: the
 * text, the reply letter (PDF, Word or image, uploaded under the caller's
 * own folder), the result grade in words (A/B/C), the contact mode and
 * whether the reply may be public. The contract's schema checks the input
 * on the phone; the server checks state, the letter and the text again.
 */
import { useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { PROPOSAL_LIMITS, contactModeLabels, contactModes, replyGradeLabels, replyGrades, type ContactMode, type ReplyGrade } from '../../core/actions/proposal'
import { actions } from '../../core/contract'
import { cleanText, countCharacters } from '../../core/text'
import { PageShell, StateView, Section, Button, Banner } from '../../components'
import { useAction, useMe, useMutation, navigate } from '../../hooks'
import { AppError, toAppError } from '../../services'
import { Choice, UnitLine, askFirst, pickDocument, uploadDocument } from '../parts'

const publicOptions = ['yes', 'no'] as const
const publicLabels = { yes: '同意公开', no: '不公开' }

export default function ReplyPage() {
  const params = useRouter().params
  const id = params.id ?? ''
  const unitId = params.unit
  const me = useMe()
  const detail = useAction('proposal.get', { id }, { enabled: Boolean(id) })
  const reply = useMutation('proposal.reply')
  const [content, setContent] = useState('')
  const [grade, setGrade] = useState<ReplyGrade | undefined>()
  const [contact, setContact] = useState<ContactMode | undefined>()
  const [open, setOpen] = useState<'yes' | 'no' | undefined>()
  const [letter, setLetter] = useState<{ fileID: string; name: string } | undefined>()
  const [uploading, setUploading] = useState(false)
  const [error, setError] = useState<AppError | undefined>()
  const d = detail.data
  const unit = d?.assignments.find((u) => u.departmentId === unitId) ?? d?.assignments.find((u) => (me.data?.departmentIds ?? []).includes(u.departmentId) && u.role !== 'assist')
  const count = countCharacters(cleanText(content, { multiline: true }))

  const upload = async () => {
    const openid = me.data?.openid
    if (!openid) return
    const file = await pickDocument()
    if (!file) return
    setUploading(true)
    setError(undefined)
    try {
      setLetter({ fileID: await uploadDocument(file, openid, PROPOSAL_LIMITS.attachmentBytes), name: file.name })
    } catch (e) {
      setError(toAppError(e))
    } finally {
      setUploading(false)
    }
  }

  const submit = async () => {
    setError(undefined)
    const input = {
      id,
      ...(unit ? { departmentId: unit.departmentId } : {}),
      content,
      letterFileID: letter?.fileID ?? '',
      ...(letter?.name ? { letterName: letter.name } : {}),
      grade: grade as ReplyGrade,
      contactMode: contact as ContactMode,
      public: (open === undefined ? undefined : open === 'yes') as boolean
    }
    const parsed = actions['proposal.reply'].input.safeParse({ ...input, letterFileID: letter?.fileID ?? 'pending' })
    if (!parsed.success) {
      setError(new AppError('COMMON.INVALID_INPUT', parsed.error.issues[0]?.message))
      return
    }
    if (!letter) {
      setError(new AppError('COMMON.INVALID_INPUT', '请上传答复函'))
      return
    }
    if (!(await askFirst('提交答复', '答复提交后提案人即可查看并评价。'))) return
    try {
      await reply.run(input)
      void navigate(`/proposal/detail/index?id=${encodeURIComponent(id)}`, { replace: true })
    } catch {
      /* shown from reply.error */
    }
  }

  const shown = error ?? reply.error
  return (
    <PageShell back title='答复提案'>
      <StateView loading={detail.loading} error={detail.error} onRetry={() => void detail.reload()}>
        {d ? (
          <>
            <Section title={d.title}>
              <View className='pp-text'>
                <Text>{d.numberLabel ? `提案号：${d.numberLabel}\n` : ''}</Text>
                <Text>{`提案人：${d.proposerName}\n`}</Text>
                {unit ? <UnitLine unit={unit} /> : null}
              </View>
            </Section>
            {d.assignments.some((u) => u.role === 'assist' && u.opinion) ? (
              <Section title='协办意见'>
                {d.assignments
                  .filter((u) => u.role === 'assist' && u.opinion)
                  .map((u) => (
                    <Text key={u.departmentId} className='pp-text'>{`${u.name}：${u.opinion?.content ?? ''}`}</Text>
                  ))}
              </Section>
            ) : null}
            <Section title='答复内容'>
              <View className='pp-form'>
                <Textarea className='pp-textarea pp-reply-content' placeholder='办理情况和答复意见（至少 10 个字）' value={content} maxlength={-1} autoHeight onInput={(e) => setContent(e.detail.value)} />
                <Text className={`pp-count${count > PROPOSAL_LIMITS.replyMax ? ' pp-count--over' : ''}`}>{count}/{PROPOSAL_LIMITS.replyMax}</Text>
                <Text className='pp-label'>办理结果</Text>
                <Choice label='办理结果' options={replyGrades} labels={replyGradeLabels} value={grade} onChange={setGrade} />
                <Text className='pp-label'>沟通方式</Text>
                <Choice label='沟通方式' options={contactModes} labels={contactModeLabels} value={contact} onChange={setContact} />
                <Text className='pp-label'>答复是否公开</Text>
                <Choice label='答复是否公开' options={publicOptions} labels={publicLabels} value={open} onChange={setOpen} />
                <Text className='pp-label'>答复函（PDF、Word 或图片，不超过 20 MB）</Text>
                {letter ? <Text className='pp-hint'>已上传：{letter.name}</Text> : null}
                <Button size='small' fill='outline' disabled={uploading} onClick={() => void upload()}>
                  {uploading ? '正在上传…' : letter ? '重新上传答复函' : '上传答复函'}
                </Button>
                <Banner tone='error' text={shown?.message} />
                <View className='pp-actions'>
                  <Button className='pp-reply-submit' type='primary' loading={reply.pending} disabled={reply.pending || uploading} onClick={() => void submit()}>
                    提交答复
                  </Button>
                </View>
              </View>
            </Section>
          </>
        ) : null}
      </StateView>
    </PageShell>
  )
}
