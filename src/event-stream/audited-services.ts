import { EVENT_SOURCE_FORMAT, GLOBAL_EVENT_SOURCES } from './private/global-services';
import { isUnresolved } from '../core/private/tokens';
import { duplicateProblems } from '../core/private/validators';

/**
 * One AWS service whose API calls an event stream watches.
 *
 * It is identified by the `eventSource` that CloudTrail writes in every
 * "AWS API Call via CloudTrail" event (`iam.amazonaws.com`). The 21 services
 * of the VMware Aria Automation for Secure Clouds event pattern are static
 * members; `AuditedService.of()` names any other.
 *
 * @example
 * const services = audit.AuditedServices.of(
 *   audit.AuditedService.IAM,
 *   audit.AuditedService.of('lambda.amazonaws.com'),
 * );
 */
export class AuditedService {
  /** AWS Certificate Manager. */
  public static readonly ACM = new AuditedService('acm.amazonaws.com');
  /** Amazon EC2 Auto Scaling. */
  public static readonly AUTOSCALING = new AuditedService('autoscaling.amazonaws.com');
  /** AWS CloudFormation. */
  public static readonly CLOUDFORMATION = new AuditedService('cloudformation.amazonaws.com');
  /** Amazon CloudFront (a global service: its events reach EventBridge in us-east-1 only). */
  public static readonly CLOUDFRONT = new AuditedService('cloudfront.amazonaws.com');
  /** AWS CloudHSM. */
  public static readonly CLOUDHSM = new AuditedService('cloudhsm.amazonaws.com');
  /** AWS CloudTrail. */
  public static readonly CLOUDTRAIL = new AuditedService('cloudtrail.amazonaws.com');
  /** AWS Direct Connect. */
  public static readonly DIRECTCONNECT = new AuditedService('directconnect.amazonaws.com');
  /** Amazon DynamoDB. */
  public static readonly DYNAMODB = new AuditedService('dynamodb.amazonaws.com');
  /** Amazon EC2 (including VPC and EBS). */
  public static readonly EC2 = new AuditedService('ec2.amazonaws.com');
  /** Amazon ElastiCache. */
  public static readonly ELASTICACHE = new AuditedService('elasticache.amazonaws.com');
  /** Elastic Load Balancing. */
  public static readonly ELASTICLOADBALANCING = new AuditedService('elasticloadbalancing.amazonaws.com');
  /** Amazon OpenSearch Service (formerly Elasticsearch Service, event source `es`). */
  public static readonly ES = new AuditedService('es.amazonaws.com');
  /** AWS Identity and Access Management (a global service: us-east-1 only). */
  public static readonly IAM = new AuditedService('iam.amazonaws.com');
  /** AWS Key Management Service. */
  public static readonly KMS = new AuditedService('kms.amazonaws.com');
  /** Amazon RDS. */
  public static readonly RDS = new AuditedService('rds.amazonaws.com');
  /** Amazon Redshift. */
  public static readonly REDSHIFT = new AuditedService('redshift.amazonaws.com');
  /** Amazon Route 53 (a global service: us-east-1 only). */
  public static readonly ROUTE53 = new AuditedService('route53.amazonaws.com');
  /** Amazon S3 (management events only, unless the trail logs data events). */
  public static readonly S3 = new AuditedService('s3.amazonaws.com');
  /** Amazon SES. */
  public static readonly SES = new AuditedService('ses.amazonaws.com');
  /** Amazon SQS. */
  public static readonly SQS = new AuditedService('sqs.amazonaws.com');
  /** AWS WAF Classic (a global service: us-east-1 only). */
  public static readonly WAF = new AuditedService('waf.amazonaws.com');
  /**
   * AWS WAF, the current service (API version 2), which replaces WAF Classic.
   *
   * A regional service: calls for CloudFront web ACLs are made in us-east-1.
   */
  public static readonly WAFV2 = new AuditedService('wafv2.amazonaws.com');

  /**
   * Any other service, by its CloudTrail event source.
   *
   * The value is checked when a construct uses it: it must be a lowercase
   * host name ending in `.amazonaws.com`.
   *
   * @param eventSource the `eventSource` of the service's CloudTrail events, e.g. `lambda.amazonaws.com`
   */
  public static of(eventSource: string): AuditedService {
    return new AuditedService(eventSource);
  }

  /** The CloudTrail `eventSource` of the service's API events. */
  public readonly eventSource: string;

  private constructor(eventSource: string) {
    this.eventSource = eventSource;
  }

  /**
   * Whether the service's API events reach EventBridge only in the partition's global-events region.
   *
   * That region is us-east-1 in `aws` and cn-north-1 in `aws-cn`. An event
   * stream that watches a global service must have a rule there, or it
   * silently misses every call to it.
   */
  public get isGlobal(): boolean {
    return GLOBAL_EVENT_SOURCES.has(this.eventSource);
  }
}

/**
 * The set of services an event stream watches.
 *
 * `AuditedServices.VMWARE_DEFAULT` is the 21-service set of the VMware Aria
 * Automation for Secure Clouds guide;
 * `AuditedServices.ALL_SERVICES` watches every service (no `eventSource`
 * filter). Constructs that take a set check it: it must not be empty, list a
 * service twice, or hold a malformed event source.
 */
export class AuditedServices {
  /**
   * The 21 event sources of the VMware Aria Automation for Secure Clouds custom event pattern, in the guide's order.
   *
   * Four of them (CloudFront, IAM, Route 53, WAF) are global services.
   */
  public static readonly VMWARE_DEFAULT = new AuditedServices([
    AuditedService.ACM,
    AuditedService.AUTOSCALING,
    AuditedService.CLOUDFORMATION,
    AuditedService.CLOUDFRONT,
    AuditedService.CLOUDHSM,
    AuditedService.CLOUDTRAIL,
    AuditedService.DIRECTCONNECT,
    AuditedService.DYNAMODB,
    AuditedService.EC2,
    AuditedService.ELASTICACHE,
    AuditedService.ELASTICLOADBALANCING,
    AuditedService.ES,
    AuditedService.IAM,
    AuditedService.KMS,
    AuditedService.RDS,
    AuditedService.REDSHIFT,
    AuditedService.ROUTE53,
    AuditedService.S3,
    AuditedService.SES,
    AuditedService.SQS,
    AuditedService.WAF,
  ], false);

  /**
   * The 21 event sources of `VMWARE_DEFAULT` followed by AWS WAF (`wafv2.amazonaws.com`).
   *
   * The guide lists WAF Classic only; changes to web ACLs of the current
   * AWS WAF are API calls to `wafv2.amazonaws.com`, which that list misses.
   */
  public static readonly VMWARE_CURRENT = AuditedServices.VMWARE_DEFAULT.plus(AuditedService.WAFV2);

  /**
   * Every AWS service: the event pattern has no `detail.eventSource` filter.
   *
   * Global services are included, so a multi-region deployment must cover
   * the global-events region.
   */
  public static readonly ALL_SERVICES = new AuditedServices([], true);

  /**
   * A set of the given services.
   *
   * @param services the services, each once; at least one
   */
  public static of(...services: AuditedService[]): AuditedServices {
    return new AuditedServices(services, false);
  }

  /**
   * A set of services given by their CloudTrail event sources.
   *
   * @param eventSources event sources such as `iam.amazonaws.com`, each once; at least one
   */
  public static fromEventSources(...eventSources: string[]): AuditedServices {
    return new AuditedServices(eventSources.map((s) => AuditedService.of(s)), false);
  }

  /** Whether the set is every service (no `eventSource` filter). */
  public readonly allServices: boolean;

  /** The services of the set, in the order given (empty when `allServices` is true). */
  public readonly services: AuditedService[];

  private constructor(services: AuditedService[], allServices: boolean) {
    this.services = [...services];
    this.allServices = allServices;
  }

  /** The CloudTrail event sources of the set, in the order given (empty when `allServices` is true). */
  public get eventSources(): string[] {
    return this.services.map((s) => s.eventSource);
  }

  /** Whether the set holds a global service (always true for `ALL_SERVICES`). */
  public get includesGlobalServices(): boolean {
    return this.allServices || this.services.some((s) => s.isGlobal);
  }

  /** The global services of the set (empty for `ALL_SERVICES`, which includes every one). */
  public get globalServices(): AuditedService[] {
    return this.services.filter((s) => s.isGlobal);
  }

  /**
   * A new set with these services added after the current ones.
   *
   * @param services the services to add
   */
  public plus(...services: AuditedService[]): AuditedServices {
    return new AuditedServices([...this.services, ...services], this.allServices);
  }

  /**
   * The problems of this set when passed as `prop`, each a full sentence; empty when valid.
   *
   * @internal
   */
  public _problems(prop: string): string[] {
    if (this.allServices) {
      return this.services.length > 0
        ? [`${prop} mixes ALL_SERVICES with ${this.services.length} named service(s): use AuditedServices.ALL_SERVICES alone, or AuditedServices.of(...) with the services you need`]
        : [];
    }
    const problems: string[] = [];
    if (this.services.length === 0) {
      problems.push(`${prop} must name at least one service: use AuditedServices.VMWARE_DEFAULT, AuditedServices.ALL_SERVICES or AuditedServices.of(AuditedService.IAM, ...)`);
    }
    this.services.forEach((s, i) => {
      if (!isUnresolved(s.eventSource) && !EVENT_SOURCE_FORMAT.test(s.eventSource)) {
        problems.push(`${prop}[${i}] must be a CloudTrail event source such as "lambda.amazonaws.com", got ${JSON.stringify(s.eventSource)}: use the lowercase host name of the service's API, ending in ".amazonaws.com"`);
      }
    });
    problems.push(...duplicateProblems(prop, this.eventSources));
    return problems;
  }
}
