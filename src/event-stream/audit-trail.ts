import { Annotations, Names, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { awsManagedAlias } from './private/kms';
import { markAuditSetup } from '../core/private/audit-tag';
import { ACCESS_LOG_BUCKET_REASON, skipCheckov } from '../core/private/checkov';
import { throwIfProblems } from '../core/private/errors';
import { isUnresolved } from '../core/private/tokens';
import { checkPropShapes, PropsSpec, validate } from '../core/private/validators';

const AUDIT_TRAIL_SYMBOL = Symbol.for('cdk-audit-baseline.AuditTrail');

/**
 * Properties of an `AuditTrail`.
 */
export interface AuditTrailProps {
  /**
   * The name of the trail.
   *
   * The bucket and key policies name the trail's ARN in `aws:SourceArn`,
   * so the name must be known at synthesis.
   *
   * @default - a name unique to this construct's path
   */
  readonly trailName?: string;

  /**
   * The organization whose accounts the trail logs: makes it an organization trail.
   *
   * Deploy it in the management account (or a delegated administrator
   * account). The bucket policy then admits the organization's log path
   * `AWSLogs/<organization-id>/` besides the account's own.
   *
   * @default - a trail of this account only
   */
  readonly organizationId?: string;

  /**
   * The customer managed KMS key that encrypts the log files.
   *
   * For a key defined in the app, the statements CloudTrail needs (with
   * `aws:SourceArn` of the trail) are added; an imported key must already
   * have them. AWS-managed keys are rejected.
   *
   * @default - a new key with rotation, retained on stack deletion
   */
  readonly encryptionKey?: kms.IKey;
}

/** The JavaScript shape of each prop, checked before any other check reads one. */
const PROP_SHAPES: PropsSpec = { trailName: 'string', organizationId: 'string', encryptionKey: 'object' };

/**
 * The CloudTrail prerequisite of an event stream: one multi-region trail that logs management events, with log file validation, KMS encryption and a retained, private, TLS-only bucket.
 *
 * The VMware Aria Automation for Secure Clouds guide requires CloudTrail
 * and says twice "Do not create more than one CloudTrail for the event
 * stream": one multi-region trail covers every region, so this construct
 * fails at synthesis when a second `AuditTrail` is defined for the same
 * account. If the account (or its organization) already has a trail that
 * logs management events, do not define this construct: the event stream
 * only needs a trail to exist. `AuditTrail.fromTrailArn()` records such a
 * trail for outputs and docs.
 *
 * Cost: CloudTrail delivers the first copy of an account's management
 * events free of charge, and bills a second trail that also logs them per
 * 100,000 events; the buckets are billed for storage and kept on deletion;
 * the new KMS key costs about 1 USD a month and is kept too. Pass an
 * existing key as `encryptionKey` to create none.
 *
 * @example
 * new audit.AuditTrail(this, 'Trail', { trailName: 'audit-trail' });
 */
export class AuditTrail extends Construct {
  /**
   * Whether `x` is an `AuditTrail`.
   *
   * @param x any value
   */
  public static isAuditTrail(x: unknown): x is AuditTrail {
    return typeof x === 'object' && x !== null && AUDIT_TRAIL_SYMBOL in x;
  }

  /**
   * References an existing trail instead of defining one (the VMware Aria guide allows one trail only).
   *
   * Like aws-cdk-lib's `fromXxxArn` methods, it adds a construct that
   * defines no resource and carries the validated ARN; an ARN that is not a
   * trail's fails with the construct's path.
   *
   * @param scope the scope of the reference
   * @param id the construct ID of the reference
   * @param trailArn the ARN of the existing trail, `arn:<partition>:cloudtrail:<region>:<account>:trail/<name>`
   */
  public static fromTrailArn(scope: Construct, id: string, trailArn: string): ExistingTrail {
    return new ExistingTrail(scope, id, trailArn);
  }

  /** The trail (an L1: the L2 adds bucket-policy statements without `aws:SourceArn`). */
  public readonly trail: cloudtrail.CfnTrail;

  /** The bucket that receives the log files. */
  public readonly bucket: s3.Bucket;

  /** The bucket that receives the access logs of `bucket`. */
  public readonly accessLogsBucket: s3.Bucket;

  /** The key that encrypts the log files. */
  public readonly encryptionKey: kms.IKey;

  /**
   * The ARN of the trail.
   *
   * @attribute
   */
  public readonly trailArn: string;

  /**
   * The name of the trail.
   *
   * @attribute
   */
  public readonly trailName: string;

  constructor(scope: Construct, id: string, props: AuditTrailProps = {}) {
    super(scope, id);
    throwIfProblems(this, checkPropShapes(props, PROP_SHAPES));
    markAuditSetup(this);
    Object.defineProperty(this, AUDIT_TRAIL_SYMBOL, { value: true });

    const trailName = props.trailName ?? Names.uniqueResourceName(this, { maxLength: 128, separator: '-' });
    const alias = props.encryptionKey ? awsManagedAlias(props.encryptionKey) : undefined;
    throwIfProblems(this, [
      isUnresolved(trailName) ? 'trailName must be a literal: the bucket and key policies name the trail ARN at synthesis' : undefined,
      validate('trailName', 'trailName', trailName),
      validate('organizationId', 'organizationId', props.organizationId),
      alias ? `encryptionKey uses the AWS-managed key ${JSON.stringify(alias)}: CloudTrail needs a key whose policy admits it; use a customer managed key (kms.Key) or leave encryptionKey out` : undefined,
    ]);

    const stack = Stack.of(this);
    this.trailName = trailName;
    this.trailArn = stack.formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: trailName });
    const sourceArn = { 'aws:SourceArn': this.trailArn };

    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'Key', {
      description: `Encrypts the log files of the ${trailName} trail`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const keyGrant = this.encryptionKey.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudTrailToEncryptLogs',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: {
        StringEquals: sourceArn,
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': stack.formatArn({ service: 'cloudtrail', region: '*', resource: 'trail', resourceName: '*' }) },
      },
    }), true);
    this.encryptionKey.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudTrailToDescribeKey',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: sourceArn },
    }), true);
    if (!keyGrant.statementAdded) {
      Annotations.of(this).addWarningV2('cdk-audit-baseline:auditTrailKeyPolicy',
        `encryptionKey is imported, so its key policy cannot be changed here: allow cloudtrail.amazonaws.com kms:GenerateDataKey* and kms:DescribeKey with aws:SourceArn ${trailName}'s ARN, or the trail cannot write`);
    }

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket receives the server access logs of the trail bucket; logging it too would recurse',
    });
    skipCheckov(this.accessLogsBucket.node.defaultChild as s3.CfnBucket, 'CKV_AWS_18', ACCESS_LOG_BUCKET_REASON);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.encryptionKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Server access logging through a bucket policy, not the legacy
    // LogDeliveryWrite ACL that `serverAccessLogsBucket` sets unless a
    // feature flag is on: the log delivery service may write only this
    // bucket's logs, for this account.
    (this.bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
      destinationBucketName: this.accessLogsBucket.bucketName,
      logFilePrefix: 'trail-bucket/',
    };
    this.accessLogsBucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowServerAccessLogsOfTheTrailBucket',
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [this.accessLogsBucket.arnForObjects('trail-bucket/*')],
      conditions: {
        ArnLike: { 'aws:SourceArn': this.bucket.bucketArn },
        StringEquals: { 'aws:SourceAccount': stack.account },
      },
    }));
    this.bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudTrailAclCheck',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['s3:GetBucketAcl'],
      resources: [this.bucket.bucketArn],
      conditions: { StringEquals: sourceArn },
    }));
    const logPaths = [this.bucket.arnForObjects(`AWSLogs/${stack.account}/*`)];
    if (props.organizationId) {
      logPaths.push(this.bucket.arnForObjects(`AWSLogs/${props.organizationId}/*`));
    }
    this.bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudTrailWrite',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: logPaths,
      conditions: { StringEquals: { ...sourceArn, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    }));

    // The L1, not cloudtrail.Trail: the L2 adds its own bucket-policy
    // statements for cloudtrail.amazonaws.com without aws:SourceArn, which
    // would let any account's trail write here (confused deputy).
    this.trail = new cloudtrail.CfnTrail(this, 'Resource', {
      trailName,
      s3BucketName: this.bucket.bucketName,
      kmsKeyId: this.encryptionKey.keyArn,
      isLogging: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      isOrganizationTrail: props.organizationId !== undefined,
      eventSelectors: [{ includeManagementEvents: true, readWriteType: 'All' }],
    });
    this.trail.node.addDependency(this.bucket.policy!);

    this.node.addValidation({ validate: () => this.validateOnlyTrail() });
  }

  /** One trail for the event stream per account, as the VMware Aria guide requires. */
  private validateOnlyTrail(): string[] {
    const account = Stack.of(this).account;
    const others = this.node.root.node.findAll()
      .filter((c: IConstruct) => c !== this && AuditTrail.isAuditTrail(c) && Stack.of(c).account === account);
    if (others.length === 0) return [];
    const where = isUnresolved(account) ? 'in environment-agnostic stacks' : `for account ${account}`;
    return [`the app defines ${others.length + 1} AuditTrail constructs ${where} (also ${others.map((o) => o.node.path).join(', ')}): `
      + 'the VMware Aria Automation for Secure Clouds guide says "Do not create more than one CloudTrail for the event stream" and one multi-region trail covers every region; keep one'];
  }
}

/**
 * An existing CloudTrail trail that the event stream relies on, referenced by
 * ARN (`AuditTrail.fromTrailArn`). It defines no resource.
 */
export class ExistingTrail extends Construct {
  /**
   * The ARN of the trail.
   *
   * @attribute
   */
  public readonly trailArn: string;

  /** @internal */
  constructor(scope: Construct, id: string, trailArn: string) {
    super(scope, id);
    throwIfProblems(this, [validate('cloudTrailArn', 'trailArn', trailArn)]);
    this.trailArn = trailArn;
  }
}
