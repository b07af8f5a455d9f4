import type { BatchAction } from './context';

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
      priority: queue.priority,
      computeEnvironmentOrder: [
        { order: 1, computeEnvironment: queue.arn.replace(':job-queue/', ':compute-environment/') },
      ],
    })),
  };
};
