/**
 * 写提案: a new proposal, or (with `?id=`) the caller's draft or returned
 * proposal, continued from what the server holds (the device draft for that
 * id wins when there is one).
 */
import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { PageShell, StateView, Section } from '../../components'
import { useAction } from '../../hooks'
import { ProposalForm, PROPOSAL_DRAFT_KEY, draftFromDetail } from '../ProposalForm'

export default function EditProposal() {
  const id = useRouter().params.id ?? ''
  const detail = useAction('proposal.get', { id }, { enabled: Boolean(id) })
  const d = detail.data
  if (!id) {
    return (
      <PageShell back title='写提案'>
        <Section title='提案内容'>
          <ProposalForm draftKey={PROPOSAL_DRAFT_KEY} />
        </Section>
      </PageShell>
    )
  }
  return (
    <PageShell back title='修改提案'>
      <StateView loading={detail.loading} error={detail.error} onRetry={() => void detail.reload()}>
        {d && !d.can.edit ? (
          <View className='pp-note' role='status'>
            <Text>该提案当前为“{d.stateLabel}”，不能修改。</Text>
          </View>
        ) : null}
        {d?.returnReason && d.can.edit ? (
          <View className='pp-note' role='note'>
            <Text>退回理由：{d.returnReason}</Text>
          </View>
        ) : null}
        {d && d.can.edit ? (
          <Section title='提案内容'>
            <ProposalForm draftKey={`cppcc.proposal.edit.${id}`} initial={draftFromDetail(d)} invited={d.cosigners} />
          </Section>
        ) : null}
      </StateView>
    </PageShell>
  )
}
