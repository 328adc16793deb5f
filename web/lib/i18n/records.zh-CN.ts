/**
 * 简体中文 strings of editing base information (小区, 楼栋, 房屋, 车辆, 网格), 账号管理's forms,
 * and 查看完整号码; the English file mirrors these keys.
 */
const messages = {
  reveal: {
    button: '查看完整号码',
    buttonLabel: '查看完整{what}',
    title: '查看完整{what}',
    explain: '完整号码仅用于本次工作，查看记录（含原因）将写入审计日志。',
    reason: '查看原因',
    reasonPlaceholder: '例如：回访报告人，了解处理结果',
    reasonRequired: '请填写查看原因（至少4个字）',
    submit: '确认查看',
    call: '拨打 {number}',
    idCard: '身份证号码',
    phone: '联系电话',
  },
  ownId: {
    show: '身份证号码已隐藏，点按显示完整号码',
    hide: '身份证号码已显示，点按隐藏',
    showHint: '点按显示',
    hideHint: '点按隐藏',
  },
  contacts: {
    title: '报告人联系方式',
    none: '无报告人联系方式',
    anonymous: '匿名上报，不显示联系方式',
    noPhone: '未留电话',
    onlyHandlers: '只有受理或承办该事件的人员可以查看完整号码并回访。',
    reportedAt: '{source} · {time}',
  },
};

export default messages;
export type RecordsMessages = typeof messages;
