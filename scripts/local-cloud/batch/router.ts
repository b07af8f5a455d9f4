import { ApiError, apiErrorReply, type HttpReply, type HttpRequest, parseJsonBody } from '../http';
import { batchAction, batchChecks } from '../iam/batchChecks';
import { guardJsonRequest } from '../iam/jsonApiGuard';
import { CancelJob } from './actions/CancelJob';
import type { BatchAction, BatchContext } from './actions/context';
import { DescribeComputeEnvironments } from './actions/DescribeComputeEnvironments';
import { DescribeJobDefinitions } from './actions/DescribeJobDefinitions';
import { DescribeJobQueues } from './actions/DescribeJobQueues';
import { DescribeJobs } from './actions/DescribeJobs';
import { ListJobs } from './actions/ListJobs';
import { SubmitJob } from './actions/SubmitJob';
import { TerminateJob } from './actions/TerminateJob';

/** REST-JSON routes of the Batch API (`POST /v1/<action>`). */
const ROUTES: Record<string, BatchAction> = {
  '/v1/submitjob': SubmitJob,
  '/v1/describejobs': DescribeJobs,
  '/v1/listjobs': ListJobs,
  '/v1/terminatejob': TerminateJob,
  '/v1/canceljob': CancelJob,
  '/v1/describejobqueues': DescribeJobQueues,
  '/v1/describejobdefinitions': DescribeJobDefinitions,
  '/v1/describecomputeenvironments': DescribeComputeEnvironments,
};

/** Batch (REST-JSON) answers AccessDeniedException with a 403. */
const BATCH_DENIAL = { accessDeniedStatus: 403 };

const JSON_TYPE = { 'content-type': 'application/json' };

/** The AWS Batch API (REST-JSON), for the unmodified SDKs, boto3 and the AWS CLI. */
export function batchRouter(ctx: BatchContext): (request: HttpRequest) => Promise<HttpReply> {
  return async (request) => {
    try {
      const action = ROUTES[request.path.toLowerCase()];
      if (request.method !== 'POST' || !action) {
        throw new ApiError(404, 'ClientException', `Unsupported operation ${request.method} ${request.path}`);
      }
      const input = parseJsonBody(request.body, 'ClientException');
      const { iam } = ctx;
      if (iam) {
        const checks = () =>
          batchChecks(batchAction(request.path) ?? '', input, iam.policies, ctx.store.definitions);
        await guardJsonRequest(iam, request, checks, BATCH_DENIAL);
      }
      const output = action(input, ctx);
      return { status: 200, headers: JSON_TYPE, body: JSON.stringify(output) };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return apiErrorReply(error, JSON_TYPE);
    }
  };
}
