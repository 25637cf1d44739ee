// Creates, on the moto server at $ENDPOINT, the audit role `doctor` is asked
// to check: trusted by the vendor account with an external ID, with the AWS
// managed SecurityAudit policy. Run from the consumer app, whose node_modules
// hold the AWS SDK clients installed next to the packed library.
const { IAMClient, CreateRoleCommand, AttachRolePolicyCommand } = require('@aws-sdk/client-iam');

async function main() {
  const [roleName, vendor, externalId] = process.argv.slice(2);
  const iam = new IAMClient({ endpoint: process.env.ENDPOINT, region: 'us-east-1' });
  await iam.send(new CreateRoleCommand({
    RoleName: roleName,
    AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${vendor}:root` },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': externalId } },
      }],
    }),
  }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: 'arn:aws:iam::aws:policy/SecurityAudit' }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
