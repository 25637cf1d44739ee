import { App, Aws, CfnCondition, CfnMapping, CfnParameter, CfnResource, Fn, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { environmentOf, fakeResourceValues, resolveTemplate } from '.';

/** A template whose outputs exercise one intrinsic each. */
function outputs(define: (stack: Stack) => Record<string, string>): { template: any; ids: Record<string, string> } {
  const stack = new Stack(new App(), 'R');
  const values = define(stack);
  const ids: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    new CfnResource(stack, `Out${k}`, { type: 'AWS::SSM::Parameter', properties: { Type: 'String', Value: v } });
    ids[k] = stack.getLogicalId(stack.node.findChild(`Out${k}`) as CfnResource);
  }
  return { template: Template.fromStack(stack).toJSON(), ids };
}

function valueOf(t: any, id: string): unknown {
  return t.Resources[id].Properties.Value;
}

describe('resolve', () => {
  describe('partitions (style guide B5.5)', () => {
    test.each([
      ['aws', 'us-east-1', 'amazonaws.com'],
      ['aws-cn', 'cn-north-1', 'amazonaws.com.cn'],
      ['aws-us-gov', 'us-gov-west-1', 'amazonaws.com'],
    ])('%s: pseudo parameters and ARNs built from them', (partition, region, suffix) => {
      const stack = new Stack(new App(), 'P');
      const role = new iam.Role(stack, 'Role', { roleName: 'Audit', assumedBy: new iam.AccountPrincipal('111122223333') });
      role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit'));
      const queue = new sqs.Queue(stack, 'Queue', { queueName: 'q' });
      queue.grantSendMessages(role);
      const t = resolveTemplate(Template.fromStack(stack).toJSON(), { partition, region, account: '222233334444' });
      const roleProps = Object.values<any>(t.Resources).find((r) => r.Type === 'AWS::IAM::Role').Properties;
      expect(roleProps.AssumeRolePolicyDocument.Statement[0].Principal.AWS).toBe(`arn:${partition}:iam::111122223333:root`);
      expect(roleProps.ManagedPolicyArns).toEqual([`arn:${partition}:iam::aws:policy/SecurityAudit`]);
      const policy = Object.values<any>(t.Resources).find((r) => r.Type === 'AWS::IAM::Policy').Properties;
      expect(policy.PolicyDocument.Statement[0].Resource).toBe(`arn:${partition}:sqs:${region}:222233334444:q`);
      const queueId = Object.keys(t.Resources).find((k) => t.Resources[k].Type === 'AWS::SQS::Queue')!;
      expect(fakeResourceValues(t, queueId).ref).toBe(`https://sqs.${region}.${suffix}/222233334444/q`);
      expect(environmentOf(t)).toMatchObject({ partition, region, account: '222233334444', urlSuffix: suffix });
    });

    test('defaults: aws, us-east-1, 123456789012', () => {
      const { template, ids } = outputs(() => ({ A: `${Aws.PARTITION}|${Aws.REGION}|${Aws.ACCOUNT_ID}|${Aws.URL_SUFFIX}|${Aws.STACK_NAME}` }));
      expect(valueOf(resolveTemplate(template), ids.A)).toBe('aws|us-east-1|123456789012|amazonaws.com|TestStack');
    });
  });

  describe('Ref and Fn::GetAtt of resources', () => {
    const stack = new Stack(new App(), 'Res');
    const named = new iam.Role(stack, 'Named', { roleName: 'Vendor', path: '/audit/', assumedBy: new iam.AccountPrincipal('111122223333') });
    const unnamed = new iam.Role(stack, 'Unnamed', { assumedBy: new iam.AccountPrincipal('111122223333') });
    const queue = new sqs.Queue(stack, 'Queue');
    const topic = new sns.Topic(stack, 'Topic', { topicName: 'events' });
    const bus = new events.EventBus(stack, 'Bus', { eventBusName: 'audit-bus' });
    const rule = new events.Rule(stack, 'Rule', { ruleName: 'r', eventBus: bus, eventPattern: { source: ['aws.guardduty'] } });
    const key = new kms.Key(stack, 'Key');
    const bucket = new s3.Bucket(stack, 'Bucket', { bucketName: 'audit-logs' });
    const mp = new iam.ManagedPolicy(stack, 'Mp', { managedPolicyName: 'Receiver', statements: [new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: ['*'] })] });
    const refs: Record<string, string> = {
      RoleName: named.roleName,
      RoleArn: named.roleArn,
      UnnamedArn: unnamed.roleArn,
      QueueUrl: queue.queueUrl,
      QueueArn: queue.queueArn,
      QueueName: queue.queueName,
      TopicArn: topic.topicArn,
      BusArn: bus.eventBusArn,
      BusName: bus.eventBusName,
      RuleArn: rule.ruleArn,
      KeyArn: key.keyArn,
      BucketName: bucket.bucketName,
      BucketArn: bucket.bucketArn,
      MpArn: mp.managedPolicyArn,
    };
    for (const [k, v] of Object.entries(refs)) new CfnResource(stack, `Out${k}`, { type: 'AWS::SSM::Parameter', properties: { Type: 'String', Value: v } });
    const id = (c: any) => stack.getLogicalId(c.node.defaultChild);
    const t = resolveTemplate(Template.fromStack(stack).toJSON());
    const v = (k: string) => valueOf(t, stack.getLogicalId(stack.node.findChild(`Out${k}`) as CfnResource));

    test('role: Ref is RoleName, Arn uses Path and RoleName', () => {
      expect([v('RoleName'), v('RoleArn')]).toEqual(['Vendor', 'arn:aws:iam::123456789012:role/audit/Vendor']);
    });

    test('role without RoleName: the logical id is the name', () => {
      expect(v('UnnamedArn')).toBe(`arn:aws:iam::123456789012:role/${id(unnamed)}`);
    });

    test('queue: Ref is the URL, Arn and QueueName use the logical id when unnamed', () => {
      const name = id(queue);
      expect([v('QueueUrl'), v('QueueArn'), v('QueueName')]).toEqual([
        `https://sqs.us-east-1.amazonaws.com/123456789012/${name}`, `arn:aws:sqs:us-east-1:123456789012:${name}`, name,
      ]);
    });

    test('topic, bus, rule on a custom bus, key, bucket, managed policy', () => {
      expect(v('TopicArn')).toBe('arn:aws:sns:us-east-1:123456789012:events');
      expect([v('BusArn'), v('BusName')]).toEqual(['arn:aws:events:us-east-1:123456789012:event-bus/audit-bus', 'audit-bus']);
      expect(v('RuleArn')).toBe('arn:aws:events:us-east-1:123456789012:rule/audit-bus/r');
      expect(v('KeyArn')).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect([v('BucketName'), v('BucketArn')]).toEqual(['audit-logs', 'arn:aws:s3:::audit-logs']);
      expect(v('MpArn')).toBe('arn:aws:iam::123456789012:policy/Receiver');
    });

    test('fake values are deterministic', () => {
      const again = resolveTemplate(Template.fromStack(stack).toJSON());
      expect(again).toEqual(t);
    });

    test('an unmodelled type gets the generic form', () => {
      const s = new Stack(new App(), 'G');
      const r = new CfnResource(s, 'Thing', { type: 'AWS::Foo::Bar' });
      new CfnResource(s, 'Out', { type: 'AWS::SSM::Parameter', properties: { Value: Fn.join('|', [r.ref, r.getAtt('Arn').toString(), r.getAtt('Other').toString()]) } });
      const g = resolveTemplate(Template.fromStack(s).toJSON());
      expect(g.Resources.Out.Properties.Value).toBe('Thing|arn:aws:foo:us-east-1:123456789012:bar/Thing|Thing.Other');
    });
  });

  describe('functions', () => {
    test('Fn::Join, Fn::Select, Fn::Split', () => {
      const { template, ids } = outputs(() => ({ A: Fn.select(1, Fn.split(',', Fn.join(',', ['a', Aws.REGION, 'c']))) }));
      expect(valueOf(resolveTemplate(template, { region: 'eu-west-1' }), ids.A)).toBe('eu-west-1');
    });

    test('Fn::FindInMap reads the template Mappings, keyed by a resolved value', () => {
      const { template, ids } = outputs((s) => {
        const m = new CfnMapping(s, 'Vendor', { mapping: { 'aws': { account: '111122223333' }, 'aws-us-gov': { account: '999988887777' } } });
        return { A: m.findInMap(Aws.PARTITION, 'account') };
      });
      expect(valueOf(resolveTemplate(template, { partition: 'aws-us-gov' }), ids.A)).toBe('999988887777');
      expect(() => resolveTemplate(template, { partition: 'aws-cn' })).toThrow(/Mappings\.Vendor\.aws-cn\.account does not exist/);
    });

    test('Fn::Sub with pseudo parameters, resources, attributes, variables and ${!Literal}', () => {
      const stack = new Stack(new App(), 'Sub');
      new CfnResource(stack, 'Q', { type: 'AWS::SQS::Queue', properties: { QueueName: 'q1' } });
      new CfnResource(stack, 'Out', {
        type: 'AWS::SSM::Parameter',
        properties: { Value: Fn.sub('${AWS::Region}/${Q}/${Q.Arn}/${Name}/${!Keep}', { Name: Aws.ACCOUNT_ID }) },
      });
      const t = resolveTemplate(Template.fromStack(stack).toJSON());
      expect(t.Resources.Out.Properties.Value).toBe(
        'us-east-1/https://sqs.us-east-1.amazonaws.com/123456789012/q1/arn:aws:sqs:us-east-1:123456789012:q1/123456789012/${Keep}');
    });

    test('Fn::If and Conditions (Equals, Not, And, Or) decide values and drop conditioned resources', () => {
      const stack = new Stack(new App(), 'Cond');
      const isGov = new CfnCondition(stack, 'IsGov', { expression: Fn.conditionEquals(Aws.PARTITION, 'aws-us-gov') });
      const notGov = new CfnCondition(stack, 'NotGov', { expression: Fn.conditionNot(isGov) });
      const both = new CfnCondition(stack, 'Both', { expression: Fn.conditionAnd(notGov, Fn.conditionOr(isGov, Fn.conditionEquals('a', 'a'))) });
      const govOnly = new CfnResource(stack, 'GovOnly', { type: 'AWS::SNS::Topic' });
      govOnly.cfnOptions.condition = isGov;
      new CfnResource(stack, 'Out', { type: 'AWS::SSM::Parameter', properties: { Value: Fn.conditionIf(both.logicalId, 'yes', 'no') } });
      const raw = Template.fromStack(stack).toJSON();
      const commercial = resolveTemplate(raw);
      expect(commercial.Resources.Out.Properties.Value).toBe('yes');
      expect(commercial.Resources.GovOnly).toBeUndefined();
      const gov = resolveTemplate(raw, { partition: 'aws-us-gov' });
      expect(gov.Resources.Out.Properties.Value).toBe('no');
      expect(gov.Resources.GovOnly).toBeDefined();
    });

    test('AWS::NoValue removes the property', () => {
      const stack = new Stack(new App(), 'NoValue');
      new CfnResource(stack, 'Out', { type: 'AWS::SSM::Parameter', properties: { Value: 'v', Description: Aws.NO_VALUE } });
      expect(resolveTemplate(Template.fromStack(stack).toJSON()).Resources.Out.Properties).toEqual({ Value: 'v' });
    });

    test('Fn::ImportValue needs env.imports', () => {
      const { template, ids } = outputs(() => ({ A: Fn.importValue('Shared-TopicArn') }));
      expect(() => resolveTemplate(template)).toThrow(/Fn::ImportValue "Shared-TopicArn" has no value; pass it in env.imports/);
      expect(valueOf(resolveTemplate(template, { imports: { 'Shared-TopicArn': 'arn:aws:sns:us-east-1:1:t' } }), ids.A)).toBe('arn:aws:sns:us-east-1:1:t');
    });
  });

  describe('parameters', () => {
    test('Ref of a parameter is its Default, or env.parameters', () => {
      const { template, ids } = outputs((s) => ({ A: new CfnParameter(s, 'VendorAccount', { default: '111122223333' }).valueAsString }));
      expect(valueOf(resolveTemplate(template), ids.A)).toBe('111122223333');
      expect(valueOf(resolveTemplate(template, { parameters: { VendorAccount: '999988887777' } }), ids.A)).toBe('999988887777');
    });

    test('a CommaDelimitedList parameter resolves to a list', () => {
      const { template, ids } = outputs((s) => ({
        A: Fn.join('+', new CfnParameter(s, 'Regions', { type: 'CommaDelimitedList', default: 'us-east-1,eu-west-1' }).valueAsList),
      }));
      expect(valueOf(resolveTemplate(template), ids.A)).toBe('us-east-1+eu-west-1');
    });

    test('a parameter without Default is an error naming it', () => {
      const { template } = outputs((s) => ({ A: new CfnParameter(s, 'ExternalId').valueAsString }));
      expect(() => resolveTemplate(template)).toThrow(/parameter "ExternalId" has no Default; pass a value in env.parameters/);
    });
  });

  describe('errors and copies', () => {
    test('an unknown intrinsic throws with its path in the template', () => {
      const t = { Resources: { X: { Type: 'AWS::SSM::Parameter', Properties: { Value: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] } } } } };
      expect(() => resolveTemplate(t)).toThrow('resolveTemplate: Resources.X.Properties.Value.Fn::Cidr: unsupported intrinsic Fn::Cidr');
    });

    test('a Ref to nothing throws with its path', () => {
      const t = { Resources: { X: { Type: 'AWS::SSM::Parameter', Properties: { Value: { Ref: 'Ghost' } } } } };
      expect(() => resolveTemplate(t)).toThrow(/Resources\.X\.Properties\.Value\.Ref: Ref to "Ghost"/);
    });

    test('the input template is not changed', () => {
      const t = { Resources: { X: { Type: 'AWS::SSM::Parameter', Properties: { Value: { Ref: 'AWS::Region' } } } } };
      const before = JSON.stringify(t);
      const out = resolveTemplate(t);
      expect(JSON.stringify(t)).toBe(before);
      expect(out.Resources.X.Properties.Value).toBe('us-east-1');
    });
  });
});
