/**
 * 反映 (社情民意, issue 4): the submit form for everyone (public, informant,
 * member) with drafts kept on the device, and the way to 我的反映. A
 * submission carries one requestId until it succeeds, so a retry or a
 * double tap never files twice (useMutation + the function's idempotency).
 */
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PageShell, Section, ListRow, Button } from '../../components'
import { useMutation, go } from '../../hooks'
import { OpinionForm, type OpinionFormValues } from './OpinionForm'
import { StatusChip } from './parts'
import { DRAFT_KEY } from './parts'
import './index.scss'

export default function Opinion() {
  const submit = useMutation('opinion.submit')

  const onSubmit = async (values: OpinionFormValues) => {
    try {
      await submit.run(values)
    } catch {
      return false // shown inline from submit.error; the draft stays
    }
    try {
      // The success screen replaces a long form: start it at the top.
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })?.catch?.(() => undefined)
      void Taro.showToast({ title: '已提交', icon: 'success' }).catch(() => undefined)
    } catch {
      /* no toast here (tests); the success screen says it */
    }
    return true
  }

  if (submit.data) {
    const done = submit.data
    return (
      <PageShell>
        <View className='opinion__done' role='status'>
          <Text className='opinion__done-title'>提交成功</Text>
          <Text className='opinion__done-text'>“{done.title}”</Text>
          <Text className='opinion__done-ref'>受理编号：{done.refNo}</Text>
          <StatusChip state={done.state} label={done.statusLabel} />
          <Text className='opinion__done-text'>工作人员处理后，您可以在“我的反映”中查看每一步进展。</Text>
          <Button block type='primary' className='opinion__done-button' onClick={go(`/pages/opinion/detail/index?id=${encodeURIComponent(done.id)}`)}>
            查看进度
          </Button>
          <Button block fill='outline' className='opinion__done-button' onClick={() => submit.reset()}>
            继续反映
          </Button>
        </View>
      </PageShell>
    )
  }

  return (
    <PageShell>
      <Section title='我的反映' extra='查看全部' onExtra={go('/pages/opinion/mine/index')}>
        <ListRow title='查看已提交信息的办理进度' subtitle='已收到、处理中、采用、编入专刊、上级采用' onClick={go('/pages/opinion/mine/index')} />
      </Section>
      <Section title='反映社情民意'>
        <OpinionForm draftKey={DRAFT_KEY} submitText='提交' pending={submit.pending} error={submit.error} onSubmit={onSubmit} />
      </Section>
    </PageShell>
  )
}
