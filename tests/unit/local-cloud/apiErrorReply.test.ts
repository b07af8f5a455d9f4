import { ApiError, apiErrorReply } from '../../../scripts/local-cloud/http';

describe('apiErrorReply', () => {
  it('answers an ApiError as the JSON protocols do: status, __type and the error-type header', () => {
    const error = new ApiError(400, 'ExecutionDoesNotExist', "Execution Does Not Exist: 'arn:x'");

    const reply = apiErrorReply(error, { 'content-type': 'application/x-amz-json-1.0' });

    expect(reply).toEqual({
      status: 400,
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'ExecutionDoesNotExist' },
      body: JSON.stringify({ __type: 'ExecutionDoesNotExist', message: "Execution Does Not Exist: 'arn:x'" }),
    });
  });
});
