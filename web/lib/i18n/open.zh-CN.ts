/** The public column (/open): the shell's words. Each part of the column adds its own group. */
export default {
  siteName: '政府信息公开',
  navigation: '栏目导航',
  skipToContent: '跳到正文',
  footer: '{organ}办公室 主办',
  notFound: '页面不存在',
  notFoundHint: '您访问的页面不存在或已经删除。',
  backHome: '返回政府信息公开首页',
};
