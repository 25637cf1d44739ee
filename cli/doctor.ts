import { parseArgs } from 'util';
import { readAssembly, rolesFromTemplate } from './assembly';
import { UsageError } from './catalog';
import { CheckResult, checkAuditRole, checkEventStream, checkScp, checkStackSet, checkTrail, readStack, RoleExpectation } from './checks';
import { Clients, clientsFor, ClientConfig, loadSdk, Sdk } from './sdk';

export const DOCTOR_HELP = `Usage: cdk-audit-baseline doctor [options]

Checks a live setup, read-only, and prints one line per check. Exit code 0 only when every check passes.

Audit role (every account):
  --role-name <name>            the audit role's name
  --vendor-account <id>         the account it must trust, and no other
  --external-id <id>            the external ID its trust must require
  --managed-policies <a,b>      the AWS managed policies it carries, exactly (default: SecurityAudit)
Event stream (every account, each region):
  --event-stream-stack <name>   the event-stream stack's name; its rule, topic, subscription and
                                dead-letter queues are checked against the stack's own template
  --queue-arn <arn>             the queue the topic's subscription must deliver to
                                (default: the template's subscription endpoint)
  --regions <r1,r2>             the regions (default: --region)
Trail (every account):
  --trail                       check that a logging multi-region trail with global service and
                                management events covers the account
Management account:
  --stack-set <name>            every instance of this StackSet is CURRENT (repeatable)
  --call-as <SELF|DELEGATED_ADMIN>
  --scp <name>                  this SCP exists ...
  --scp-targets <t1,t2>         ... and is attached to these roots, OUs or accounts
From a synthesized app:
  --app <cdk.out>               take the audit roles (literal name, vendor account and external ID)
                                and event-stream stacks from the templates of \`cdk synth\`; the
                                event stream is then compared with the synthesized template
Organization:
  --org-role <name>             also check every active account of the organization, assuming
                                this role in each (e.g. OrganizationAccountAccessRole)
Output and connection:
  --json                        machine-readable output
  --region <r>                  default: AWS_REGION, else us-east-1
  --endpoint-url <url>          send every request there (an emulator)
`;

/** The parsed options. */
export interface DoctorOptions {
  readonly roles: RoleExpectation[];
  /** Event-stream stacks, with the regions they are in and (from `--app`) the template to compare with. */
  readonly eventStreams: Array<{ readonly stackName: string; readonly regions: string[]; readonly template?: any }>;
  readonly queueArn?: string;
  readonly regions: string[];
  readonly trail: boolean;
  readonly stackSets: string[];
  readonly callAs: 'SELF' | 'DELEGATED_ADMIN';
  readonly scp?: { readonly name: string; readonly targets: string[] };
  readonly orgRole?: string;
  readonly json: boolean;
  readonly region: string;
  readonly endpoint?: string;
}

const list = (v: string | undefined) => (v === undefined ? [] : v.split(',').map((x) => x.trim()).filter(Boolean));

export function parseDoctorArgs(args: string[]): DoctorOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        'role-name': { type: 'string' },
        'vendor-account': { type: 'string' },
        'external-id': { type: 'string' },
        'managed-policies': { type: 'string', default: 'SecurityAudit' },
        'event-stream-stack': { type: 'string' },
        'queue-arn': { type: 'string' },
        'regions': { type: 'string' },
        'trail': { type: 'boolean', default: false },
        'stack-set': { type: 'string', multiple: true, default: [] },
        'call-as': { type: 'string', default: 'SELF' },
        'scp': { type: 'string' },
        'scp-targets': { type: 'string' },
        'org-role': { type: 'string' },
        'app': { type: 'string' },
        'json': { type: 'boolean', default: false },
        'region': { type: 'string' },
        'endpoint-url': { type: 'string' },
        'help': { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const o = parsed.values;
  if (o.help) return 'help';
  const roleFlags = [o['role-name'], o['vendor-account'], o['external-id']];
  if (roleFlags.some((f) => f !== undefined) && roleFlags.some((f) => f === undefined)) {
    throw new UsageError('the audit role check needs --role-name, --vendor-account and --external-id together');
  }
  if (o['vendor-account'] !== undefined && !/^\d{12}$/.test(o['vendor-account'])) {
    throw new UsageError(`--vendor-account ${JSON.stringify(o['vendor-account'])} must be a 12-digit account ID`);
  }
  if ((o.scp === undefined) !== (o['scp-targets'] === undefined)) throw new UsageError('--scp and --scp-targets go together');
  if (o['call-as'] !== 'SELF' && o['call-as'] !== 'DELEGATED_ADMIN') throw new UsageError('--call-as is SELF or DELEGATED_ADMIN');
  const region = o.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const regions = o.regions ? list(o.regions) : [region];
  const roles: RoleExpectation[] = o['role-name'] ? [{
    roleName: o['role-name'], vendorAccountId: o['vendor-account']!, externalId: o['external-id']!, managedPolicies: list(o['managed-policies']),
  }] : [];
  const eventStreams: DoctorOptions['eventStreams'] = o['event-stream-stack'] ? [{ stackName: o['event-stream-stack'], regions }] : [];
  if (o.app) {
    for (const s of readAssembly(o.app)) {
      for (const r of rolesFromTemplate(s.template)) if (!roles.some((x) => x.roleName === r.roleName)) roles.push(r);
      if (Object.values<any>(s.template.Resources ?? {}).some((r) => r.Type === 'AWS::Events::Rule')) {
        eventStreams.push({ stackName: s.stackName, regions: s.region ? [s.region] : regions, template: s.template });
      }
    }
  }
  const options: DoctorOptions = {
    roles,
    eventStreams,
    queueArn: o['queue-arn'],
    regions,
    trail: o.trail as boolean,
    stackSets: o['stack-set'] as string[],
    callAs: o['call-as'],
    scp: o.scp ? { name: o.scp, targets: list(o['scp-targets']) } : undefined,
    orgRole: o['org-role'],
    json: o.json as boolean,
    region,
    endpoint: o['endpoint-url'],
  };
  if (options.roles.length === 0 && options.eventStreams.length === 0 && !options.trail && options.stackSets.length === 0 && !options.scp) {
    throw new UsageError('nothing to check: give at least one of --role-name, --event-stream-stack, --app, --trail, --stack-set, --scp (see doctor --help)');
  }
  return options;
}

/** Checks one account: audit role, event stream in each region, trail. */
async function checkAccount(sdk: Sdk, o: DoctorOptions, account: string, base: ClientConfig, progress: (s: string) => void): Promise<CheckResult[]> {
  const rows: CheckResult[] = [];
  const home = clientsFor(sdk, { ...base, region: o.regions[0] });
  try {
    for (const role of o.roles) {
      progress(`${account}: audit role ${role.roleName}`);
      rows.push(...await checkAuditRole(home, account, role));
    }
    if (o.trail) {
      progress(`${account}: trail`);
      rows.push(...await checkTrail(home, account, o.regions[0]));
    }
  } finally {
    home.destroy();
  }
  for (const stream of o.eventStreams) {
    for (const region of stream.regions) {
      progress(`${account}/${region}: event stream ${stream.stackName}`);
      const c = clientsFor(sdk, { ...base, region });
      try {
        const partition = region.startsWith('us-gov-') ? 'aws-us-gov' : region.startsWith('cn-') ? 'aws-cn' : 'aws';
        let view;
        try {
          view = await readStack(c, stream.stackName, account, region, partition);
        } catch (e) {
          rows.push({
            check: 'event stream stack',
            where: `${account}/${region}`,
            pass: false,
            expected: `stack ${stream.stackName}`,
            found: (e as Error).name ?? String(e),
            fix: 'deploy the event-stream template in this region, or give its stack name with --event-stream-stack',
          });
          continue;
        }
        // With --app, the synthesized template is the expectation, not the deployed one.
        rows.push(...await checkEventStream(c, stream.template ? { ...view, template: stream.template } : view, o.queueArn));
      } finally {
        c.destroy();
      }
    }
  }
  return rows;
}

/** Runs every check the options ask for; `sdk` is replaceable for tests. */
export async function runDoctor(o: DoctorOptions, sdk: Sdk, progress: (s: string) => void = () => undefined): Promise<CheckResult[]> {
  const base: ClientConfig = { region: o.region, endpoint: o.endpoint };
  const c: Clients = clientsFor(sdk, base);
  const rows: CheckResult[] = [];
  try {
    const me = (await c.sts.send(new sdk.sts.GetCallerIdentityCommand({}))).Account!;
    rows.push(...await checkAccount(sdk, o, me, base, progress));
    for (const name of o.stackSets) {
      progress(`${me}: StackSet ${name}`);
      rows.push(...await checkStackSet(c, me, name, o.callAs));
    }
    if (o.scp) {
      progress(`${me}: SCP ${o.scp.name}`);
      rows.push(...await checkScp(c, me, o.scp.name, o.scp.targets));
    }
    if (o.orgRole) {
      const accounts: string[] = [];
      let token: string | undefined;
      do {
        const page: { Accounts?: Array<{ Id?: string; Status?: string }>; NextToken?: string } = await c.organizations.send(
          new sdk.organizations.ListAccountsCommand({ NextToken: token }));
        accounts.push(...(page.Accounts ?? []).filter((a) => a.Status === 'ACTIVE' && a.Id !== me).map((a) => a.Id!));
        token = page.NextToken;
      } while (token);
      for (const account of accounts.sort()) {
        progress(`${account}: assuming ${o.orgRole}`);
        const partition = o.region.startsWith('us-gov-') ? 'aws-us-gov' : o.region.startsWith('cn-') ? 'aws-cn' : 'aws';
        let credentials;
        try {
          const assumed = await c.sts.send(new sdk.sts.AssumeRoleCommand({ RoleArn: `arn:${partition}:iam::${account}:role/${o.orgRole}`, RoleSessionName: 'cdk-audit-baseline-doctor' }));
          const k = assumed.Credentials!;
          credentials = { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey!, sessionToken: k.SessionToken };
        } catch (e) {
          rows.push({
            check: 'account reachable',
            where: account,
            pass: false,
            expected: `sts:AssumeRole into ${o.orgRole}`,
            found: (e as Error).name ?? String(e),
            fix: `create ${o.orgRole} in the account (or give another --org-role) trusting this account`,
          });
          continue;
        }
        rows.push(...await checkAccount(sdk, o, account, { ...base, credentials }, progress));
      }
    }
  } finally {
    c.destroy();
  }
  return rows;
}

/** The report as a table, one line per check. */
export function formatTable(rows: CheckResult[]): string {
  const w = (key: 'check' | 'where') => Math.max(key.length, ...rows.map((r) => r[key].length));
  const [wc, ww] = [w('check'), w('where')];
  const line = (status: string, check: string, where: string, rest: string) => `${status.padEnd(7)}${check.padEnd(wc + 2)}${where.padEnd(ww + 2)}${rest}`;
  const out = [line('STATUS', 'CHECK', 'WHERE', 'EXPECTED | FOUND | FIX')];
  for (const r of rows) out.push(line(r.pass ? 'PASS' : 'FAIL', r.check, r.where, `${r.expected} | ${r.found}${r.pass ? '' : ` | ${r.fix}`}`));
  const failed = rows.filter((r) => !r.pass).length;
  out.push('', failed === 0 ? `All ${rows.length} checks passed.` : `${failed} of ${rows.length} checks failed.`);
  return `${out.join('\n')}\n`;
}

export async function doctorCommand(args: string[], out: (s: string) => void, err: (s: string) => void, sdk?: Sdk): Promise<number> {
  const options = parseDoctorArgs(args);
  if (options === 'help') {
    out(DOCTOR_HELP);
    return 0;
  }
  const loaded = sdk ?? loadSdk();
  const tty = !options.json && process.stderr.isTTY === true;
  const progress = tty ? (s: string) => err(`\r\x1b[2K checking ${s}...`) : () => undefined;
  const rows = await runDoctor(options, loaded, progress);
  if (tty) err('\r\x1b[2K');
  out(options.json ? `${JSON.stringify({ pass: rows.every((r) => r.pass), checks: rows }, null, 2)}\n` : formatTable(rows));
  return rows.length > 0 && rows.every((r) => r.pass) ? 0 : 1;
}
