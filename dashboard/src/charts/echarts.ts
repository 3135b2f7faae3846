// ECharts with only what the wall draws, to keep the bundle small. The SVG
// renderer draws vectors, so charts stay crisp at whatever scale the wall's
// canvas is fitted to (a canvas renderer would be bitmap-scaled with it).
import { BarChart, LineChart, ScatterChart } from 'echarts/charts'
import { GeoComponent, GridComponent, LegendComponent, MarkLineComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

echarts.use([BarChart, LineChart, ScatterChart, GeoComponent, GridComponent, LegendComponent, MarkLineComponent, SVGRenderer])

export { echarts }
export type { EChartsCoreOption } from 'echarts/core'
