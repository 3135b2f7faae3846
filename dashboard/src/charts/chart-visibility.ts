// Whether the charts below are on screen. A rotating zone keeps its hidden
// panels mounted (their charts are created once), but a hidden chart need not
// redraw on every tick: it takes its newest option when it shows again.
import { createContext } from 'react'

export const ChartVisibility = createContext(true)
