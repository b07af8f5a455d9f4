import { ApiError, apiErrorReply, type HttpReply, type HttpRequest, parseJsonBody } from '../http';
import { guardJsonRequest } from '../iam/jsonApiGuard';
import { sfnCheck } from '../iam/sfnChecks';
import type { SfnAction, SfnContext } from './actions/context';
import { DescribeExecution } from './actions/DescribeExecution';
import { DescribeStateMachine } from './actions/DescribeStateMachine';
import { GetExecutionHistory } from './actions/GetExecutionHistory';
import { ListExecutions } from './actions/ListExecutions';
import { ListStateMachines } from './actions/ListStateMachines';
import { SendTaskFailure } from './actions/SendTaskFailure';
import { SendTaskHeartbeat } from './actions/SendTaskHeartbeat';
import { SendTaskSuccess } from './actions/SendTaskSuccess';
import { StartExecution } from './actions/StartExecution';
import { StopExecution } from './actions/StopExecution';

const ACTIONS: Record<string, SfnAction> = {
  StartExecution,
  DescribeExecution,
  StopExecution,
  GetExecutionHistory,
  ListExecutions,
  ListStateMachines,
  DescribeStateMachine,
  SendTaskSuccess,
  SendTaskFailure,
  SendTaskHeartbeat,
};

/** Step Functions (AWS JSON 1.0) answers AccessDeniedException with a 400. */
const SFN_DENIAL = { accessDeniedStatus: 400 };

const CONTENT_TYPE = { 'content-type': 'application/x-amz-json-1.0' };

/** The Step Functions API (AWS JSON 1.0: `POST /` with `X-Amz-Target: AWSStepFunctions.<Action>`). */
export function sfnRouter(ctx: SfnContext): (request: HttpRequest) => Promise<HttpReply> {
  return async (request) => {
    try {
      const target = String(request.headers['x-amz-target'] ?? '');
      const name = target.replace(/^AWSStepFunctions\./, '');
      const action = ACTIONS[name];
      if (request.method !== 'POST' || !action) {
        throw new ApiError(400, 'UnknownOperationException', `Unsupported operation: '${target}'`);
      }
      const input = parseJsonBody(request.body, 'SerializationException');
      const { iam, store } = ctx;
      const owner = (token: unknown) => store.tokens.machineOf(token);
      if (iam)
        await guardJsonRequest(iam, request, () => [sfnCheck(name, input, iam.policies, owner)], SFN_DENIAL);
      const output = action(input, ctx);
      return { status: 200, headers: CONTENT_TYPE, body: JSON.stringify(output) };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return apiErrorReply(error, CONTENT_TYPE);
    }
  };
}
