import { App, BootstraplessSynthesizer, Stack, StackProps, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Fake but valid IDs used across the StackSet tests. */
export const ADMIN_ACCOUNT = '111122223333';
export const TARGET_ACCOUNT = '444455556666';
export const OTHER_ACCOUNT = '777788889999';
export const VENDOR_ACCOUNT = '999988887777';

/** A host app and stack, env-agnostic unless `props` says otherwise. */
export function hostStack(props: StackProps = {}): { app: App; stack: Stack } {
  const app = new App();
  const stack = new Stack(app, 'Host', props);
  return { app, stack };
}

/** An env-agnostic, bootstrapless stack in a Stage of its own under `scope`: the recommended template shape. */
export function templateStack(scope: Construct, id = 'MemberTemplates', stackId = 'Template'): Stack {
  const stage = new Stage(scope, id);
  return new Stack(stage, stackId, { synthesizer: new BootstraplessSynthesizer() });
}

/** A named audit role, as a vendor needs it in every account (global). */
export function addNamedRole(stack: Stack, roleName = 'VendorAudit'): iam.Role {
  return new iam.Role(stack, 'AuditRole', {
    roleName,
    assumedBy: new iam.AccountPrincipal(VENDOR_ACCOUNT),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')],
  });
}

/** A TLS-only topic, a regional resource. */
export function addTopic(stack: Stack): sns.Topic {
  return new sns.Topic(stack, 'Topic', { enforceSSL: true });
}
