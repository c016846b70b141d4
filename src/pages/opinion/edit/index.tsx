/**
 * Editing an item staff returned for changes (退回修改), then sending it
 * again (opinion.resubmit). Starts from what was submitted; edits are kept on
 * the device per item until the server accepts them.
 */
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { PageShell, StateView, Section } from '../../../components'
import { useAction, useMutation, navigate } from '../../../hooks'
import { OpinionForm, type OpinionFormValues } from '../OpinionForm'
import './index.scss'

export default function EditOpinion() {
  const id = useRouter().params.id ?? ''
  const detail = useAction('opinion.get', { id }, { enabled: Boolean(id) })
  const resubmit = useMutation('opinion.resubmit')
  const d = detail.data

  const onSubmit = async (values: OpinionFormValues) => {
    try {
      const { anonymous: _anonymous, ...fields } = values
      void _anonymous
      await resubmit.run({ id, ...fields })
    } catch {
      return false
    }
    try {
      void Taro.showToast({ title: '已重新提交', icon: 'success' }).catch(() => undefined)
      void navigate(`/pages/opinion/detail/index?id=${encodeURIComponent(id)}`, { replace: true })
    } catch {
      /* navigation unavailable: the draft is still cleared */
    }
    return true
  }

  return (
    <PageShell back title='修改后重新提交'>
      <StateView loading={detail.loading} error={detail.error} onRetry={() => void detail.reload()}>
        {d && !d.canEdit ? (
          <View className='op-edit__closed' role='status'>
            <Text>该信息当前为“{d.statusLabel}”，不需要修改。</Text>
          </View>
        ) : null}
        {d && d.canEdit ? (
          <>
            {d.returnNote ? (
              <View className='op-edit__note' role='note'>
                <Text>修改意见：{d.returnNote}</Text>
              </View>
            ) : null}
            <Section title='修改内容'>
              <OpinionForm
                draftKey={`cppcc.opinion.edit.${id}`}
                initial={{
                  title: d.title,
                  categoryId: d.categoryId,
                  content: d.content,
                  place: d.place ?? '',
                  images: d.images.map((i) => ({ fileID: i.fileID, preview: i.url })),
                  contactPhone: '',
                  anonymous: d.anonymous,
                  mayPublish: d.mayPublish,
                  notify: d.notify.length > 0
                }}
                lockAnonymous
                submitText='重新提交'
                pending={resubmit.pending}
                error={resubmit.error}
                onSubmit={onSubmit}
              />
            </Section>
          </>
        ) : null}
      </StateView>
    </PageShell>
  )
}
