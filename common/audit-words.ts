/**
 * The audit log in words (审计日志): one entry per action, so that a new audited action is one
 * line here. `label` names the action in the filter; `words` says what happened, after the
 * actor's name: "张三" + " 查看了 李四 的特殊人群信息". Server (presenter, exports) and admin
 * client (the action filter) both read this table.
 */
export interface AuditFacts {
  /** What the line is about, by name ('李四', '鲁A12345'), or a stand-in when it is gone. */
  subject: string;
  /** The line's detail as stored (numbers in it already masked). */
  detail: Record<string, unknown>;
}

interface ActionWords {
  label: string;
  words: (facts: AuditFacts) => string;
}

/** '（原因：…）' when the detail gives a reason in words; nothing otherwise. */
export const reasonOf = ({ detail }: AuditFacts) =>
  typeof detail.reason === 'string' && detail.reason.trim() ? `（原因：${detail.reason.trim()}）` : '';

const countOf = (value: unknown) => (typeof value === 'number' ? value : null);
const exportEnd = (what: string) => ({
  done: { label: `${what}完成`, words: (f: AuditFacts) => `完成了${what}（${countOf(f.detail.rows) ?? 0} 行）` },
  aborted: {
    label: `${what}中断`,
    words: (f: AuditFacts) =>
      `的${what}中断（${f.detail.reason === 'client_closed' ? '下载被取消' : '出错'}，已写出 ${countOf(f.detail.rows) ?? 0} 行）`,
  },
});
const residentsExport = exportEnd('导出居民');
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const REVEALED = { idCard: '身份证号码', phone: '手机号码' } as Record<string, string>;
const housesExport = exportEnd('导出房屋');

/** "（平政办发〔2023〕5号）" after a subject that is not itself the number; nothing when the detail has none. */
const numberOf = ({ detail }: AuditFacts) => (typeof detail.number === 'string' ? detail.number : '');
const said = (label: string, words: (f: AuditFacts) => string): ActionWords => ({ label, words });

/**
 * The county office's work (docs/decisions/042–046): the library, 依申请公开, 重大决策预公开,
 * 督查督办 and 提案办理. The subject is the record's number or title (文件 平政办发〔2023〕5号,
 * 申请 YS2024-…, 提案 第1102097号).
 */
const COUNTY_OFFICE_ACTIONS: Record<string, ActionWords> = {
  documents_imported: said(
    '文件入库',
    (f) =>
      `把公报 ${text(f.detail.source)} 的文件收入文件库（新增 ${countOf(f.detail.created) ?? 0} 份，更新 ${countOf(f.detail.updated) ?? 0} 份）`,
  ),
  document_created: said('录入文件', (f) => `录入了文件 ${f.subject || numberOf(f)}`),
  document_text_edited: said('修改文件正文', (f) => `修改了文件 ${f.subject || numberOf(f)} 的正文`),
  document_updated: said('修改文件属性', (f) => `修改了文件 ${f.subject || numberOf(f)} 的公开属性、主题或效力`),
  document_published: said('主动公开发布', (f) => {
    const exempt = text(f.detail.syncExemptionReason);
    return `主动公开发布了文件 ${f.subject || numberOf(f)}${exempt ? `（未同步解读，理由：${exempt}）` : ''}`;
  }),
  document_withdrawn: said('撤回发布', (f) => `撤回了文件 ${f.subject || numberOf(f)} 的发布${reasonOf(f)}`),
  document_interpretation_added: said('添加解读', (f) => `为文件 ${f.subject} 添加了解读《${text(f.detail.title)}》`),
  document_interpretation_removed: said('删除解读', (f) => `删除了文件 ${f.subject} 的一篇解读`),
  document_file_uploaded: said('上传文件附件', (f) => `为文件 ${f.subject} 上传了附件 ${text(f.detail.fileName)}`),
  document_file_removed: said('删除文件附件', (f) => `删除了文件 ${f.subject} 的附件 ${text(f.detail.fileName)}`),
  gazette_issue_created: said('新建公报期次', (f) => `新建了${f.subject}`),
  gazette_issue_documents_set: said('编排公报', (f) => `编排了${f.subject}的文件`),
  gazette_issue_published: said('发布公报', (f) => `发布了${f.subject}`),

  disclosure_submit: said('提交公开申请', (f) => `在网上提交了政府信息公开申请 ${f.subject}`),
  disclosure_register: said('登记公开申请', (f) => `登记了政府信息公开申请 ${f.subject}（信函或当面提交）`),
  disclosure_accept: said('受理公开申请', (f) => `受理了政府信息公开申请 ${f.subject}`),
  disclosure_request_correction: said('通知补正', (f) => `通知申请 ${f.subject} 的申请人补正`),
  disclosure_receive_correction: said('收到补正', (f) => `收到了申请 ${f.subject} 的补正材料`),
  disclosure_close_uncorrected: said('逾期未补正', (f) => `以逾期未补正结束了申请 ${f.subject}`),
  disclosure_start_consultation: said('征求意见', (f) => `就申请 ${f.subject} 开始征求第三方或其他机关意见`),
  disclosure_end_consultation: said('结束征求意见', (f) => `结束了申请 ${f.subject} 的征求意见`),
  disclosure_extend: said('延长答复期限', (f) => `延长了申请 ${f.subject} 的答复期限${reasonOf(f)}`),
  disclosure_set_fee: said('核定信息处理费', (f) => `核定了申请 ${f.subject} 的信息处理费`),
  disclosure_reply: said('答复公开申请', (f) => `答复了申请 ${f.subject}`),
  disclosure_archive: said('归档公开申请', (f) => `归档了申请 ${f.subject}`),
  disclosure_note: said('申请办理备注', (f) => `为申请 ${f.subject} 写了内部备注`),

  decision_create: said('列入决策目录', (f) => `把 ${f.subject || `《${text(f.detail.title)}》`} 列入重大决策事项目录`),
  decision_open_consultation: said('决策公开征求意见', (f) => `公开了 ${f.subject} 的草案，征求意见`),
  decision_comment: said('提交决策意见', (f) => `对 ${f.subject} 提交了意见`),
  decision_moderate: said('审核决策意见', (f) => `审核了对 ${f.subject} 的一条意见`),
  decision_close_consultation: said('结束决策征求意见', (f) => `结束了 ${f.subject} 的征求意见`),
  decision_mark_adoption: said('标注意见采纳情况', (f) => `标注了对 ${f.subject} 的一条意见的采纳情况`),
  decision_decide: said('公布决策结果', (f) => `公布了 ${f.subject} 的决策结果`),

  task_list_create: said(
    '录入任务清单',
    (f) => `录入了任务清单 ${f.subject || text(f.detail.title)}（${countOf(f.detail.tasks) ?? 0} 项任务）`,
  ),
  task_update: said('修改任务', (f) => `修改了任务“${f.subject}”`),
  task_complete: said('任务办结', (f) => `把任务“${f.subject}”标为办结`),
  task_reopen: said('任务重新办理', (f) => `把任务“${f.subject}”改回办理中`),
  task_report: said('报送任务进展', (f) => `以${text(f.detail.unit)}名义报送了任务“${f.subject}”${text(f.detail.month)}的进展`),
  task_evidence: said('上传任务佐证', (f) => `为任务“${f.subject}”上传了佐证材料`),
  task_remind: said('催办', (f) => `催办了任务“${f.subject}”`),
  task_notice: said('督办通知', (f) => `就任务“${f.subject}”发出了督办通知`),
  task_assessment_record: said('记录考核', (f) => `记录了任务清单 ${f.subject} 的考核（${countOf(f.detail.units) ?? 0} 个单位）`),
  export_tasks: said('导出任务清单', (f) => `导出了任务清单 ${f.subject}（${countOf(f.detail.rows) ?? 0} 项）`),

  proposal_session_created: said('新建会议届次', () => '新建了提案、建议的会议届次'),
  proposal_registered: said('登记提案', (f) => `登记了${f.subject}`),
  proposal_imported: said('导入提案答复', (f) => `从公报导入了${f.subject}及其答复 ${text(f.detail.replyDocument)}`),
  proposal_reviewed: said(
    '提案立案审查',
    (f) => `审查了${f.subject}（${f.detail.state === 'not_filed' ? '不予立案' : '立案'}）${reasonOf(f)}`,
  ),
  proposal_assigned: said('交办提案', (f) => `交办了${f.subject}`),
  proposal_returned: said('退回提案', (f) => `退回了${f.subject}${reasonOf(f)}`),
  proposal_opinion_sent: said('送会办意见', (f) => `就${f.subject}向主办单位送出会办意见`),
  proposal_extended: said('延期答复提案', (f) => `延长了${f.subject}的答复期限${reasonOf(f)}`),
  proposal_replied: said('答复提案', (f) => `答复了${f.subject}`),
  proposal_feedback_recorded: said('录入提案者反馈', (f) => `录入了${f.subject}的提案者意见反馈（附件5）`),
  proposal_evaluated: said('提案质量评议', (f) => `对${f.subject}作了质量评议（${countOf(f.detail.total) ?? '?'} 分）`),
};

export const AUDIT_ACTIONS: Record<string, ActionWords> = {
  login: { label: '登录', words: () => '登录了系统' },
  login_failed: { label: '登录失败', words: (f) => `登录失败（连续第 ${countOf(f.detail.failures) ?? '?'} 次）` },
  login_unlocked: { label: '解除登录限制', words: (f) => `清除了 ${f.subject} 的登录失败记录` },
  import_gazette: {
    label: '导入公报',
    words: (f) =>
      `导入了公报 ${text(f.detail.source)}（${countOf(f.detail.documents) ?? 0} 份文件，${countOf(f.detail.warnings) ?? 0} 条提示）`,
  },
  password_changed: { label: '修改密码', words: () => '修改了自己的密码' },
  password_change_failed: { label: '修改密码失败', words: () => '修改密码时输错了当前密码' },
  read_special_groups: { label: '查看特殊人群', words: (f) => `查看了 ${f.subject} 的特殊人群信息${reasonOf(f)}` },
  read_av_owner: { label: '查看车辆所有人', words: (f) => `查看了废弃车辆所有人 ${f.subject} 的信息${reasonOf(f)}` },
  av_owner_lookup: {
    label: '查询车辆所有人',
    // No subject: the plate is in no registered vehicle, so there was nobody to find.
    words: (f) => (f.subject ? `按号牌查询了车辆 ${f.subject} 的所有人` : '按号牌查询了车辆所有人（车辆登记信息中没有这个号牌）'),
  },
  read_case_photo_original: { label: '查看照片原图', words: (f) => `查看了${f.subject}的照片原图${reasonOf(f)}` },
  create_resident: { label: '新增居民', words: (f) => `新增了居民 ${f.subject}` },
  update_resident: { label: '修改居民', words: (f) => `修改了居民 ${f.subject} 的信息` },
  move_in: { label: '迁入', words: (f) => `登记了 ${f.subject} 迁入` },
  move_out: { label: '迁出', words: (f) => `登记了 ${f.subject} 迁出` },
  export_residents: { label: '导出居民', words: () => '开始导出居民名单' },
  export_residents_done: residentsExport.done,
  export_residents_aborted: residentsExport.aborted,
  export_houses: { label: '导出房屋', words: () => '开始导出房屋清单' },
  export_houses_done: housesExport.done,
  export_houses_aborted: housesExport.aborted,
  export_import_rejects: { label: '下载被拒绝的行', words: (f) => `下载了导入中被拒绝的 ${countOf(f.detail.rows) ?? 0} 行` },
  export_av_monthly_report: {
    label: '导出废弃车辆月报',
    words: (f) => `导出了 ${text(f.detail.key)} 的废弃车辆整治${f.detail.period === 'year_end' ? '完成情况' : '月报'}`,
  },
  reveal_personal_data: {
    label: '查看完整号码',
    words: (f) => `查看了 ${f.subject} 的完整${REVEALED[text(f.detail.field)] ?? '号码'}${reasonOf(f)}`,
  },
  reveal_reporter_phone: { label: '查看报告人电话', words: (f) => `查看了${f.subject}报告人的完整电话${reasonOf(f)}` },
  create_estate: { label: '新增小区', words: (f) => `新增了小区 ${text(f.detail.name)}` },
  update_estate: { label: '修改小区', words: (f) => `修改了小区 ${text(f.detail.name)} 的信息` },
  create_building: { label: '新增楼栋', words: (f) => `在小区 ${text(f.detail.estate)} 新增了楼栋 ${text(f.detail.name)}` },
  update_building: { label: '修改楼栋', words: (f) => `修改了小区 ${text(f.detail.estate)} 的一栋楼的信息` },
  create_house: { label: '新增房屋', words: (f) => `新增了房屋 ${text(f.detail.address)}` },
  update_house: {
    label: '修改房屋',
    words: (f) => `修改了房屋 ${text(f.detail.address)} 的信息${f.detail.from ? `（原地址 ${text(f.detail.from)}）` : ''}`,
  },
  create_grid: { label: '新增网格', words: (f) => `新增了网格 ${text(f.detail.name)}` },
  update_grid: { label: '网格改名', words: (f) => `把网格 ${text(f.detail.from)} 改名为 ${text(f.detail.name)}` },
  create_grid_worker: { label: '新增网格员', words: (f) => `在${text(f.detail.grid)}新增了网格员 ${text(f.detail.name)}` },
  update_grid_worker: {
    label: '修改网格员',
    words: (f) =>
      `修改了${text(f.detail.grid)}网格员 ${text(f.detail.name)} 的信息${f.detail.from ? `（原名 ${text(f.detail.from)}）` : ''}`,
  },
  remove_grid_worker: {
    label: '删除网格员',
    words: (f) =>
      `删除了${text(f.detail.grid)}的网格员 ${text(f.detail.name)}${
        f.detail.handedTo ? `（其管控的 ${countOf(f.detail.supervised) ?? 0} 名特殊人群交由 ${text(f.detail.handedTo)} 负责）` : ''
      }`,
  },
  reveal_grid_worker_phone: {
    label: '查看网格员电话',
    words: (f) => `查看了${text(f.detail.grid)}网格员 ${text(f.detail.name)} 的完整电话${reasonOf(f)}`,
  },
  create_vehicle: { label: '登记车辆', words: (f) => `登记了车辆 ${f.subject}` },
  update_vehicle: { label: '修改车辆', words: (f) => `修改了车辆 ${f.subject} 的信息` },
  register_device: { label: '登记设备', words: (f) => `登记了设备 ${text(f.detail.serial)}` },
  update_device: { label: '修改设备', words: (f) => `修改了设备 ${text(f.detail.serial)} 的信息` },
  download_import_credentials: {
    label: '下载导入设备凭据',
    words: (f) => `下载了一次导入的 ${countOf(f.detail.devices) ?? 0} 台设备的凭据`,
  },
  edit_iot_rule: { label: '修改告警规则', words: (f) => `修改了设备类型 ${text(f.detail.typeCode)} 的规则“${text(f.detail.name)}”` },
  override_device_rule: {
    label: '设置设备规则',
    words: (f) => `为设备 ${text(f.detail.serial)} 单独设置了规则“${text(f.detail.name)}”`,
  },
  remove_device_rule_override: {
    label: '恢复设备规则',
    words: (f) => `让设备 ${text(f.detail.serial)} 的规则 ${text(f.detail.code)} 恢复按类型运行`,
  },
  reissue_device_credentials: { label: '重发设备凭据', words: (f) => `重新签发了设备 ${text(f.detail.serial)} 的凭据（旧密钥已失效）` },
  user_created: { label: '新建账号', words: (f) => `新建了账号 ${f.subject}` },
  user_updated: { label: '修改账号', words: (f) => `修改了账号 ${f.subject}` },
  user_disabled: { label: '停用账号', words: (f) => `停用了账号 ${f.subject}` },
  user_enabled: { label: '启用账号', words: (f) => `启用了账号 ${f.subject}` },
  user_password_reset: { label: '重置密码', words: (f) => `重置了账号 ${f.subject} 的密码` },
  set_case_handling_unit: {
    label: '承办单位配置',
    words: (f) => `把一个单位设为${f.detail.handles ? '可承办事件' : '不承办事件'}`,
  },
  open311_client_created: { label: '登记 Open311 应用', words: (f) => `登记了 Open311 应用 ${f.subject}` },
  open311_client_revoked: { label: '停用 Open311 应用', words: (f) => `停用了 Open311 应用 ${f.subject}` },
  ...COUNTY_OFFICE_ACTIONS,
};

/** The action in words, for the filter and the list; its code when no words are known yet. */
export const auditActionLabel = (action: string) => AUDIT_ACTIONS[action]?.label ?? action;

/** The whole line: who, then what. The system (no actor) is 系统. */
export function auditSentence(actor: string | null, action: string, facts: AuditFacts): string {
  const known = AUDIT_ACTIONS[action];
  const what = known ? known.words(facts) : `执行了操作 ${action}${facts.subject ? `（${facts.subject}）` : ''}`;
  // "张三的导出居民中断" reads without a space; every other line is "张三 查看了 …".
  return `${actor ?? '系统'}${what.startsWith('的') ? '' : ' '}${what}`;
}
