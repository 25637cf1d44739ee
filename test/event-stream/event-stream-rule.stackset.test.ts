import { App, BootstraplessSynthesizer, Stack, Stage } from 'aws-cdk-lib';
import { AuditedServices, EventStreamRule, NrtPublisher } from '../../src/event-stream';
import { StackSetTemplate } from '../../src/stacksets';

/**
 * The organization form of the event stream (seed 000 ): the
 * per-region pieces in an env-agnostic template that a service-managed
 * StackSet deploys to every member account and region. These tests check
 * that the pieces render into such a template with nothing a StackSet
 * cannot carry and no account-global names that would collide.
 */
function render(define: (stack: Stack) => void): { problems: string[]; globalNames: string[]; bodyBytes: number; template: any } {
  const app = new App();
  const templates = new Stage(app, 'MemberTemplates');
  const stack = new Stack(templates, 'EventStream', { synthesizer: new BootstraplessSynthesizer() });
  define(stack);
  const template = StackSetTemplate.fromStack(stack);
  const rendered = template._render('template');
  return { problems: rendered.problems, globalNames: template._globalNamedResources('template'), bodyBytes: rendered.bodyBytes, template: rendered.template };
}

describe('EventStreamRule in a StackSet template', () => {
  test('renders with no StackSet problem and no account-global name', () => {
    const r = render((stack) => new EventStreamRule(stack, 'EventStream', {
      queueArn: 'arn:aws:sqs:us-west-2:111122223333:cloudcoreo-events-queue',
    }));
    expect(r.problems).toEqual([]);
    expect(r.globalNames).toEqual([]);
    expect(r.bodyBytes).toBeLessThan(51_200);
  });

  test('the log group names follow each target account and region', () => {
    const r = render((stack) => new EventStreamRule(stack, 'EventStream'));
    const groups = Object.values(r.template.Resources).filter((x: any) => x.Type === 'AWS::Logs::LogGroup').map((x: any) => x.Properties.LogGroupName);
    expect(groups).toContainEqual({ 'Fn::Join': ['', ['sns/', { Ref: 'AWS::Region' }, '/', { Ref: 'AWS::AccountId' }, '/cloudcoreo-events']] });
  });

  test('an NRT publisher renders too, forwarding to the receiver bus of each target region', () => {
    const r = render((stack) => new NrtPublisher(stack, 'Publisher', { receiverAccountId: '111122223333', services: AuditedServices.VMWARE_DEFAULT }));
    expect(r.problems).toEqual([]);
    expect(r.globalNames).toEqual([]);
    const [rule] = Object.values(r.template.Resources).filter((x: any) => x.Type === 'AWS::Events::Rule') as any[];
    expect(rule.Properties.Targets[0].Arn).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:', { Ref: 'AWS::Region' }, ':111122223333:event-bus/default']],
    });
  });
});
