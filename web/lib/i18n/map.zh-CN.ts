/** The maps' words (web/lib/map). */
export default {
  loading: '地图加载中…',
  failed: '地图暂时无法加载，请检查网络后重试',
  approximateShort: '近似范围',
  approximateLegend: '虚线为近似范围：按各镇街、社区位置推算，非正式边界',
  zoomIn: '放大',
  zoomOut: '缩小',
  reset: '复位',
  pinCentre: '在中心放置',
  caseAt: '事件位置',
  noPoint: '上报时未提供位置',
};
