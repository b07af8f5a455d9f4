import DeployGuard from '../../../../services/plugins/deploy-guard';

class ServerlessError extends Error {}

function serverless(cliParams: string[], stageParams: Record<string, string> = {}) {
  return {
    classes: { Error: ServerlessError },
    processedInput: { options: { param: cliParams } },
    service: { provider: { stage: 'prod' } },
    configurationInput: {
      custom: { deployGuard: { requiredParams: ['vpcId', 'subnetIds'] } },
      params: { default: { vpcId: 'vpc-00000000', subnetIds: 'subnet-00000000' }, prod: stageParams },
    },
  };
}

function deploy(guard: DeployGuard): void {
  const hook = guard.hooks['before:deploy:deploy'];
  if (!hook) throw new Error('deploy-guard registers no before:deploy:deploy hook');
  hook();
}

describe('deploy-guard', () => {
  it('refuses a deploy while a required param holds its placeholder, naming it and how to pass it', () => {
    const guard = new DeployGuard(serverless(['vpcId=vpc-0abc']), { stage: 'prod' });

    expect(() => deploy(guard)).toThrow(ServerlessError);
    expect(() => deploy(guard)).toThrow(
      'param "subnetIds" still holds the placeholder "subnet-00000000": deploy with --param="subnetIds=<value>"',
    );
  });

  it('lets the deploy through when every required param is given on the command line', () => {
    const guard = new DeployGuard(serverless(['vpcId=vpc-0abc', 'subnetIds=subnet-a,subnet-b']), {});

    expect(() => deploy(guard)).not.toThrow();
  });

  it("takes the stage's params into account", () => {
    const guard = new DeployGuard(serverless([], { vpcId: 'vpc-0abc', subnetIds: 'subnet-a' }), {});

    expect(() => deploy(guard)).not.toThrow();
  });
});
