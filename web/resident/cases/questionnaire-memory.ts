/**
 * Which 回访 this person has answered from this phone. The case detail does not tell a reporter
 * whether they have answered its questionnaire yet, so the page remembers it (and learns it
 * from the server's ALREADY_ANSWERED refusal) to stop offering the form.
 */
const KEY = 'civicgrid.h5.questionnaires';

function read(): string[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((x) => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function questionnaireAnswered(userId: number, caseId: number): boolean {
  return read().includes(`${userId}:${caseId}`);
}

export function rememberQuestionnaireAnswered(userId: number, caseId: number): void {
  try {
    // The last 200 are plenty: questionnaires come one per closed case.
    localStorage.setItem(KEY, JSON.stringify([...read().filter((k) => k !== `${userId}:${caseId}`), `${userId}:${caseId}`].slice(-200)));
  } catch {
    /* private mode: the server's refusal says it next time */
  }
}
