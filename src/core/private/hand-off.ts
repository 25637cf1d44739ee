import { CfnOutput, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AuditBaselineError } from './errors';

/** One value a user pastes into a vendor console. */
export interface HandOffValue {
  /** Stable construct id of the output (public contract: changing it renames the output). */
  readonly id: string;
  /** The value; may be a token. */
  readonly value: string;
  /** What the value is and where it goes, shown in the CloudFormation console. */
  readonly description: string;
}

/**
 * Defines the vendor hand-off outputs of a construct.
 *
 * The outputs live under a `HandOff` child of `scope`, with the ids given,
 * so their logical ids are stable. They are never exported (no cross-stack
 * coupling), and a value that references an access key's secret is refused:
 * secrets go to Secrets Manager only.
 */
export function defineHandOffOutputs(scope: Construct, values: HandOffValue[]): Construct {
  const stack = Stack.of(scope);
  for (const v of values) {
    if (JSON.stringify(stack.resolve(v.value) ?? '').includes('SecretAccessKey')) {
      throw new AuditBaselineError(scope, `hand-off output ${v.id} would print an access key secret: secrets go to Secrets Manager only, output the secret's ARN instead`);
    }
  }
  const handOff = new Construct(scope, 'HandOff');
  for (const v of values) {
    new CfnOutput(handOff, v.id, { value: v.value, description: v.description });
  }
  return handOff;
}
