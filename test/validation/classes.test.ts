import { App, Aws, BootstraplessSynthesizer, Stack, Stage } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as audit from '../../src';

/**
 * Issue 15: the classes of input that were silently accepted, each a
 * synth-time error of the library now (the table covers partitions, OU
 * roots, regions in ARNs and enum members; fixed-names.test.ts covers names).
 */

function errorOf(fn: () => void): string {
  try {
    fn();
    return '';
  } catch (e) {
    expect(e).not.toBeInstanceOf(TypeError);
    return (e as Error).message;
  }
}

describe('loops: forwarding to the stack\'s own account', () => {
  test.each([
    ['EventForwarder', (s: Stack, account: string) => new audit.EventForwarder(s, 'X', { targetAccountId: account }), 'targetAccountId'],
    ['NrtPublisher', (s: Stack, account: string) => new audit.NrtPublisher(s, 'X', { receiverAccountId: account }), 'receiverAccountId'],
  ])('%s with Aws.ACCOUNT_ID in an environment-agnostic stack, and with the concrete own account', (_, make, prop) => {
    expect(errorOf(() => make(new Stack(new App(), 'S'), Aws.ACCOUNT_ID))).toMatch(new RegExp(`^S/X: ${prop} AWS::AccountId is this stack's own account`));
    const concrete = () => new Stack(new App(), 'S', { env: { account: '123456789012', region: 'us-east-1' } });
    expect(errorOf(() => make(concrete(), '123456789012'))).toMatch(new RegExp(`^S/X: ${prop} "123456789012" is this stack's own account`));
    expect(errorOf(() => make(concrete(), Aws.ACCOUNT_ID))).toMatch(new RegExp(`${prop} AWS::AccountId is this stack's own account`));
    expect(errorOf(() => make(new Stack(new App(), 'S'), '111122223333'))).toBe('');
  });
});

describe('resource control policies for services they do not apply to', () => {
  test('RcpService.of("ec2") is the library\'s error naming the supported services', () => {
    const stack = new Stack(new App(), 'S');
    expect(errorOf(() => new audit.OrgResourceControlPolicy(stack, 'X', {
      organizationId: 'o-a1b2c3d4e5', targetIds: ['r-ab12'], services: [audit.RcpService.S3, audit.RcpService.of('ec2')],
    }))).toMatch(/^S\/X: services\[1\] is RcpService.of\("ec2"\), a service resource control policies do not apply to.*"aoss"/);
  });

  test('RcpService.of("aoss") (supported, no constant) synthesizes', () => {
    const stack = new Stack(new App(), 'S');
    expect(errorOf(() => new audit.OrgResourceControlPolicy(stack, 'X', { organizationId: 'o-a1b2c3d4e5', targetIds: ['r-ab12'], services: [audit.RcpService.of('aoss')] }))).toBe('');
  });
});

describe('duplicates in lists the README says must not have duplicates', () => {
  test('StackSetExecutionPermissions.fromTemplates with one template twice', () => {
    const app = new App();
    const inner = new Stack(new Stage(app, 'MemberTemplates'), 'T', { synthesizer: new BootstraplessSynthesizer() });
    new sns.Topic(inner, 'Topic', { enforceSSL: true });
    const template = audit.StackSetTemplate.fromStack(inner);
    const stack = new Stack(app, 'S');
    new audit.StackSetExecutionRole(stack, 'X', {
      administratorAccountId: '111122223333',
      permissions: audit.StackSetExecutionPermissions.fromTemplates([template, audit.StackSetTemplate.fromStack(inner)]),
    });
    expect(errorOf(() => app.synth())).toMatch(/S\/X.*permissions lists the template of stack "MemberTemplates\/T" more than once/);
  });
});

describe('messages', () => {
  test('a preset names its own prop: eventStreamRegions of two partitions', () => {
    const app = new App();
    expect(errorOf(() => new audit.AriaSecureCloudsOnboarding(app, 'X', {
      vendorAccountId: '111122223333', externalId: 'tenant-1', account: '123456789012', eventStreamRegions: ['us-east-1', 'cn-north-1'], eventQueueAccountId: '444455556666',
    }))).toMatch(/^X: eventStreamRegions mixes partitions \(aws: us-east-1; aws-cn: cn-north-1\)/);
  });

  test('a StackSet template that fails to synthesize is reported once, without "Resolution error:" prefixes', () => {
    const app = new App();
    const inner = new Stack(new Stage(app, 'MemberTemplates'), 'T', { synthesizer: new BootstraplessSynthesizer() });
    new sns.Topic(inner, 'Topic', { enforceSSL: true });
    inner.node.addValidation({ validate: () => ['the template is broken on purpose'] });
    const stack = new Stack(app, 'S');
    new audit.OrgStackSetRollout(stack, 'X', { template: audit.StackSetTemplate.fromStack(inner), organizationalUnitIds: ['r-ab12'], regions: ['us-east-1'] });
    const message = errorOf(() => app.synth());
    expect(message).toMatch(/MemberTemplates\/T\]? .*the template is broken on purpose/);
    expect(message).not.toMatch(/Resolution error/);
  });

  test('fix hints name classes and props, not TypeScript expressions', () => {
    const app = new App();
    const inner = new Stack(app, 'T');
    new sns.Topic(inner, 'Topic', { enforceSSL: true });
    const stack = new Stack(app, 'S');
    const message = errorOf(() => new audit.OrgStackSetRollout(stack, 'X', { template: audit.StackSetTemplate.fromStack(inner), organizationalUnitIds: ['r-ab12'], regions: ['us-east-1'] }));
    expect(message).toMatch(/a Stage with id "MemberTemplates"/);
    expect(message).not.toMatch(/new [A-Z]\w*\(/);
  });

  test('a template stack with an env names the context lookup it may be there for', () => {
    const app = new App();
    const inner = new Stack(new Stage(app, 'M'), 'T', { env: { account: '444455556666', region: 'us-east-1' }, synthesizer: new BootstraplessSynthesizer() });
    new sns.Topic(inner, 'Topic', { enforceSSL: true });
    const stack = new Stack(app, 'S');
    expect(errorOf(() => new audit.OrgStackSetRollout(stack, 'X', { template: audit.StackSetTemplate.fromStack(inner), organizationalUnitIds: ['r-ab12'], regions: ['us-east-1'] })))
      .toMatch(/has account "444455556666" in its env.*context lookup \(such as Vpc.fromLookup\)/);
  });

  test('NaN is shown as NaN', () => {
    const app = new App();
    const inner = new Stack(new Stage(app, 'M'), 'T', { synthesizer: new BootstraplessSynthesizer() });
    new sns.Topic(inner, 'Topic', { enforceSSL: true });
    const stack = new Stack(app, 'S');
    expect(errorOf(() => new audit.OrgStackSetRollout(stack, 'X', {
      template: audit.StackSetTemplate.fromStack(inner), organizationalUnitIds: ['r-ab12'], regions: ['us-east-1'], maxConcurrentCount: NaN,
    }))).toMatch(/^S\/X: maxConcurrentCount must be a number, got NaN/);
  });

  test('Infinity is refused and shown as Infinity, not as null', () => {
    const stack = new Stack(new App(), 'S');
    expect(errorOf(() => new audit.AuditAccessKeyUser(stack, 'U', { accessKeySerial: Infinity } as any)))
      .toMatch(/^S\/U: accessKeySerial must be a number, got Infinity: give a finite number without quotes/);
  });
});

test('the library\'s error thrown while aws-cdk-lib resolves tokens keeps its message: no "Resolution error:" prefixes', () => {
  const app = new App();
  const inner = new Stack(new Stage(app, 'M'), 'T'); // default synthesizer: carries the bootstrap version check
  new sns.Topic(inner, 'Topic', { enforceSSL: true });
  const stack = new Stack(app, 'S');
  new audit.OrgStackSetRollout(stack, 'X', { template: audit.StackSetTemplate.fromStack(inner), organizationalUnitIds: ['r-ab12'], regions: ['us-east-1'] });
  // Resolving without the validation pass, as Template.fromStack does, reaches the StackSet's TemplateBody token.
  const message = errorOf(() => stack.resolve((stack as any)._toCloudFormation()));
  expect(message).toMatch(/^S\/X: template \(stack "M\/T"\) carries the CDK bootstrap version check/);
  expect(message).not.toMatch(/Resolution error/);
});
