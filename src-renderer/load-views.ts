// Imported first by main.ts, so this runs before the connection's modules evaluate: the views'
// chunk is on its way while they do.
export const views = import('./mount-app')
