import { ApiError, type HttpReply, type HttpRequest, parseJsonBody } from '../http';
import type { SfnAction, SfnContext } from './actions/context';
import { DescribeExecution } from './actions/DescribeExecution';
import { DescribeStateMachine } from './actions/DescribeStateMachine';
import { GetExecutionHistory } from './actions/GetExecutionHistory';
import { ListExecutions } from './actions/ListExecutions';
import { ListStateMachines } from './actions/ListStateMachines';
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
};

const CONTENT_TYPE = { 'content-type': 'application/x-amz-json-1.0' };

/** The Step Functions API (AWS JSON 1.0: `POST /` with `X-Amz-Target: AWSStepFunctions.<Action>`). */
export function sfnRouter(ctx: SfnContext): (request: HttpRequest) => Promise<HttpReply> {
  return async (request) => {
    try {
      const target = String(request.headers['x-amz-target'] ?? '');
      const action = ACTIONS[target.replace(/^AWSStepFunctions\./, '')];
      if (request.method !== 'POST' || !action) {
        throw new ApiError(400, 'UnknownOperationException', `Unsupported operation: '${target}'`);
      }
      const output = action(parseJsonBody(request.body, 'SerializationException'), ctx);
      return { status: 200, headers: CONTENT_TYPE, body: JSON.stringify(output) };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const body = JSON.stringify({ __type: error.code, message: error.message });
      return { status: error.status, headers: { ...CONTENT_TYPE, 'x-amzn-errortype': error.code }, body };
    }
  };
}
