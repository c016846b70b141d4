/**
 * 交办 (staff): a filed proposal to one lead unit (主办) and assisting units
 * (协办), or split (分办) to several units, with a deadline chosen on a date
 * picker (a Beijing day; default: the term's deadline in months). With
 * `?from=<unit>` it moves that unit's part to another unit instead (改交,
 * after a 申退). Units are picked from the unit list, never typed.
 */
import { useState } from 'react'
import { View, Text, Picker } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { PROPOSAL_LIMITS } from '../../core/actions/proposal'
import { PageShell, StateView, Section, Button, Banner } from '../../components'
import { useAction, useMutation, navigate } from '../../hooks'
import { Choice, askFirst, formatDay, todayBeijing } from '../parts'

const modes = ['lead', 'split'] as const
const modeLabels = { lead: '主办 + 协办', split: '分办（多个单位分别答复）' }

export default function AssignPage() {
  const params = useRouter().params
  const id = params.id ?? ''
  const from = params.from
  const detail = useAction('proposal.get', { id }, { enabled: Boolean(id) })
  const options = useAction('proposal.units', {})
  const terms = useAction('proposal.terms', {})
  const assign = useMutation('proposal.assign')
  const reassign = useMutation('proposal.reassign')
  const [mode, setMode] = useState<'lead' | 'split'>('lead')
  const [lead, setLead] = useState<string | undefined>()
  const [assist, setAssist] = useState<string[]>([])
  const [split, setSplit] = useState<string[]>([])
  const [deadline, setDeadline] = useState<string | undefined>()
  const [localError, setLocalError] = useState<string | undefined>()
  const d = detail.data
  const units = options.data?.items ?? []
  const nameOf = (u: string) => units.find((x) => x.id === u)?.name ?? ''
  const months = terms.data?.items.find((t) => t.id === d?.termId)?.deadlineMonths ?? 3
  const fromUnit = d?.assignments.find((u) => u.departmentId === from)
  const suggested = new Set(d?.suggestedUnits.map((u) => u.id) ?? [])

  const toggle = (list: string[], set: (v: string[]) => void, u: string, max: number) => set(list.includes(u) ? list.filter((x) => x !== u) : [...list, u].slice(0, max))

  const submit = async () => {
    if (!d) return
    setLocalError(undefined)
    try {
      if (fromUnit) {
        if (!lead) {
          setLocalError('请选择改交的单位')
          return
        }
        if (!(await askFirst('改交', `将${fromUnit.name}的${fromUnit.roleLabel}改交${nameOf(lead)}。`))) return
        await reassign.run({ id, fromUnitId: fromUnit.departmentId, toUnitId: lead, ...(deadline ? { deadline } : {}) })
      } else {
        const unitIds = mode === 'lead' ? (lead ? [lead] : []) : split
        const names = unitIds.map(nameOf).join('、')
        if (unitIds.length && !(await askFirst('交办', `交${names}${mode === 'lead' ? '主办' : '分办'}，办理期限${deadline ? formatDay(deadline) : `${months} 个月`}。`))) return
        await assign.run({ id, mode, unitIds, ...(mode === 'lead' && assist.length ? { assistUnitIds: assist.filter((x) => x !== lead) } : {}), ...(deadline ? { deadline } : {}) })
      }
      void navigate(`/proposal/detail/index?id=${encodeURIComponent(id)}`, { replace: true })
    } catch {
      /* shown from the mutation's error */
    }
  }

  const unitChips = (label: string, selected: string[], onPick: (u: string) => void, role: 'radio' | 'checkbox', exclude?: string) => (
    <View className='pp-chips' role={role === 'radio' ? 'radiogroup' : 'group'} aria-label={label}>
      {units
        .filter((u) => u.id !== exclude)
        .map((u) => {
          const on = selected.includes(u.id)
          return (
            <View key={u.id} role={role} aria-checked={on} className={`pp-chip-pick${on ? ' pp-chip-pick--on' : ''}`} onClick={() => onPick(u.id)}>
              <Text>
                {u.name}
                {suggested.has(u.id) ? '（提案人建议）' : ''}
              </Text>
            </View>
          )
        })}
    </View>
  )

  const error = assign.error ?? reassign.error
  const pending = assign.pending || reassign.pending
  return (
    <PageShell back title={fromUnit ? '改交承办单位' : '交办'}>
      <StateView loading={detail.loading || options.loading} error={detail.error ?? options.error} onRetry={() => void (detail.reload(), options.reload())} empty={units.length === 0} emptyText='还没有承办单位，请先在电脑端添加'>
        {d ? (
          <>
            <Section title={d.title}>
              <Text className='pp-text'>{`${d.numberLabel ?? ''}\n提案人：${d.proposerName}${d.suggestedUnits.length ? `\n建议承办单位：${d.suggestedUnits.map((u) => u.name).join('、')}` : ''}`}</Text>
            </Section>
            <Section title={fromUnit ? `改交：${fromUnit.name}（${fromUnit.roleLabel}）` : '承办单位'}>
              <View className='pp-form'>
                {fromUnit ? (
                  <>
                    {fromUnit.returnReason ? <Text className='pp-hint'>申退理由：{fromUnit.returnReason}</Text> : null}
                    <Text className='pp-label'>改交给</Text>
                    {unitChips('改交给', lead ? [lead] : [], setLead, 'radio', fromUnit.departmentId)}
                  </>
                ) : (
                  <>
                    <Choice label='交办方式' options={modes} labels={modeLabels} value={mode} onChange={setMode} />
                    {mode === 'lead' ? (
                      <>
                        <Text className='pp-label'>主办单位（选一个）</Text>
                        {unitChips('主办单位', lead ? [lead] : [], setLead, 'radio')}
                        <Text className='pp-label'>协办单位（选填，最多 {PROPOSAL_LIMITS.assistUnits} 个）</Text>
                        {unitChips('协办单位', assist, (u) => toggle(assist, setAssist, u, PROPOSAL_LIMITS.assistUnits), 'checkbox', lead)}
                      </>
                    ) : (
                      <>
                        <Text className='pp-label'>分办单位（最多 {PROPOSAL_LIMITS.splitUnits} 个）</Text>
                        {unitChips('分办单位', split, (u) => toggle(split, setSplit, u, PROPOSAL_LIMITS.splitUnits), 'checkbox')}
                      </>
                    )}
                  </>
                )}
                <Text className='pp-label'>办理期限</Text>
                <Picker mode='date' value={deadline ?? ''} start={todayBeijing()} onChange={(e) => setDeadline(String(e.detail.value))}>
                  <View className='pp-picker' role='button' aria-label='选择办理期限'>
                    <Text>{deadline ? `${formatDay(deadline)}（北京时间当日 24 时前）` : fromUnit ? `沿用原期限 ${formatDay(fromUnit.deadline)}` : `默认：交办之日起 ${months} 个月`} ▾</Text>
                  </View>
                </Picker>
                <Banner tone='error' text={localError ?? error?.message} />
                <View className='pp-actions'>
                  <Button className='pp-assign-submit' type='primary' loading={pending} disabled={pending} onClick={() => void submit()}>
                    {fromUnit ? '改交' : '交办'}
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
