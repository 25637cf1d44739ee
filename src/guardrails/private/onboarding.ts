/**
 * The roles that onboard accounts into an organization. Every guardrail
 * exempts them by default: a guardrail that blocks them breaks the next
 * account that joins (`awslabs/landing-zone-accelerator-on-aws#850`, `#1179`;
 * field notes "StackSets and organizations").
 *
 * Names are exact role names (or a name prefix ending in `*`), matched in any
 * partition and any account.
 */
export interface OnboardingRole {
  /** The role name, or a pattern with a trailing `*`. */
  readonly name: string;
  /** Who uses it, and the source of the name. */
  readonly why: string;
}

export const ONBOARDING_ROLES: ReadonlyArray<OnboardingRole> = [
  {
    name: 'stacksets-exec-*',
    why: 'service-managed StackSets: the execution role StackSets creates in each member account '
      + '(the AWS managed policy CloudFormationStackSetsOrgAdminServiceRolePolicy assumes role/stacksets-exec-*)',
  },
  {
    name: 'AWSCloudFormationStackSetExecutionRole',
    why: 'self-managed StackSets: the documented default execution role name',
  },
  {
    name: 'AWSControlTowerExecution',
    why: 'AWS Control Tower: the role it enrolls and baselines accounts with (Control Tower user guide, "roles-how")',
  },
  {
    name: 'aws-controltower-ConfigRecorderRole',
    why: 'AWS Control Tower: the AWS Config recorder role it deploys; its region deny control exempts it',
  },
  {
    name: 'aws-controltower-ForwardSnsNotificationRole',
    why: 'AWS Control Tower: the notification forwarder role; its region deny control exempts it',
  },
  {
    name: 'AWSControlTower_VPCFlowLogsRole',
    why: 'AWS Control Tower: the VPC flow logs role; its region deny control exempts it',
  },
];

/** The names of the onboarding roles, in table order. */
export function onboardingRoleNames(): string[] {
  return ONBOARDING_ROLES.map((r) => r.name);
}
