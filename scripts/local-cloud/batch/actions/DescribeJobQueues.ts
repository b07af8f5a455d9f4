import { isFargate } from '../placement';
import type { BatchAction } from './context';

/** DescribeJobQueues: every queue, or those named (names or ARNs), with their compute environment order. */
export const DescribeJobQueues: BatchAction = (input, { store }) => {
  const wanted = Array.isArray(input.jobQueues) ? input.jobQueues.map(String) : [];
  const queues = store.queues.filter(
    (queue) => wanted.length === 0 || wanted.includes(queue.name) || wanted.includes(queue.arn),
  );
  return {
    jobQueues: queues.map((queue) => ({
      jobQueueName: queue.name,
      jobQueueArn: queue.arn,
      state: queue.state,
      status: 'VALID',
      statusReason: 'JobQueue Healthy',
      priority: queue.priority,
      computeEnvironmentOrder: (queue.computeEnvironmentOrder ?? []).map(({ order, computeEnvironment }) => ({
        order,
        computeEnvironment,
      })),
      jobStateTimeLimitActions: queue.jobStateTimeLimitActions ?? [],
      jobQueueType: store.environmentsOf(queue).some(isFargate) ? 'ECS_FARGATE' : 'ECS',
    })),
  };
};
