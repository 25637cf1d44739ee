#!/usr/bin/env node
// Checks the template a consumer app (typescript/app.ts, python/app.py) synthesized:
//   node check-template.js <template.json> [<other template.json that must be identical>]
// Exits non-zero, naming what is missing, if the template lacks the audit role
// (vendor account trust with the external ID, SecurityAudit, the budgets bundle),
// the hand-off outputs or the event-stream rule.
'use strict';
const fs = require('fs');

const [file, other] = process.argv.slice(2);
const template = JSON.parse(fs.readFileSync(file, 'utf8'));
const problems = [];
const resources = Object.values(template.Resources ?? {});
const ofType = (type) => resources.filter((r) => r.Type === type);

const roles = ofType('AWS::IAM::Role');
if (roles.length !== 1) problems.push(`expected 1 AWS::IAM::Role, found ${roles.length}`);
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

const rules = ofType('AWS::Events::Rule');
if (rules.length < 1) problems.push('no AWS::Events::Rule');
else if (!JSON.stringify(rules.map((r) => r.Properties.Targets)).includes('vendor-events-queue')) {
  problems.push('no event rule targets the vendor queue');
}

if (other) {
  const a = JSON.stringify(template);
  const b = JSON.stringify(JSON.parse(fs.readFileSync(other, 'utf8')));
  if (a !== b) problems.push(`${file} and ${other} differ: the bindings synthesize different templates`);
}

if (problems.length > 0) {
  process.stderr.write(`${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`${file}: role, trust, policies, outputs and event rule as expected${other ? `; identical to ${other}` : ''}\n`);
