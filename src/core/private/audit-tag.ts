import { Aspects, IAspect, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/**
 * The tag every resource of the audit setup carries, so that
 * `Guardrail.protectAuditSetup()` can protect the resources whose physical
 * name CloudFormation generates (rules, roles, queues, keys): it denies
 * writes to any resource with this tag (`aws:ResourceTag`) and any request
 * that sets or removes the tag key (`aws:TagKeys`), except by the admin
 * principals.
 */
export const AUDIT_TAG_KEY = 'audit-baseline:protected';

/** The value of {@link AUDIT_TAG_KEY}. */
export const AUDIT_TAG_VALUE = 'true';

/**
 * The IAM path of the customer managed policies of the audit setup.
 *
 * CloudFormation cannot tag an `AWS::IAM::ManagedPolicy`, so these policies
 * are protected by path instead (`arn:*:iam::*:policy/audit-baseline/*`).
 */
export const AUDIT_POLICY_PATH = '/audit-baseline/';

/** Puts the managed policies that have no path of their own under {@link AUDIT_POLICY_PATH}. */
class AuditPolicyPath implements IAspect {
  public visit(node: IConstruct): void {
    if (iam.CfnManagedPolicy.isCfnManagedPolicy(node) && (node.path === undefined || node.path === '/')) {
      node.path = AUDIT_POLICY_PATH;
    }
  }
}

/**
 * Marks every resource `scope` defines as part of the audit setup: the
 * {@link AUDIT_TAG_KEY} tag on every taggable resource, and the
 * {@link AUDIT_POLICY_PATH} path on its customer managed policies that have
 * no path of their own. Call it in the constructor of each construct that
 * builds part of the setup; marking a scope twice (a construct inside
 * another) changes nothing.
 */
export function markAuditSetup(scope: IConstruct): void {
  Tags.of(scope).add(AUDIT_TAG_KEY, AUDIT_TAG_VALUE);
  Aspects.of(scope).add(new AuditPolicyPath());
}
