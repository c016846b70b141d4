/**
 * The 提案 writing form (new, or a draft / returned proposal of the caller's):
 * 案由, 情况分析, 具体建议, category, the session, suggested units picked
 * from the unit list, co-signers found by roster name
 * (proposal.searchMembers) and attachments. Everything is kept on the
 * device as it changes (Taro storage under `draftKey`); 保存草稿 also saves
 * it on the server (proposal.saveDraft), and 提交 saves, invites the chosen
 * co-signers and submits. Input is checked with the contract's zod schema
 * before anything is sent (services `call`), so a bad field never leaves
 * the phone. The local draft goes only when the server accepted the submission.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import { View, Text, Textarea, Picker } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PROPOSAL_LIMITS, proposalCategories, proposalCategoryLabels, type ProposalCategory, type ProposalDetail, type RosterHit } from '../core/actions/proposal'
import { clampCharacters, cleanText, countCharacters } from '../core/text'
import { Button, Input, MemberPicker, StateView } from '../components'
import { useAction, useMe, useMutation, navigate } from '../hooks'
import { call, toAppError, type AppError } from '../services'
import { Choice, askNotify, clearLocal, loadLocal, saveLocal, pickDocument, uploadDocument } from './parts'

export interface ProposalDraft {
  /** The server draft's id once saved there. */
  serverId?: string
  /** null = 会间/平时提案; undefined = not chosen yet (defaults to the current term's latest session). */
  sessionNumber?: number | null
  title: string
  analysis: string
  suggestions: string
  category?: ProposalCategory
  units: { id: string; name: string }[]
  /** Chosen co-signers not yet invited (picked from the roster search). */
  cosigners: RosterHit[]
  attachments: { fileID: string; name: string }[]
  mayPublish: boolean
  /** Staff only: the 专委会/界别/党派 a collective proposal is by. */
  collectiveName?: string
  /** Wants progress notices (WeChat subscription asked on submit). */
  notify: boolean
  /** ms since epoch of the last local save. */
  savedAt?: number
}

export const emptyProposalDraft: ProposalDraft = { title: '', analysis: '', suggestions: '', units: [], cosigners: [], attachments: [], mayPublish: true, notify: true }

/** Storage key of the new-proposal draft. */
export const PROPOSAL_DRAFT_KEY = 'cppcc.proposal.draft.v1'

/** The device draft of `key`, or null. */
export function loadProposalDraft(key: string): ProposalDraft | null {
  const value = loadLocal<Partial<ProposalDraft>>(key)
  return value ? { ...emptyProposalDraft, ...value } : null
}

/** Starting values from a server proposal (editing a draft or a returned one). */
export function draftFromDetail(d: ProposalDetail): ProposalDraft {
  return {
    serverId: d.id,
    sessionNumber: d.sessionNumber,
    title: d.title,
    analysis: d.analysis,
    suggestions: d.suggestions,
    category: d.category,
    units: d.suggestedUnits,
    cosigners: [],
    attachments: d.attachments.map((a) => ({ fileID: a.fileID, name: a.name })),
    mayPublish: d.mayPublish,
    notify: d.notify,
    ...(d.collective ? { collectiveName: d.proposerName } : {})
  }
}

export function ProposalForm(props: { draftKey: string; initial?: ProposalDraft; invited?: ProposalDetail['cosigners'] }) {
  const me = useMe()
  const terms = useAction('proposal.terms', {})
  /** Staff who are not members write collective proposals (专委会/界别/党派). */
  const collective = me.isStaff && !me.isMember
  const units = useAction('proposal.units', {})
  const [draft, setDraft] = useState<ProposalDraft>(() => loadProposalDraft(props.draftKey) ?? { ...emptyProposalDraft, ...props.initial })
  const [restored] = useState(() => Boolean(loadProposalDraft(props.draftKey)?.savedAt))
  const [error, setError] = useState<AppError | undefined>()
  const [saved, setSaved] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const [uploading, setUploading] = useState(false)
  const save = useMutation('proposal.saveDraft')
  const first = useRef(true)
  /** Set once the server accepted the submission: no more device saves. */
  const submittedRef = useRef(false)

  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    if (submittedRef.current) return
    saveLocal(props.draftKey, { ...draft, savedAt: Date.now() })
  }, [draft, props.draftKey])

  const set = <K extends keyof ProposalDraft>(key: K, value: ProposalDraft[K]) => setDraft((d) => ({ ...d, [key]: value }))
  const term = useMemo(() => {
    const items = terms.data?.items ?? []
    return items.find((t) => t.current) ?? items[0]
  }, [terms.data])
  const sessions = term?.sessions ?? []
  const sessionNumber = draft.sessionNumber === undefined ? (sessions.at(-1)?.number ?? null) : draft.sessionNumber
  const sessionChoices = [...sessions.map((s) => `${term?.name ?? ''}${s.name}`), '会间/平时提案']
  const sessionIndex = sessionNumber === null ? sessions.length : Math.max(0, sessions.findIndex((s) => s.number === sessionNumber))
  const counts = {
    title: countCharacters(cleanText(draft.title)),
    analysis: countCharacters(cleanText(draft.analysis, { multiline: true })),
    suggestions: countCharacters(cleanText(draft.suggestions, { multiline: true }))
  }
  const unitList = units.data?.items ?? []
  const invited = props.invited ?? []

  const searchCosigners = async (name: string) => (await call('proposal.searchMembers', { name })).items

  const addAttachment = async () => {
    if (draft.attachments.length >= PROPOSAL_LIMITS.attachments) return
    const openid = me.data?.openid
    if (!openid) return
    const file = await pickDocument()
    if (!file) return
    setUploading(true)
    setError(undefined)
    try {
      const fileID = await uploadDocument(file, openid, PROPOSAL_LIMITS.attachmentBytes)
      setDraft((d) => ({ ...d, attachments: [...d.attachments, { fileID, name: file.name }] }))
    } catch (e) {
      setError(toAppError(e))
    } finally {
      setUploading(false)
    }
  }

  /** Saves on the server; returns the saved proposal or undefined after showing the error. */
  const saveOnServer = async (): Promise<ProposalDetail | undefined> => {
    if (!term) return undefined
    const attachmentNames: Record<string, string> = {}
    for (const a of draft.attachments) if (a.name) attachmentNames[a.fileID] = a.name
    const out = await save.run({
      ...(draft.serverId ? { id: draft.serverId } : {}),
      termId: term.id,
      sessionNumber,
      title: draft.title,
      analysis: draft.analysis,
      suggestions: draft.suggestions,
      category: draft.category as ProposalCategory,
      suggestedUnitIds: draft.units.map((u) => u.id),
      attachments: draft.attachments.map((a) => a.fileID),
      attachmentNames,
      mayPublish: draft.mayPublish,
      ...(collective && draft.collectiveName?.trim() ? { collectiveName: draft.collectiveName } : {})
    })
    setDraft((d) => ({ ...d, serverId: out.id }))
    if (draft.cosigners.length) {
      await call('proposal.invite', { id: out.id, memberIds: draft.cosigners.map((c) => c.memberId) })
      setDraft((d) => ({ ...d, serverId: out.id, cosigners: [] }))
    }
    return out
  }

  const onSave = async () => {
    setError(undefined)
    setSaved(undefined)
    setBusy(true)
    try {
      await saveOnServer()
      setSaved('草稿已保存，可在“我的提案”中继续修改')
    } catch (e) {
      setError(toAppError(e))
    } finally {
      setBusy(false)
    }
  }

  const onSubmit = async () => {
    setError(undefined)
    setSaved(undefined)
    setBusy(true)
    try {
      // WeChat asks for the subscription only straight from the tap, before any network wait
      const notify = await askNotify(draft.notify)
      const out = await saveOnServer()
      if (!out) return
      const submitted = await call('proposal.submit', { id: out.id, notify })
      submittedRef.current = true
      clearLocal(props.draftKey)
      void Promise.resolve(Taro.showToast?.({ title: submitted.state === 'cosigning' ? '已提交，等待联名确认' : '已提交', icon: 'success' })).catch(() => undefined)
      setSaved(submitted.state === 'cosigning' ? '已提交，等待联名委员确认后送政协办公室审查' : '已提交，等待政协办公室审查')
      void navigate(`/proposal/detail/index?id=${encodeURIComponent(out.id)}`, { replace: true })
    } catch (e) {
      setError(toAppError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <StateView loading={terms.loading} error={terms.error} onRetry={() => void terms.reload()} loadingText='正在加载届次…'>
      {!term && terms.data ? (
        <View className='pp-note' role='status'>
          <Text>本届提案工作尚未开始，请联系政协办公室</Text>
        </View>
      ) : null}
      <View className='pp-form'>
        {restored ? (
          <View className='pp-note' role='status'>
            <Text>已恢复上次未提交的草稿</Text>
          </View>
        ) : null}

        {collective ? (
          <>
            <Text className='pp-label'>集体提案单位</Text>
            <Input className='pp-input pp-collective' placeholder='如：政协提案委员会、民建县委会' value={draft.collectiveName ?? ''} onChange={(v: string) => set('collectiveName', clampCharacters(v, 30))} />
          </>
        ) : null}
        <Text className='pp-label'>会议</Text>
        <Picker mode='selector' range={sessionChoices} value={sessionIndex} onChange={(e) => { const i = Number(e.detail.value); set('sessionNumber', i >= sessions.length ? null : sessions[i].number) }}>
          <View className='pp-picker' role='button' aria-label='选择会议'>
            <Text>{sessionChoices[sessionIndex] ?? '会间/平时提案'} ▾</Text>
          </View>
        </Picker>

        <Text className='pp-label'>案由</Text>
        <Input className='pp-input pp-title' placeholder='关于……的建议' value={draft.title} onChange={(v: string) => set('title', clampCharacters(v, PROPOSAL_LIMITS.titleMax))} />
        <Text className={`pp-count${counts.title > PROPOSAL_LIMITS.titleMax ? ' pp-count--over' : ''}`}>{counts.title}/{PROPOSAL_LIMITS.titleMax}</Text>

        <Text className='pp-label'>提案类别</Text>
        <Choice label='提案类别' options={proposalCategories} labels={proposalCategoryLabels} value={draft.category} onChange={(v) => set('category', v)} />

        <Text className='pp-label'>情况分析</Text>
        <Textarea className='pp-textarea pp-analysis' placeholder={`现状、问题及原因（至少 ${PROPOSAL_LIMITS.analysisMin} 个字）`} value={draft.analysis} maxlength={-1} autoHeight onInput={(e) => set('analysis', clampCharacters(e.detail.value, PROPOSAL_LIMITS.analysisMax))} />
        <Text className={`pp-count${counts.analysis > PROPOSAL_LIMITS.analysisMax ? ' pp-count--over' : ''}`}>{counts.analysis}/{PROPOSAL_LIMITS.analysisMax}</Text>

        <Text className='pp-label'>具体建议</Text>
        <Textarea className='pp-textarea pp-suggestions' placeholder={`可操作的具体办法（至少 ${PROPOSAL_LIMITS.suggestionsMin} 个字）`} value={draft.suggestions} maxlength={-1} autoHeight onInput={(e) => set('suggestions', clampCharacters(e.detail.value, PROPOSAL_LIMITS.suggestionsMax))} />
        <Text className={`pp-count${counts.suggestions > PROPOSAL_LIMITS.suggestionsMax ? ' pp-count--over' : ''}`}>{counts.suggestions}/{PROPOSAL_LIMITS.suggestionsMax}</Text>

        <Text className='pp-label'>建议承办单位（选填，最多 {PROPOSAL_LIMITS.suggestedUnits} 个）</Text>
        <StateView loading={units.loading} error={units.error} onRetry={() => void units.reload()} loadingText='正在加载单位…' empty={unitList.length === 0} emptyText='暂无承办单位'>
          <View className='pp-chips' role='group' aria-label='建议承办单位'>
            {unitList.map((u) => {
              const on = draft.units.some((x) => x.id === u.id)
              return (
                <View key={u.id} role='checkbox' aria-checked={on} className={`pp-chip-pick${on ? ' pp-chip-pick--on' : ''}`} onClick={() => set('units', on ? draft.units.filter((x) => x.id !== u.id) : [...draft.units, { id: u.id, name: u.name }].slice(0, PROPOSAL_LIMITS.suggestedUnits))}>
                  <Text>{u.name}</Text>
                </View>
              )
            })}
          </View>
        </StateView>

        <MemberPicker
          label='联名委员'
          hint={invited.length ? `选填。已邀请：${invited.map((c) => `${c.name}（${c.statusLabel}）`).join('、')}` : '选填，按姓名查找后点选'}
          search={searchCosigners}
          value={draft.cosigners}
          onChange={(next) => set('cosigners', next)}
          max={Math.max(0, PROPOSAL_LIMITS.cosigners - invited.length)}
          maxMessage={`联名人最多 ${PROPOSAL_LIMITS.cosigners} 位`}
          placeholder='输入委员姓名查找'
        />

        <Text className='pp-label'>附件（选填，图片、PDF 或 Word，最多 {PROPOSAL_LIMITS.attachments} 个）</Text>
        {draft.attachments.map((a, i) => (
          <View key={a.fileID} className='pp-search'>
            <Text className='pp-search__input'>{a.name || `附件 ${i + 1}`}</Text>
            <Button size='small' fill='none' onClick={() => set('attachments', draft.attachments.filter((x) => x.fileID !== a.fileID))}>
              删除
            </Button>
          </View>
        ))}
        {draft.attachments.length < PROPOSAL_LIMITS.attachments ? (
          <Button size='small' fill='outline' disabled={uploading} onClick={() => void addAttachment()}>
            {uploading ? '正在上传…' : '+ 添加附件'}
          </Button>
        ) : null}

        <View className='pp-chips'>
          <View role='switch' aria-checked={draft.mayPublish} aria-label='同意公开' className={`pp-chip-pick${draft.mayPublish ? ' pp-chip-pick--on' : ''}`} onClick={() => set('mayPublish', !draft.mayPublish)}>
            <Text>同意立案后向社会公开：{draft.mayPublish ? '是' : '否'}</Text>
          </View>
          <View role='switch' aria-checked={draft.notify} aria-label='接收进展通知' className={`pp-chip-pick${draft.notify ? ' pp-chip-pick--on' : ''}`} onClick={() => set('notify', !draft.notify)}>
            <Text>通过微信服务通知接收办理进展：{draft.notify ? '是' : '否'}</Text>
          </View>
        </View>

        {error ? (
          <View className='pp-error' role='alert'>
            <Text>{error.message}</Text>
          </View>
        ) : null}
        {saved ? (
          <View className='pp-note' role='status'>
            <Text>{saved}</Text>
          </View>
        ) : null}
        <View className='pp-actions'>
          <Button className='pp-save' fill='outline' type='primary' disabled={busy || uploading || !term} onClick={() => void onSave()}>
            保存草稿
          </Button>
          <Button className='pp-submit' type='primary' loading={busy} disabled={busy || uploading || !term} onClick={() => void onSubmit()}>
            提交提案
          </Button>
        </View>
        <Text className='pp-hint'>{draft.savedAt || restored ? '草稿已自动保存在本机' : '填写内容会自动保存在本机'}</Text>
      </View>
    </StateView>
  )
}

