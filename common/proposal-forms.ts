/**
 * The two forms of 平政办字〔2023〕9号, as printed, in the one place the server (which checks a
 * form against them) and the admin (which lays the form out from them) both read:
 * 附件5 县政协委员提案办理答复反馈表 (the proposer's feedback on one unit's reply) and
 * 附件6 县政协委员提案质量评议表 (the handling unit's evaluation of the proposal).
 */

/** 附件5: 承办单位办理过程中协商方式. */
export const CONSULTATION_METHODS = ['in_person', 'phone', 'email', 'letter', 'meeting', 'none'] as const;
export type ConsultationMethod = (typeof CONSULTATION_METHODS)[number];
export const CONSULTATION_LABELS: Record<ConsultationMethod, string> = {
  in_person: '面商',
  phone: '电话',
  email: '邮件',
  letter: '信函',
  meeting: '座谈',
  none: '未联系',
};

/** 附件5: 答复是否针对重点办理. */
export const PERTINENCE_LEVELS = ['strong', 'average', 'poor'] as const;
export type Pertinence = (typeof PERTINENCE_LEVELS)[number];
export const PERTINENCE_LABELS: Record<Pertinence, string> = { strong: '针对性强', average: '针对性一般', poor: '针对性差' };

/** 附件5: 满意度. 不满意 sends the proposal back to the unit for another round (decision 045). */
export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number];
export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

/** 附件5: 提案所提问题建议解决或采纳情况, A–D with their meanings as printed. */
export const ADOPTION_CATEGORIES = ['A', 'B', 'C', 'D'] as const;
export type AdoptionCategory = (typeof ADOPTION_CATEGORIES)[number];
export const ADOPTION_MEANINGS: Record<AdoptionCategory, string> = {
  A: '建议所提问题已经解决或基本解决，或已有规定，承办单位明确说明了情况',
  B: '正在解决或已列入计划解决的，承办单位当将工作计划、工作进度和完成时限等情况给予答复',
  C: '因目前条件限制暂时无法解决，拟留作工作参考的',
  D: '建议、提案所提问题因法律、法规、政策的规定或者受条件限制确实不能解决的',
};

/** 附件5's 注, printed under the form. */
export const FEEDBACK_FORM_NOTES = [
  '提案者收到提案承办单位正式复文后，请填写此表。',
  '每张表格只对一件提案的一个承办单位进行评价，请在相关选项后打“√”；',
  '此表一式三份，承办单位、县政府办公室、县政协提案工作委员会各一份。承办单位面复时，交由提案者填写后交承办单位，由承办单位随同提案答复交县政府办公室、县政协提案工作委员会。',
];

/** 附件6: the four criteria of 质量测评 and their maxima (分值); the total is 100. */
export const EVALUATION_CRITERIA = [
  {
    code: 'topic',
    text: '提案的选题围绕党政中心工作和经济社会发展中的重要问题及人民群众普遍关心的热点、难点问题，以及统一战线的其他重要问题',
    max: 20,
  },
  { code: 'facts', text: '提案反映的情况客观、真实、准确，有科学的分析和正确的判断', max: 30 },
  { code: 'feasibility', text: '提案的建议可行性强，有解决问题的具体办法和措施，为党委政府科学决策提供有力参考', max: 30 },
  { code: 'format', text: '提案的格式规范，达到“三有”（有情况、有分析、有具体建议）的基本要求', max: 20 },
] as const;
export type EvaluationCriterion = (typeof EVALUATION_CRITERIA)[number]['code'];
export const EVALUATION_TOTAL = EVALUATION_CRITERIA.reduce((sum, c) => sum + c.max, 0);

/** 附件6's 注, printed under the form. */
export const EVALUATION_FORM_NOTES = [
  '每件提案填写一份表格；',
  '测评分四项内容，每项内容下方所列分值为单项分值，总分 100 分。请在质量测评对应的项目内容下方打分，合计分数为前四项的总和；',
  '是否推荐为优秀提案，请在相关选项后打“√”；',
  '该表由承办单位随提案答复一并送县政协提案工作委员会。',
];

/**
 * The criteria whose score is not a whole number from 0 to the criterion's maximum, or is
 * missing: the server refuses a form with any, the admin marks them before sending.
 */
export function badEvaluationScores(scores: Partial<Record<string, number>>): EvaluationCriterion[] {
  return EVALUATION_CRITERIA.filter((c) => {
    const score = scores[c.code];
    return score === undefined || !Number.isInteger(score) || score < 0 || score > c.max;
  }).map((c) => c.code);
}

/** 合计分数为前四项的总和. */
export const evaluationTotal = (scores: Record<EvaluationCriterion, number>) =>
  EVALUATION_CRITERIA.reduce((sum, c) => sum + scores[c.code], 0);

/** 附件5's title and row headings, as printed. */
export const FEEDBACK_FORM = {
  title: '县政协委员提案办理答复反馈表',
  number: '提案编号',
  proposers: '提案者',
  cause: '提案案由',
  unit: '承办单位',
  repliedOn: '办复日期',
  consultation: '承办单位办理过程中协商方式',
  pertinence: '答复是否针对重点办理',
  satisfaction: '满意度',
  adoption: '提案所提问题建议解决或采纳情况',
  signer: '签名',
  phone: '联系电话',
} as const;

/** 附件6's title and headings, as printed. */
export const EVALUATION_FORM = {
  title: '县政协委员提案质量评议表',
  number: '提案号',
  proposers: '提案者',
  unit: '承办单位',
  cause: '案由',
  heading: '质量测评',
  max: '分值',
  score: '得分',
  total: '总分',
  recommended: '是否推荐为优秀政协提案',
  suggestions: '提高提案质量建议',
} as const;
