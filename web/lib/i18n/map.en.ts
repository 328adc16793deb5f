import type zhCN from './map.zh-CN';

/** English twin of map.zh-CN.ts. */
export default {
  loading: 'Loading the map…',
  failed: 'The map could not be loaded; check the network and try again',
  approximateShort: 'approximate',
  approximateLegend: 'Dashed lines are approximate areas, derived from the positions of towns and communities, not official boundaries',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  reset: 'Reset',
  pinCentre: 'Pin at centre',
  caseAt: 'Where the case is',
  noPoint: 'No position was given with the report',
} satisfies typeof zhCN;
