import type { RotaRunDto } from './run-model.js';
import type { RunResult, RunRow } from './runs-repository.js';
import { fromJson } from '../db/json.js';

export function toRunDto(row: RunRow): RotaRunDto {
  const result = row.result ? fromJson<RunResult>(row.result) : undefined;
  return {
    id: row.id,
    from: row.from_date,
    to: row.to_date,
    status: row.status,
    timeLimitSeconds: row.time_limit_seconds,
    score:
      row.score_hard === null
        ? null
        : { hard: Number(row.score_hard), medium: Number(row.score_medium), soft: Number(row.score_soft) },
    unassigned: result?.unassigned ?? [],
    unfilledSummary: result?.unfilledSummary ?? [],
    assignments: result
      ? Object.entries(result.assignments).map(([shiftId, practitionerIds]) => ({ shiftId, practitionerIds }))
      : [],
    breakdown: result?.breakdown ?? [],
    progress: fromJson<RotaRunDto['progress']>(row.progress ?? []),
    stats: result?.stats ?? null,
    summary: result?.summary ?? null,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    publishedAt: row.published_at?.toISOString() ?? null,
  };
}
