/** Internal shapes shared by the StackSet constructs. */
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * A template rendered for a StackSet, with what the rollouts need to check it.
 */
export interface RenderedStackSetTemplate {
  /** The template as an object. */
  readonly template: { [key: string]: any };
  /** The template body exactly as sent in `TemplateBody` (compact JSON). */
  readonly body: string;
  /** UTF-8 bytes of `body`. */
  readonly bodyBytes: number;
  /** What a StackSet cannot carry, each a sentence with the alternative. */
  readonly problems: string[];
}

/**
 * What a permission choice puts on the execution role.
 */
export interface BoundExecutionPermissions {
  /** The customer managed policy's default name, if the guide fixes one. */
  readonly defaultPolicyName?: string;
  /** The customer managed policy's document; undefined for an AWS managed policy. */
  readonly document?: iam.PolicyDocument;
  /** The AWS managed policy's name; undefined for a customer managed policy. */
  readonly awsManagedPolicyName?: string;
  /** Problems found once the tree is complete (unknown resource types). */
  readonly validate: () => string[];
  /** Completes the documents once the tree is complete (statements that depend on the templates); called after `validate` found no problem. */
  readonly prepare?: () => void;
  /** The permissions boundary the templates' roles must carry, defined next to the permissions policy; undefined for the fixed lists. */
  readonly boundary?: BoundBoundary;
}

/** The permissions boundary of derived permissions. */
export interface BoundBoundary {
  /** Its managed policy name. */
  readonly name: string;
  /** Its document, completed by `prepare`. */
  readonly document: iam.PolicyDocument;
}

