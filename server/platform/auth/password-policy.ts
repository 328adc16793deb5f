/**
 * 等保 2.0 style minimum: 8+ characters from at least three of lower, upper, digit, symbol.
 * Given the username, a password that contains it is refused too (the first thing a guesser
 * tries after the defaults).
 */
export function passwordProblem(password: string, context: { username?: string } = {}): string | null {
  if (password.length < 8) return '密码至少8位';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((r) => r.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  const username = context.username?.trim().toLowerCase();
  if (username && username.length >= 3 && password.toLowerCase().includes(username)) return '密码不能包含用户名';
  return null;
}
