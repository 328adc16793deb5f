/** The public column (/open): the shell's words. Each part of the column adds its own group. */
export default {
  siteName: 'Government Information',
  navigation: 'Sections',
  skipToContent: 'Skip to content',
  footer: 'Run by the office of {organ}',
  notFound: 'Page not found',
  notFoundHint: 'The page does not exist or has been removed.',
  backHome: 'Back to the information column',
};
