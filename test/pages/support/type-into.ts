/**
 * Types `value` into a Taro form field in jsdom. Taro's Input renders a plain
 * <input> at once, but its Textarea is a stencil element
 * (`taro-textarea-core`) that renders its inner <textarea> asynchronously; a
 * test that looks for the inner element too early finds nothing. So: the
 * inner field when there is one, else the host gets the `input` event with
 * `detail.value`, as Taro's runtime delivers it.
 *
 * `field` is the field's host (or the field itself), or a container holding
 * exactly the one field meant.
 */
import { fireEvent } from '@testing-library/react'

export function typeInto(field: Element | null, value: string): void {
  if (!field) throw new Error('no field to type into')
  const own = field.matches('input, textarea, taro-textarea-core, taro-input-core') ? field : field.querySelector('taro-textarea-core, taro-input-core, input, textarea')
  if (!own) throw new Error('no input or textarea in this element')
  const inner = own.matches('input, textarea') ? own : own.querySelector('input, textarea')
  if (inner) fireEvent.input(inner, { target: { value } })
  else own.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
}
