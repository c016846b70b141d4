/**
 * The one question before an irreversible step (issue 12 item 2): a WeChat
 * modal whose title names the action (“确定不采用这条信息？”), whose confirm
 * button repeats it (不采用) and whose cancel button is 再想想. Resolves true
 * only on the confirm tap; a closed or failed dialog is a "no", so nothing
 * irreversible happens without an explicit yes.
 */
import Taro from '@tarojs/taro'

export interface AskFirstOptions {
  /** The question, naming the action and its object: `确定不采用这条信息？`. */
  question: string
  /** The confirm button: the action's own verb, at most 4 Chinese characters (WeChat's limit). */
  confirm: string
  /** Optional consequence in one sentence: `提交人会看到不采用的理由。`. */
  detail?: string
}

export async function askFirst(options: AskFirstOptions): Promise<boolean> {
  try {
    const answer = await Taro.showModal({ title: options.question, content: options.detail ?? '', confirmText: options.confirm.slice(0, 4), cancelText: '再想想' })
    return Boolean(answer?.confirm)
  } catch {
    return false
  }
}
