import { api, type Query } from '@lib/api';
import type { Page } from '@common/contracts/shared';
import type {
  CreateTaskListInput,
  TaskActionLogItem,
  TaskItem,
  TaskListItem,
  TaskDetail,
  TaskStatus,
  UpdateTaskInput,
} from '@common/contracts/tasks';
import type { z } from 'zod';
import type { assessmentTable, taskLeaderList } from '@common/contracts/tasks';

/** A deadline field as the contract takes it: 'ongoing' (长期坚持) over a day, null when neither is given. */
export const deadlineOf = (field: { deadline: string; ongoing: boolean }) =>
  field.ongoing ? ('ongoing' as const) : field.deadline || null;

/** The task supervision API (server/domains/tasks) as the admin pages call it. */
export const tasksApi = {
  lists: (query: { decisionId?: number } = {}) => api.get<{ items: TaskListItem[] }>('/task-lists', query),
  createList: (body: CreateTaskListInput, idempotencyKey: string) =>
    api.post<{ id: number; tasks: number }>('/task-lists', body, { headers: { 'Idempotency-Key': idempotencyKey } }),
  assignees: () => api.get<{ units: { id: number; name: string }[]; towns: { id: number; name: string }[] }>('/task-assignees'),
  tasks: (query: Query, signal?: AbortSignal) => api.get<Page<TaskItem>>('/tasks', query, signal),
  task: (id: number) => api.get<TaskDetail>(`/tasks/${id}`),
  update: (id: number, body: UpdateTaskInput) => api.patch<TaskDetail>(`/tasks/${id}`, body),
  report: (id: number, body: { month: string; text: string; figures: { measureId: number; value: number }[] }) =>
    api.put<{ id: number }>(`/tasks/${id}/reports`, body),
  action: (id: number, body: { kind: 'reminder' | 'notice'; unitId: number | null; text: string; respondBy: string | null }) =>
    api.post<{ id: number }>(`/tasks/${id}/actions`, body),
  complete: (id: number, completedOn: string | null) => api.post<TaskDetail>(`/tasks/${id}/completion`, { completedOn }),
  actions: (query: Query, signal?: AbortSignal) => api.get<Page<TaskActionLogItem>>('/task-actions', query, signal),
  leaders: () => api.get<z.infer<typeof taskLeaderList>>('/task-leaders'),
  assessment: (listId: number, until?: string) => api.get<z.infer<typeof assessmentTable>>('/task-assessment', { listId, until }),
  recordAssessment: (listId: number, period: string) => api.post<{ period: string; rows: number }>('/task-assessment', { listId, period }),
};

/** An evidence file goes up as multipart, one per request (tasks.routes.ts). */
export function uploadEvidence(taskId: number, reportId: number, file: File) {
  const form = new FormData();
  form.append('file', file);
  return api.post<{ id: number }>(`/tasks/${taskId}/reports/${reportId}/files`, form);
}

/** Element Plus tag type per status: red overdue, yellow at risk, green done. */
export const STATUS_TAG: Record<TaskStatus, 'danger' | 'warning' | 'success' | 'primary' | 'info'> = {
  overdue: 'danger',
  at_risk: 'warning',
  done: 'success',
  on_track: 'primary',
  not_started: 'info',
  ongoing: 'primary',
};
