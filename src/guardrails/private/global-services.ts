/**
 * Actions of global services: their single endpoint is in us-east-1 (some
 * in us-west-2), so a region allow list that omits that region must exempt
 * them or it blocks IAM, Organizations, billing and support everywhere.
 *
 * Facts from the IAM user guide ("Denies access to AWS based on the requested
 * Region") and the AWS Organizations and AWS Control Tower region deny
 * examples; every entry is checked against AWS's service authorization data
 * in `test/guardrails/global-services.test.ts`. The list is data: users add
 * what their organization needs with `exemptActions`.
 */
export interface GlobalServiceActions {
  /** Why these actions are global. */
  readonly why: string;
  /** Action patterns (`service:*` or single actions). */
  readonly actions: string[];
}

export const GLOBAL_SERVICE_ACTIONS: ReadonlyArray<GlobalServiceActions> = [
  {
    why: 'identity and organization control planes (single endpoint in us-east-1)',
    actions: ['iam:*', 'organizations:*', 'sts:*', 'sso:*', 'access-analyzer:*', 'account:*'],
  },
  {
    why: 'edge and DNS services (global endpoints)',
    actions: ['cloudfront:*', 'route53:*', 'route53domains:*', 'globalaccelerator:*', 'waf:*', 'shield:*', 'networkmanager:*', 'ecr-public:*'],
  },
  {
    why: 'billing, cost and support (global endpoints)',
    actions: [
      'aws-portal:*', 'billing:*', 'budgets:*', 'ce:*', 'cur:*', 'payments:*', 'pricing:*', 'savingsplans:*',
      'tax:*', 'invoicing:*', 'freetier:*', 'support:*', 'supportplans:*', 'trustedadvisor:*', 'health:*',
    ],
  },
  {
    why: 'account-level reads that the consoles issue against us-east-1',
    actions: [
      'ec2:DescribeRegions',
      's3:GetAccountPublicAccessBlock',
      's3:PutAccountPublicAccessBlock',
      's3:ListAllMyBuckets',
      's3:GetBucketLocation',
      'tag:GetResources',
      'cloudtrail:LookupEvents',
    ],
  },
  {
    why: 'certificates and keys CloudFront and other global services use from us-east-1',
    actions: ['acm:*', 'kms:*'],
  },
];

/** Every global-service action pattern, in table order. */
export function globalServiceActions(): string[] {
  return GLOBAL_SERVICE_ACTIONS.flatMap((g) => g.actions);
}
