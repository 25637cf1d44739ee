import { Aws, BootstraplessSynthesizer, CfnCondition, Fn, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AwsLimits } from '../../core/limits';

/**
 * A value picked per account at deploy time, in an environment-agnostic
 * stack, without nesting: one template serves every account of a StackSet.
 *
 * The template holds one condition per listed account
 * (`Account<id>`: `AWS::AccountId` equals the ID; shared by every lookup in
 * the stack) and the value is
 *
 *     Fn::Select [0, Fn::Split ["|", Fn::Join ["", [
 *       Fn::If [Account<id1>, "<value1>|", ""], ..., "<fallback>"]]]]
 *
 * In a listed account exactly one `Fn::If` yields its value and the
 * separator, so the first element of the split is that value; in any other
 * account every `Fn::If` yields "" and the element is the fallback. Nothing
 * nests, so the depth is the same for 1 or 10,000 accounts, and no transform
 * is needed (service-managed StackSets run none). `|` cannot occur in a value
 * that passed the external ID check.
 */

/** Separates a picked value from the fallback; no external ID contains it. */
export const LOOKUP_SEPARATOR = '|';

const SCOPE_ID = 'AuditBaselineAccountConditions';

/** The condition "this stack is deployed in account `id`", one per stack and account. */
function accountCondition(stack: Stack, id: string): CfnCondition {
  const holder = (stack.node.tryFindChild(SCOPE_ID) as Construct | undefined) ?? new Construct(stack, SCOPE_ID);
  const existing = holder.node.tryFindChild(id) as CfnCondition | undefined;
  if (existing) return existing;
  const condition = new CfnCondition(holder, id, { expression: Fn.conditionEquals(Aws.ACCOUNT_ID, id) });
  condition.overrideLogicalId(`Account${id}`);
  return condition;
}

/** The value of `byAccount` for the account the stack is deployed to, else `fallback`; sorted, so the template is stable. */
export function valueByAccount(scope: Construct, byAccount: { readonly [accountId: string]: string }, fallback: string): string {
  const stack = Stack.of(scope);
  const parts = Object.keys(byAccount).sort().map((id) =>
    Token.asString(Fn.conditionIf(accountCondition(stack, id).logicalId, `${byAccount[id]}${LOOKUP_SEPARATOR}`, '')));
  return Fn.select(0, Fn.split(LOOKUP_SEPARATOR, Fn.join('', [...parts, fallback])));
}

/**
 * The bytes the lookup adds to a compact JSON template when the value is
 * used `uses` times (the trust policy, and an output when there is one).
 */
export function lookupBytes(byAccount: { readonly [accountId: string]: string }, fallback: string, uses: number): number {
  let conditions = 0;
  let picks = JSON.stringify({ 'Fn::Select': [0, { 'Fn::Split': [LOOKUP_SEPARATOR, { 'Fn::Join': ['', [fallback]] }] }] }).length;
  for (const [id, value] of Object.entries(byAccount)) {
    conditions += JSON.stringify({ [`Account${id}`]: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, id] } }).length - 1; // a comma instead of the braces
    picks += JSON.stringify({ 'Fn::If': [`Account${id}`, `${value}${LOOKUP_SEPARATOR}`, ''] }).length + 1; // and a comma
  }
  return conditions + uses * picks;
}

/** The template size limit the stack's template must meet, and its name for a message. */
export function templateLimit(scope: Construct, limits: AwsLimits): { bytes: number; name: string } {
  const synthesizer = Stack.of(scope).synthesizer;
  // A StackSet template (BootstraplessSynthesizer, as the rollouts require) is sent inline as TemplateBody.
  return synthesizer instanceof BootstraplessSynthesizer
    ? { bytes: limits.stackSetTemplateBodyBytes, name: 'TemplateBody limit of a StackSet template' }
    : { bytes: limits.templateUrlBytes, name: 'limit of a template uploaded to S3' };
}
