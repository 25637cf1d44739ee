import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag finding on one resource, with the reason.
 *
 * cdk-nag 3 reports rules that have several findings per resource (IAM4,
 * IAM5) per finding, as `AwsSolutions-IAM4[Policy::<arn>]`, but
 * `Validations.acknowledge()` refuses ids that contain "::". This writes the
 * same metadata entry that `acknowledge()` writes, so the acknowledgment stays
 * exactly as narrow as the finding: a new managed policy or a new wildcard is
 * still reported. `test/harness/nag.ts` rejects reasons shorter than 10 characters.
 */
export function acknowledgeFinding(resource: IConstruct, id: string, reason: string): void {
  resource.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [id]: reason });
}

/** The cdk-nag finding id for the AWS managed SecurityAudit policy on a role or user. */
export const SECURITY_AUDIT_IAM4 = 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/SecurityAudit]';
