/**
 * Every guardrail configuration the README, docs/guardrails.md and examples/
 * show, synthesized, as the adversarial suite attacks it. The snippets are
 * copied here verbatim (apart from `audit.` and `this`); when a snippet of
 * those pages changes, change it here too.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Configuration, policiesOfApp } from './harness';
import { example as orgPerimeterExample } from '../../../examples/guardrails-org-perimeter';
import * as audit from '../../../src';

const SECURITY_ADMIN = 'arn:aws:iam::222233334444:role/SecurityAdmin';

function scpApp(define: (stack: Stack) => void): App {
  const app = new App();
  define(new Stack(app, 'Org', { env: { account: '123456789012', region: 'us-east-1' } }));
  return app;
}

/** The configurations, built lazily (each synthesizes an app). */
export function configurations(): Configuration[] {
  const example = new App();
  orgPerimeterExample.define(example);

  return [
    {
      name: 'examples/guardrails-org-perimeter.ts',
      ...policiesOfApp(example),
      features: ['protect', 'perimeter', 'leave', 'regions', 'rcp'],
      setup: { roles: ['VendorAuditRole', 'SecurityAdmin'], rules: ['cloudcoreo-events'], topics: ['cloudcoreo-events'], queues: [], trails: ['audit-trail'] },
      admins: [SECURITY_ADMIN],
      vendorRoles: ['VendorAuditRole'],
      allowedRegions: ['us-east-1', 'us-west-2', 'eu-west-1'],
    },
    {
      name: 'README and docs/guardrails.md: Guardrails (the first example)',
      ...policiesOfApp(scpApp((stack) => {
        new audit.OrgGuardrailScp(stack, 'Guardrails', {
          targetIds: ['ou-ab12-11111111'],
          guardrails: [
            audit.Guardrail.denyResourcesOutsideOrganization({
              actions: ['s3:*', 'sqs:*'],
              trustedAccounts: ['111122223333'],
            }),
            audit.Guardrail.protectAuditSetup({
              roleNames: ['VendorAuditRole', 'SecurityAdmin'],
              ruleNames: ['cloudcoreo-events'],
              topicNames: ['cloudcoreo-events'],
              trailNames: ['audit-trail'],
              adminPrincipalArns: ['arn:aws:iam::*:role/SecurityAdmin'],
            }),
            audit.Guardrail.denyLeaveOrganization(),
            audit.Guardrail.denyRegionsOutside({ allowedRegions: ['us-east-1', 'eu-west-1'] }),
          ],
        });
      })),
      features: ['protect', 'perimeter', 'leave', 'regions'],
      setup: { roles: ['VendorAuditRole', 'SecurityAdmin'], rules: ['cloudcoreo-events'], topics: ['cloudcoreo-events'], queues: [], trails: ['audit-trail'] },
      admins: [SECURITY_ADMIN],
      // the region guardrail does not exempt the vendor here: its reads of global services stay allowed
      vendorRoles: ['VendorAuditRole'],
      allowedRegions: ['us-east-1', 'eu-west-1'],
    },
    {
      name: 'docs/guardrails.md: protectAuditSetup from the constructs, admin of a named account',
      ...policiesOfApp(scpApp((stack) => {
        const auditRole = new audit.ReadOnlyAuditRole(stack, 'AuditRole', {
          trustedAccountId: '111122223333',
          externalId: 'my-tenant-1234',
          roleName: 'VendorAuditRole',
        });
        const stream = new audit.EventStreamRule(stack, 'EventStream', { ruleName: 'cloudcoreo-events' });
        const protection = audit.Guardrail.protectAuditSetup({
          roles: [auditRole.role],
          rules: [stream.rule],
          topics: [stream.topic],
          adminPrincipalArns: ['arn:aws:iam::444455556666:role/SecurityAdmin'],
        });
        new audit.OrgGuardrailScp(stack, 'Guardrails', { targetIds: ['ou-ab12-11111111'], guardrails: [protection] });
      })),
      features: ['protect'],
      setup: { roles: ['VendorAuditRole'], rules: ['cloudcoreo-events'], topics: [], queues: [], trails: [] },
      admins: ['arn:aws:iam::444455556666:role/SecurityAdmin'],
      vendorRoles: ['VendorAuditRole'],
    },
    {
      name: 'docs/guardrails.md: organization paths, beside the protection',
      ...policiesOfApp(scpApp((stack) => {
        const org = 'o-a1b2c3d4e5';
        const root = 'r-ab12';
        const pathGuardrail = audit.Guardrail.denyResourcesOutsideOrgPaths({
          actions: ['s3:*'],
          orgPaths: [
            audit.OrgPath.of(org, root, 'ou-ab12-11111111').path, // Media only
            audit.OrgPath.of(org, root, 'ou-ab12-22222222').withDescendants().path, // Sports and below
          ],
        });
        new audit.OrgGuardrailScp(stack, 'MediaAndSports', {
          targetIds: ['ou-ab12-11111111', 'ou-ab12-22222222'],
          guardrails: [pathGuardrail, audit.Guardrail.protectAuditSetup({ roleNames: ['VendorAuditRole'] })],
        });
      })),
      features: ['protect'],
      setup: { roles: ['VendorAuditRole'], rules: [], topics: [], queues: [], trails: [] },
      admins: [],
      vendorRoles: ['VendorAuditRole'],
    },
    {
      name: 'docs/guardrails.md: denyServices game day, beside the protection',
      ...policiesOfApp(scpApp((stack) => {
        new audit.OrgGuardrailScp(stack, 'GameDay', {
          targetIds: ['ou-ab12-22222222'],
          guardrails: [
            audit.Guardrail.denyServices({ services: ['route53'], auditRoleNames: ['VendorAuditRole'] }),
            audit.Guardrail.protectAuditSetup({ roleNames: ['VendorAuditRole'] }),
          ],
        });
      })),
      features: ['protect', 'services'],
      setup: { roles: ['VendorAuditRole'], rules: [], topics: [], queues: [], trails: [] },
      admins: [],
      vendorRoles: ['VendorAuditRole'],
    },
    {
      name: 'docs/guardrails.md: denyUnlessFromSourceIp, beside the protection',
      ...policiesOfApp(scpApp((stack) => {
        const fromOffice = audit.Guardrail.denyUnlessFromSourceIp({
          allowedCidrs: ['203.0.113.0/24', '2001:db8:1234::/48'],
          allowedVpcIds: ['vpc-0a1b2c3d4e5f67890'],
          auditRoleNames: ['VendorAuditRole'],
        });
        new audit.OrgGuardrailScp(stack, 'FromOffice', {
          targetIds: ['ou-ab12-22222222'],
          guardrails: [fromOffice, audit.Guardrail.protectAuditSetup({ roleNames: ['VendorAuditRole'] })],
        });
      })),
      features: ['protect', 'sourceIp'],
      setup: { roles: ['VendorAuditRole'], rules: [], topics: [], queues: [], trails: [] },
      admins: [],
      vendorRoles: ['VendorAuditRole'],
      allowedIp: '203.0.113.10',
    },
    {
      name: 'docs/guardrails.md: resource control policy',
      ...policiesOfApp(scpApp((stack) => {
        new audit.OrgResourceControlPolicy(stack, 'ResourcePerimeter', {
          organizationId: 'o-a1b2c3d4e5',
          targetIds: ['ou-ab12-11111111'],
          trustedAccounts: ['111122223333'],
          services: [audit.RcpService.S3, audit.RcpService.STS, audit.RcpService.SQS, audit.RcpService.KMS],
        });
      })),
      features: ['rcp'],
      setup: { roles: ['VendorAuditRole'], rules: [], topics: [], queues: ['cloudcoreo-events-queue'], trails: [] },
      admins: [],
      vendorRoles: ['VendorAuditRole'],
    },
  ].map((c) => ({ ...c, features: c.features as Configuration['features'] }));
}
