/**
 * One echarts chart on the desk console (issue 10): echarts 6 loaded through
 * `echarts/core` with only the bar and line charts, grid, tooltip, legend
 * and the canvas renderer, so the Year screen's chunk stays small. Resizes
 * with its box; disposed on unmount. The option's numbers are also in the
 * aria-label (`label`).
 */
import { useEffect, useRef } from 'react'
import * as echarts from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export type EChartOption = Parameters<echarts.ECharts['setOption']>[0]

export function EChart({ option, height = 260, label }: { option: EChartOption; height?: number; label: string }) {
  const box = useRef<HTMLDivElement | null>(null)
  const chart = useRef<echarts.ECharts | undefined>()
  useEffect(() => {
    if (!box.current) return
    const c = echarts.init(box.current)
    chart.current = c
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => c.resize())
    observer?.observe(box.current)
    return () => {
      observer?.disconnect()
      c.dispose()
      chart.current = undefined
    }
  }, [])
  useEffect(() => {
    chart.current?.setOption(option, true)
  }, [option])
  return <div ref={box} role='img' aria-label={label} className='echart' style={{ width: '100%', height }} />
}
