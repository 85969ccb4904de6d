// Must stay the first import: see load-views.ts.
import { views } from './load-views'
import { connectApi } from './lib/api/client'
import { primeCalls } from './lib/api/primed'
import { firstQueries, opensOnOverview } from './lib/first-queries'
import './styles.css'

const target = document.getElementById('app')
if (!target) throw new Error('index.html has no #app element')

// The socket opens and the first rows are asked for now; the views come in a second chunk, so
// that round trip overlaps their download, compilation and mount instead of following them. The
// contract's schemas (zod) come in a third chunk the views start fetching: nothing on the first
// screen runs them.
const api = primeCalls(connectApi(), firstQueries(location.hash))
void views.then(({ mountApp }) => mountApp(target, api))
// The Overview's charts are a chunk of their own: on the start view it is fetched and compiled
// beside the views, not after they have mounted and the figures have come.
if (opensOnOverview(location.hash)) void import('./lib/overview-chart')
