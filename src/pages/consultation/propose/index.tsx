/**
 * 提出议题: anyone signed in proposes a consultation topic (title,
 * description, category, place, images). Before saving, open topics with a
 * similar title and description are shown (topic.similar) with 附议 so the
 * person can support one instead; "仍要提交" sends the proposal with
 * `ignoreSimilar`. While the title is typed, the same look-up shows similar
 * topics under it (a hint that links to them). Consent to notices is asked
 * in the submit tap. Title and description are cut at their limits by
 * characters as people see them (clampCharacters) with a counter.
 */
import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Textarea } from '@tarojs/components'
import { topicCategories, type SimilarTopic } from '../../../core/actions/topic'
import { topicStateLabels } from '../../../core/states'
import { PageShell, Section, ListRow, Button, Input, Badge, CharCount } from '../../../components'
import { useMe, useMutation, navigate } from '../../../hooks'
import { askConsent, Chips, ErrorLine, Field, ImagePicker, toast } from '../ui'
import '../ui.scss'
import { clampCharacters, typedCharacters } from '../../../core/text'

export default function ProposeTopic() {
  const me = useMe()
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [category, setCategory] = useState<(typeof topicCategories)[number]>()
  const [place, setPlace] = useState('')
  const [images, setImages] = useState<string[]>([])
  const [similar, setSimilar] = useState<SimilarTopic[]>()
  const [supported, setSupported] = useState<string[]>([])
  const check = useMutation('topic.similar')
  const propose = useMutation('topic.propose')
  const support = useMutation('topic.support')
  const lookup = useMutation('topic.similar')
  const [hints, setHints] = useState<SimilarTopic[]>([])
  const latestTitle = useRef('')

  // While the title is typed (4 characters or more, 600 ms after the last key):
  // similar open topics, so the person can support one before writing the rest.
  // A hint only: a failed look-up shows nothing, an answer for an older title is dropped.
  const runLookup = lookup.run
  useEffect(() => {
    latestTitle.current = title
    if (typedCharacters(title) < 4) {
      setHints([])
      return
    }
    const timer = setTimeout(() => {
      runLookup({ title }).then(
        (found) => {
          if (latestTitle.current === title) setHints(found.items)
        },
        () => undefined
      )
    }, 600)
    return () => clearTimeout(timer)
  }, [title, runLookup])

  const input = { title, description, category: category as (typeof topicCategories)[number], place, images }

  const send = async (ignoreSimilar: boolean) => {
    const subscribe = await askConsent()
    try {
      const made = await propose.run({ ...input, subscribe, ignoreSimilar })
      toast('议题已提交', 'success')
      // The reference number to quote (issue 12 item 9), said before leaving the form.
      await Promise.resolve()
        .then(() => Taro.showModal({ title: '议题已提交', content: `受理编号：${made.refNo}\n可在议题页查看附议和办理进展。`, showCancel: false, confirmText: '知道了' }))
        .catch(() => undefined)
      void navigate(`/pages/topic/index?id=${made.id}`, { replace: true })
    } catch (e) {
      const details = (e as { code?: string; details?: { similar?: SimilarTopic[] } })
      if (details.code === 'TOPIC.SIMILAR_FOUND' && details.details?.similar) setSimilar(details.details.similar)
    }
  }

  /** Step 1: look for similar open topics; none → submit at once. */
  const next = async () => {
    try {
      const found = await check.run({ title, description })
      if (found.items.length > 0) setSimilar(found.items)
      else await send(true)
    } catch {
      /* shown below */
    }
  }

  const supportInstead = async (id: string) => {
    const subscribe = await askConsent()
    try {
      await support.run({ id, subscribe })
      setSupported((s) => [...s, id])
      toast('附议成功', 'success')
    } catch {
      /* shown below */
    }
  }

  if (similar && similar.length > 0) {
    return (
      <PageShell back title='提出协商议题'>
        <Section title='已有相似的议题'>
          <Text className='cx-hint'>下面的议题与您要提出的相似，可以直接附议，让问题更快得到协商。</Text>
          {similar.map((s) => (
            <View key={s.id}>
              <ListRow
                title={s.title}
                subtitle={`${topicStateLabels[s.state]} · ${s.supportCount} 人附议 · 相似度 ${Math.round(s.score * 100)}%`}
                onClick={() => void navigate(`/pages/topic/index?id=${s.id}`)}
              />
              {supported.includes(s.id) ? (
                <Badge tone='success'>已附议</Badge>
              ) : (
                <Button size='small' type='primary' loading={support.pending} onClick={() => void supportInstead(s.id)}>
                  附议此议题
                </Button>
              )}
            </View>
          ))}
          <ErrorLine error={support.error ?? propose.error} />
          <View className='cx-buttons'>
            <Button fill='outline' onClick={() => setSimilar(undefined)}>
              返回修改
            </Button>
            <Button type='primary' loading={propose.pending} disabled={propose.pending} onClick={() => void send(true)}>
              不是同一问题，仍要提交
            </Button>
          </View>
        </Section>
      </PageShell>
    )
  }

  return (
    <PageShell back title='提出协商议题'>
      <View className='cx-card'>
        <Field label='议题标题' hint='4–40 个字，说清楚是什么问题'>
          <Input placeholder='例如：老旧小区加装电梯' value={title} onChange={(v: string) => setTitle(clampCharacters(v, 40))} />
          <CharCount value={title} max={40} />
          {hints.length > 0 ? (
            <View className='cx-similar-hint' role='status'>
              <Text className='cx-hint'>已有相似的议题，可以直接附议：</Text>
              {hints.slice(0, 3).map((h) => (
                <ListRow key={h.id} title={h.title} subtitle={`${topicStateLabels[h.state]} · ${h.supportCount} 人附议`} onClick={() => void navigate(`/pages/topic/index?id=${h.id}`)} />
              ))}
            </View>
          ) : null}
        </Field>
        <Field label='问题描述' hint='10–2000 个字：现状、影响、您的建议'>
          <Textarea className='cx-textarea' value={description} maxlength={-1} placeholder='请描述问题和建议' onInput={(e) => setDescription(clampCharacters(e.detail.value, 2000))} aria-label='问题描述' />
          <CharCount value={description} max={2000} multiline />
        </Field>
        <Field label='类别'>
          <Chips label='类别' options={topicCategories.map((c) => ({ value: c, label: c }))} value={category} onChange={setCategory} />
        </Field>
        <Field label='地点（选填）'>
          <Input placeholder='乡镇、街道或小区' value={place} onChange={(v: string) => setPlace(clampCharacters(v, 60))} />
        </Field>
        <Field label='图片（选填）'>
          <ImagePicker openid={me.data?.openid} folder='topics' value={images} onChange={setImages} label='添加图片' />
        </Field>
        <ErrorLine error={check.error ?? propose.error} />
        <Button className='cx-button' type='primary' block loading={check.pending || propose.pending} disabled={check.pending || propose.pending} onClick={() => void next()}>
          提交议题
        </Button>
      </View>
    </PageShell>
  )
}
