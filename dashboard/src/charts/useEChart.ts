// One ECharts instance per chart element, created when the element mounts and
// disposed when it unmounts; every later change is a setOption on the same
// instance (merged, drawn on the next frame). A ResizeObserver keeps the chart
// the size of its element and is disconnected with it. Nothing else is kept,
// so a wall that runs for days holds the same charts it started with. The
// instance is also on its element (`echartsInstance`), so what a chart draws
// can be read back with getOption() from the browser (the tests do, as would
// someone at the developer tools).
import { useContext, useEffect, useRef, useState, type RefObject } from 'react'
import { ChartVisibility } from './chart-visibility.ts'
import { echarts, type EChartsCoreOption } from './echarts.ts'

const CHART_FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"

/**
 * Whole-chart styling shared by every chart on the wall (dark, large type).
 * The font is named, not a CSS variable: ECharts measures text itself to lay
 * out axes, and a font it cannot resolve measures narrower than the one drawn,
 * cutting labels.
 */
const BASE: EChartsCoreOption = {
  backgroundColor: 'transparent',
  textStyle: { fontFamily: CHART_FONT, color: '#c9d7ee', fontSize: 20 },
  animationDuration: 400,
  animationDurationUpdate: 400,
}

/**
 * The chart's element, its width and the label size that suits it: charts on
 * a stitched wall are several times larger than on one screen, and their text
 * grows with them (20 to 34 design px). A chart that places labels by the room
 * it has (the trend's time axis) reads the width.
 */
export function useChartBox(): { ref: RefObject<HTMLDivElement | null>; font: number; width: number } {
  const ref = useRef<HTMLDivElement>(null)
  const [font, setFont] = useState(20)
  const [width, setWidth] = useState(0)
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const observer = new ResizeObserver(() => {
      setFont(Math.round(Math.min(34, Math.max(20, element.clientHeight / 20))))
      setWidth(element.clientWidth)
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  return { ref, font, width }
}

/**
 * Draws `option` (memoised on the data it is built from, so unchanged data
 * does not redraw) in the element; while the chart is hidden (ChartVisibility)
 * the newest option waits until it shows.
 */
export function useEChart(ref: RefObject<HTMLDivElement | null>, option: EChartsCoreOption | null): void {
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null)
  const visible = useContext(ChartVisibility)

  useEffect(() => {
    const element = ref.current
    if (!element) return
    const instance = echarts.init(element, null, { renderer: 'svg' })
    instance.setOption(BASE)
    chart.current = instance
    Object.defineProperty(element, 'echartsInstance', { value: instance, configurable: true })
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(element)
    return () => {
      observer.disconnect()
      delete (element as { echartsInstance?: unknown }).echartsInstance
      instance.dispose()
      chart.current = null
    }
  }, [ref])

  useEffect(() => {
    if (visible && option && chart.current) chart.current.setOption(option, { notMerge: false, lazyUpdate: true })
  }, [option, visible])
}
