import {
  ADMIN_CREDENTIALS,
  type LocalCredentials,
  roleCredentials,
  sessionName,
  sessionNameOf,
} from './credentials';

/** Who makes a call. */
export type Caller =
  | { readonly kind: 'admin' }
  | {
      readonly kind: 'role';
      readonly roleArn: string;
      readonly roleName: string;
      readonly session: string;
      /** `arn:aws:sts::<account>:assumed-role/<role>/<session>`, as IAM names the caller. */
      readonly principalArn: string;
    }
  | {
      readonly kind: 'service';
      /** `s3.amazonaws.com`, … */
      readonly service: string;
      readonly sourceArn?: string;
      readonly sourceAccount?: string;
    };

export const ADMIN: Caller = { kind: 'admin' };

/** A role as the callers need it (a subset of the wiring's RoleDef, so it travels to the children). */
export interface RoleIdentity {
  readonly name: string;
  readonly arn: string;
}

/** Session name when a caller does not say (Lambda and Batch always do). */
export const DEFAULT_SESSION = 'seisless-local';

/** The principals of the local cloud: the administrator and one set of credentials per role. */
export class CallerDirectory {
  private readonly byAccessKey = new Map<string, RoleIdentity>();
  private readonly byArn = new Map<string, RoleIdentity>();

  constructor(
    roles: readonly RoleIdentity[],
    private readonly account: { partition: string; accountId: string },
  ) {
    for (const role of roles) {
      this.byArn.set(role.arn, role);
      this.byAccessKey.set(roleCredentials(role.arn, DEFAULT_SESSION).accessKeyId, role);
    }
  }

  /** Credentials of a session of the role; throws for a role the templates do not define. */
  credentialsFor(roleArn: string, session = DEFAULT_SESSION): LocalCredentials {
    if (!this.byArn.has(roleArn)) throw new Error(`No role ${roleArn} in the packaged templates`);
    return roleCredentials(roleArn, session);
  }

  /** Every key pair the endpoints must accept (for s3rver's signature check). */
  keyPairs(): LocalCredentials[] {
    return [ADMIN_CREDENTIALS, ...[...this.byArn.keys()].map((arn) => roleCredentials(arn, DEFAULT_SESSION))];
  }

  /** Who holds an access key (undefined: nobody; the call is refused). */
  principalFor(accessKeyId: string, sessionToken?: string): Caller | undefined {
    if (accessKeyId === ADMIN_CREDENTIALS.accessKeyId) return ADMIN;
    const role = this.byAccessKey.get(accessKeyId);
    if (role === undefined) return undefined;
    return this.roleCaller(role.arn, sessionNameOf(sessionToken) ?? DEFAULT_SESSION);
  }

  /** The caller acting under a role (the state machine, an event source mapping). */
  roleCaller(roleArn: string, session = DEFAULT_SESSION): Caller {
    const role = this.byArn.get(roleArn);
    if (role === undefined) throw new Error(`No role ${roleArn} in the packaged templates`);
    const { partition, accountId } = this.account;
    return {
      kind: 'role',
      roleArn,
      roleName: role.name,
      session: sessionName(session),
      principalArn: `arn:${partition}:sts::${accountId}:assumed-role/${role.name}/${sessionName(session)}`,
    };
  }
}
