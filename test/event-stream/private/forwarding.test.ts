/**
 * Unit tests of src/event-stream/private/forwarding.ts: the own-account check
 * and its message form, and the bus-to-bus forwarding resources shared by
 * EventForwarder and NrtPublisher.
 */
import { App, Aws, Fn, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { accountShown, defineForwarding, ForwardingOptions, targetsOwnAccount } from '../../../src/event-stream/private/forwarding';

const ENV = { account: '222233334444', region: 'eu-west-1' };
const CENTRAL = '111122223333';

function envStack(): Stack {
  return new Stack(new App(), 'S', { env: ENV });
}

function agnosticStack(): Stack {
  return new Stack(new App(), 'S');
}

function options(targetAccountId: string): ForwardingOptions {
  return {
    targetAccountId,
    pattern: { detailType: ['AWS API Call via CloudTrail'] },
    roleDescription: 'role text',
    ruleDescription: 'rule text',
    deadLetterQueueOf: 'the test rule',
    deadLetterSid: 'AllowTestRule',
  };
}

describe('forwarding', () => {
  test('accountShown quotes a concrete account and shows a token as AWS::AccountId', () => {
    expect(accountShown(CENTRAL)).toBe('"111122223333"');
    expect(accountShown(Aws.ACCOUNT_ID)).toBe('AWS::AccountId');
  });

  test('targetsOwnAccount is true only for the stack\'s own account, concrete or Aws.ACCOUNT_ID, and false when it cannot tell', () => {
    const cases: Array<[string, () => Stack, (s: Stack) => unknown, boolean]> = [
      ['the stack\'s concrete account', envStack, () => ENV.account, true],
      ['another concrete account', envStack, () => CENTRAL, false],
      ['Aws.ACCOUNT_ID in a stack with an account', envStack, () => Aws.ACCOUNT_ID, true],
      ['Aws.ACCOUNT_ID in an env-agnostic stack', agnosticStack, () => Aws.ACCOUNT_ID, true],
      ['the env-agnostic stack\'s own account token', agnosticStack, (s) => s.account, true],
      ['a concrete account in an env-agnostic stack', agnosticStack, () => CENTRAL, false],
      ['an imported account', envStack, () => Fn.importValue('CentralAccountId'), false],
      ['a number rather than a string', envStack, () => 222233334444, false],
    ];
    const answers = cases.map(([name, makeStack, account]) => {
      const stack = makeStack();
      return [name, targetsOwnAccount(stack, account(stack) as string)];
    });
    expect(answers).toEqual(cases.map(([name, , , expected]) => [name, expected]));
  });

  describe('defineForwarding', () => {
    test('defines DeadLetterQueue, Role and Rule in that order, and returns them with the target bus ARN', () => {
      const stack = envStack();
      const scope = new Construct(stack, 'Fwd');
      const f = defineForwarding(scope, options(CENTRAL));
      expect(scope.node.children.map((c) => c.node.id)).toEqual(['DeadLetterQueue', 'Role', 'Rule']);
      expect([f.deadLetterQueue, f.role, f.rule]).toEqual(scope.node.children);
      expect(stack.resolve(f.targetBusArn)).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:events:eu-west-1:${CENTRAL}:event-bus/default`]],
      });
    });

    test('uses the caller\'s descriptions, pattern and dead-letter Sid, and admits only this rule to the dead-letter queue', () => {
      const stack = envStack();
      const f = defineForwarding(new Construct(stack, 'Fwd'), options(CENTRAL));
      const t = Template.fromStack(stack);
      t.hasResourceProperties('AWS::IAM::Role', { Description: 'role text' });
      t.hasResourceProperties('AWS::Events::Rule', { Description: 'rule text', EventPattern: { 'detail-type': ['AWS API Call via CloudTrail'] } });
      t.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([{
            Sid: 'AllowTestRule',
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: stack.resolve(f.deadLetterQueue.queueArn),
            Condition: { ArnEquals: { 'aws:SourceArn': stack.resolve(f.rule.ruleArn) } },
          }]),
        },
      });
    });

    test('two forwardings in one stack each get their own role, allowed only their own target bus (not the aws-events-targets singleton)', () => {
      const stack = envStack();
      const a = defineForwarding(new Construct(stack, 'A'), options(CENTRAL));
      const b = defineForwarding(new Construct(stack, 'B'), options('555566667777'));
      const t = Template.fromStack(stack);
      t.resourceCountIs('AWS::IAM::Role', 2);
      for (const f of [a, b]) {
        t.hasResourceProperties('AWS::Events::Rule', {
          Targets: [Match.objectLike({ Arn: stack.resolve(f.targetBusArn), RoleArn: stack.resolve(f.role.roleArn) })],
        });
        t.hasResourceProperties('AWS::IAM::Policy', {
          Roles: [stack.resolve(f.role.roleName)],
          PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: stack.resolve(f.targetBusArn) }] },
        });
      }
    });
  });
});
