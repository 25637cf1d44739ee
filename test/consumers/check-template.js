#!/usr/bin/env node
// Checks the template a consumer app (typescript/app.ts, python/app.py) synthesized:
//   node check-template.js <template.json> [<other template.json that must be identical>]
// Exits non-zero, naming what is missing, if the template lacks the audit role
// (vendor account trust with the external ID, SecurityAudit, the budgets bundle),
// the hand-off outputs or the event stream (rule, and the topic's subscription
// to the vendor queue).
'use strict';
const fs = require('fs');

const [file, other] = process.argv.slice(2);
const template = JSON.parse(fs.readFileSync(file, 'utf8'));
const problems = [];
const resources = Object.values(template.Resources ?? {});
const ofType = (type) => resources.filter((r) => r.Type === type);

// The audit role is the one role whose trust names the external ID (the event
// stream adds an SNS delivery-status role of its own).
const roles = ofType('AWS::IAM::Role').filter((r) => JSON.stringify(r.Properties.AssumeRolePolicyDocument ?? {}).includes('sts:ExternalId'));
if (roles.length !== 1) problems.push(`expected 1 AWS::IAM::Role trusted with an external ID, found ${roles.length}`);
const role = roles[0]?.Properties ?? {};
const trust = role.AssumeRolePolicyDocument?.Statement ?? [];
if (trust.length !== 1) problems.push(`expected 1 trust statement, found ${trust.length}`);
const st = trust[0] ?? {};
if (st.Action !== 'sts:AssumeRole') problems.push(`trust action is ${JSON.stringify(st.Action)}, not sts:AssumeRole`);
if (!JSON.stringify(st.Principal ?? {}).includes(':iam::111122223333:root')) {
  problems.push(`trust principal is not the vendor account root: ${JSON.stringify(st.Principal)}`);
}
if (st.Condition?.StringEquals?.['sts:ExternalId'] !== 'consumer-tenant-1234') {
  problems.push(`trust does not require the external ID: ${JSON.stringify(st.Condition)}`);
}
if (!JSON.stringify(role.ManagedPolicyArns ?? []).includes(':iam::aws:policy/SecurityAudit')) {
  problems.push('SecurityAudit is not attached');
}
const inline = JSON.stringify(role.Policies ?? []) + JSON.stringify(ofType('AWS::IAM::Policy'));
if (!inline.includes('budgets:')) problems.push('the BUDGETS_READ bundle (budgets: actions) is missing');

const outputs = Object.keys(template.Outputs ?? {});
for (const name of ['RoleArn', 'ExternalId']) {
  if (!outputs.some((o) => o.includes(name))) problems.push(`no hand-off output named like ${name} (outputs: ${outputs.join(', ')})`);
}

// Rule -> topic -> the vendor's queue.
if (ofType('AWS::Events::Rule').length < 1) problems.push('no AWS::Events::Rule');
const subscriptions = ofType('AWS::SNS::Subscription').filter((r) => r.Properties.Protocol === 'sqs');
if (!JSON.stringify(subscriptions).includes(':sqs:us-west-2:111122223333:vendor-events-queue')) {
  problems.push('no SQS subscription to the vendor queue');
}

// The same constructs from another language, in a stack of the same name,
// synthesize the same template.
// CDKMetadata (the version-reporting resource) records the app's language, so
// it is left out of the comparison.
if (other) {
  const withoutMetadata = (t) => {
    const resources = { ...(t.Resources ?? {}) };
    delete resources.CDKMetadata;
    const conditions = { ...(t.Conditions ?? {}) };
    delete conditions.CDKMetadataAvailable;
    return { ...t, Resources: resources, Conditions: conditions };
  };
  const a = withoutMetadata(template);
  const b = withoutMetadata(JSON.parse(fs.readFileSync(other, 'utf8')));
  const keys = [...new Set([...Object.keys(a.Resources), ...Object.keys(b.Resources)])];
  const differing = keys.filter((k) => JSON.stringify(a.Resources[k]) !== JSON.stringify(b.Resources[k]));
  if (differing.length > 0 || JSON.stringify({ ...a, Resources: {} }) !== JSON.stringify({ ...b, Resources: {} })) {
    problems.push(`${file} and ${other} differ (resources: ${differing.join(', ') || 'none'}; or outside Resources)`);
  }
}

if (problems.length > 0) {
  process.stderr.write(`${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`${file}: role, trust, policies, outputs and event stream as expected${other ? `; identical to ${other}` : ''}\n`);
