import { ApiError } from '../../http';
import type { SfnAction } from './context';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

/** GetExecutionHistory: the history events so far, oldest first unless reverseOrder, paged. */
export const GetExecutionHistory: SfnAction = (input, { store }) => {
  const execution = store.execution(input.executionArn);
  const size = Math.min(Number(input.maxResults ?? DEFAULT_PAGE) || DEFAULT_PAGE, MAX_PAGE);
  const start = input.nextToken === undefined ? 0 : Number(input.nextToken);
  if (!Number.isInteger(start) || start < 0) throw new ApiError(400, 'InvalidToken', 'Invalid nextToken');
  const ordered = input.reverseOrder === true ? [...execution.events].reverse() : execution.events;
  const page = ordered.slice(start, start + size);
  const withData = input.includeExecutionData !== false;
  const events = withData
    ? page
    : page.map((event) => ({
        id: event.id,
        previousEventId: event.previousEventId,
        timestamp: event.timestamp,
        type: event.type,
      }));
  const next = start + size < ordered.length ? String(start + size) : undefined;
  return { events, nextToken: next };
};
