/**
 * A small chart drawn by @antv/f2 (issue 10: "drawn by a charting library
 * made for mini-programs and H5, not by hand"). On weapp it draws on a
 * `<Canvas type="2d">` node found by a selector query; on H5 on a DOM
 * `<canvas>`. Three shapes: `bar` (one bar per label, or side-by-side bars per
 * series, e.g. this year and the year before), `hbar` (the same, lying
 * down: long Chinese names stay readable), `stack` (stacked bars per label)
 * and `line` (one value per label, e.g. per month). The title is shown above
 * the chart.
 *
 * Not exported from the components barrel on purpose: only the year
 * subpackage imports it, so F2 is bundled there and never in the main
 * package (weapp main package ≤ 1 MB).
 *
 * The same numbers are in the wrapper's aria-label (screen readers, and
 * where no canvas can be drawn, e.g. jsdom).
 *
 * Labels at the chart's edges (issue 10: the last value label was cut at
 * the right edge in the H5 build). F2 sizes its theme (the canvas padding
 * `30px`, the label offset, the default label font) through `px2hd`, whose
 * default reads the page's root font size once: 50 in the mini-program
 * (scale 0.5, 15 px padding) but Taro's H5 rem root (40 px at 375 wide,
 * about 34 px at 320), which shrank the padding to 10-12 px, less than half
 * a "1,600" label; a bottom axis label is centred on its tick and F2 reserves
 * no room for it (only with labelAutoRotate/Hide), and its `align`
 * (default `center`) overwrites any `textAlign` given. So: a fixed px2hd
 * (750-wide design px / 2, the same on every platform) and `align: 'auto'`
 * on the axes' labels, which F2 shifts inside the plot's left and right edge.
 */
import { useEffect, useRef } from 'react'
import { View, Text, Canvas as TaroCanvas } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Axis, Canvas, Chart, Interval, Legend, Line, Point, jsx as f2jsx } from '@antv/f2'
import { useCareMode } from '../hooks/useCareMode'
import './F2Chart.scss'

/** F2's element factory with loose types (its component generics do not fit a call without JSX). */
const jsx = f2jsx as unknown as (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) => unknown

export interface ChartDatum {
  /** X-axis label (Chinese). */
  label: string
  value: number
  /** Series name (Chinese), e.g. 2026年 / 2025年; one colour each. */
  series?: string
}

export interface F2ChartProps {
  /** Unique on the page (the weapp selector query finds the canvas by it). */
  id: string
  kind: 'bar' | 'hbar' | 'stack' | 'line'
  data: ChartDatum[]
  /** What the chart shows, in words (read out with the numbers). */
  title: string
  /** Height in px (default 200; 1.3 times that in care mode, for the larger labels). */
  height?: number
}

const colors = ['#b8202a', '#f0a35e', '#5b8ff9', '#5ad8a6']

/** F2's theme sizes are 750-wide design px: half of them in CSS px, on weapp and H5 alike (see above). */
export const chartPx2hd = (px: number): number => Number((px / 2).toFixed(1))

/** Label sizes in CSS px: larger in care mode (长辈模式). */
function labelSizes(care: boolean) {
  return care ? { category: 14, value: 13, legend: 14 } : { category: 11, value: 10, legend: 12 }
}

/** The F2 element tree for the props (F2's own JSX factory, not React's). */
function chartTree(props: F2ChartProps, care: boolean, ctx: unknown, width: number, height: number, pixelRatio: number) {
  const series = Array.from(new Set(props.data.map((d) => d.series).filter(Boolean)))
  const geometry =
    props.kind === 'line'
      ? [jsx(Line, { x: 'label', y: 'value', color: colors[0] }), jsx(Point, { x: 'label', y: 'value', color: colors[0] })]
      : [
          jsx(Interval, {
            x: 'label',
            y: 'value',
            ...(series.length ? { color: { field: 'series', range: colors }, adjust: props.kind === 'stack' ? 'stack' : 'dodge' } : { color: colors[0] })
          })
        ]
  // A transposed chart draws its first category at the bottom: reverse it so the list reads top-down.
  const data = props.kind === 'hbar' ? [...props.data].reverse() : props.data
  const size = labelSizes(care)
  const chart = jsx(
    Chart,
    { data, scale: { value: { min: 0, nice: true } }, ...(props.kind === 'hbar' ? { coord: { transposed: true } } : {}) },
    // 'auto': a label at the bottom axis's first or last tick is moved inside the plot, never cut by the canvas edge
    jsx(Axis, { field: 'label', style: { label: { fontSize: size.category, align: 'auto' } } }),
    jsx(Axis, { field: 'value', tickCount: 4, style: { label: { fontSize: size.value, align: 'auto' } } }),
    ...geometry,
    ...(series.length ? [jsx(Legend, { position: 'top', marker: 'square', nameStyle: { fontSize: size.legend }, style: { justifyContent: 'center' } })] : [])
  )
  return jsx(Canvas, { context: ctx, pixelRatio, width, height, animate: false, px2hd: chartPx2hd }, chart)
}

/** Numbers in words for the aria-label: "2026年 视察调研 61；…". */
function describe(props: F2ChartProps): string {
  return `${props.title}：${props.data.map((d) => `${d.series ? `${d.series} ` : ''}${d.label} ${d.value}`).join('；')}`
}

export function F2Chart(props: F2ChartProps) {
  // Care mode (长辈模式, hooks/useCareMode.ts): larger labels, a taller chart.
  const { care } = useCareMode()
  const height = Math.round((props.height ?? 200) * (care ? 1.3 : 1))
  const domCanvas = useRef<HTMLCanvasElement | null>(null)
  const key = JSON.stringify([props.kind, props.data, care])

  useEffect(() => {
    let chart: { render(): Promise<void>; destroy(): void } | undefined
    let cancelled = false
    const draw = (ctx: unknown, width: number, pixelRatio: number) => {
      if (cancelled || !ctx || !width) return
      const tree = chartTree(props, care, ctx, width, height, pixelRatio) as { props: ConstructorParameters<typeof Canvas>[0] }
      chart = new Canvas(tree.props)
      void chart.render().catch(() => undefined)
    }
    try {
      if (process.env.TARO_ENV === 'weapp') {
        // after the render reached the view layer, or the query finds no node
        Taro.nextTick(() =>
          Taro.createSelectorQuery()
            .select(`#${props.id}`)
            .fields({ node: true, size: true })
            .exec((res: { node?: { getContext(t: string): unknown; width: number; height: number }; width?: number; height?: number }[]) => {
              const node = res?.[0]?.node
              if (!node) return
              const dpr = Taro.getSystemInfoSync().pixelRatio || 2
              const width = res[0].width ?? 300
              node.width = width * dpr
              node.height = height * dpr
              draw(node.getContext('2d'), width, dpr)
            })
        )
      } else {
        const el = domCanvas.current
        if (el) {
          const dpr = (typeof window !== 'undefined' && window.devicePixelRatio) || 1
          const width = el.clientWidth || el.parentElement?.clientWidth || 0
          el.width = width * dpr
          el.height = height * dpr
          // no 2D context (e.g. jsdom): nothing drawn, the aria-label carries the numbers
          draw(el.getContext('2d'), width, dpr)
        }
      }
    } catch {
      /* a chart that cannot be drawn leaves the figures (shown as text beside it) */
    }
    return () => {
      cancelled = true
      chart?.destroy()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, height, props.id])

  return (
    <View className='f2-chart' role='img' aria-label={describe(props)}>
      <Text className='f2-chart__title' aria-hidden>
        {props.title}
      </Text>
      {process.env.TARO_ENV === 'weapp' ? (
        <TaroCanvas type='2d' id={props.id} className='f2-chart__canvas' style={{ height: `${height}px` }} />
      ) : (
        <canvas ref={domCanvas} className='f2-chart__canvas' style={{ width: '100%', height: `${height}px` }} />
      )}
    </View>
  )
}
