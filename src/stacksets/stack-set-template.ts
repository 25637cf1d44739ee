import * as fs from 'fs';
import * as path from 'path';
import { NestedStack, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { markStackSetTemplate } from './private/template-stack';
import { RenderedStackSetTemplate } from './private/types';
import { AuditBaselineError, plainMessage } from '../core/private/errors';
import { isUnresolved } from '../core/private/tokens';

/** Resource types whose physical names are global to an account (IAM is global in each partition). */
const GLOBAL_NAMED_TYPES: { readonly [type: string]: string } = {
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::SAMLProvider': 'Name',
};

/**
 * A CloudFormation template that a StackSet deploys, rendered from a CDK `Stack`.
 *
 * Build the StackSet's content with ordinary constructs in a `Stack` that
 * lives in a `Stage` of its own, so that `cdk deploy` never deploys it as a
 * plain stack and its template is synthesized next to the deploying app's
 * (under `cdk.out/assembly-*`). The stack must be env-agnostic (no `env`) and
 * use `BootstraplessSynthesizer`, because one template goes to many accounts
 * and regions, none of which is bootstrapped for CDK.
 *
 * The rollouts (`OrgStackSetRollout`, `SelfManagedStackSetRollout`) render the
 * template when the deploying app is synthesized and inline it as
 * `TemplateBody`. Rendering refuses, with an error naming the alternative,
 * anything a StackSet cannot carry: file or Docker assets, context lookups,
 * references to other stacks, nested stacks, transforms and macros, the CDK
 * bootstrap version check, and bodies over the 51,200-byte `TemplateBody`
 * limit.
 *
 * The name is shared with `aws_codepipeline_actions.StackSetTemplate` (a
 * template read from a pipeline artifact) and with cdk-stacksets' class of
 * the same name (a template from a `StackSetStack`, deployed by its S3
 * URL). None of them can stand in for another: this one inlines the body
 * and refuses assets, so that nothing has to be uploaded or shared before a
 * service-managed StackSet deploys it to any target. In an app that uses more than one, import this package
 * under a namespace (`audit.StackSetTemplate`). The name is kept because it
 * says what the class is and it is already in users' code.
 *
 * @example
 * import { BootstraplessSynthesizer, Stage } from 'aws-cdk-lib';
 *
 * const templates = new Stage(this, 'MemberTemplates');
 * const roleStack = new Stack(templates, 'AuditRole', {
 *   synthesizer: new BootstraplessSynthesizer(),
 * });
 * new iam.Role(roleStack, 'Role', {
 *   roleName: 'VendorAudit',
 *   assumedBy: new iam.AccountPrincipal('111122223333'),
 * });
 * const template = audit.StackSetTemplate.fromStack(roleStack);
 */
export class StackSetTemplate {
  /**
   * The template of `stack`.
   *
   * @param stack an env-agnostic stack with `BootstraplessSynthesizer`, in a `Stage` (or `App`) other than the rollout's
   */
  public static fromStack(stack: Stack): StackSetTemplate {
    if (NestedStack.isNestedStack(stack)) {
      throw new AuditBaselineError(
        stack,
        'StackSetTemplate.fromStack needs a stack of its own, got a NestedStack: its template is an asset of its parent. Define the resources in a Stack in a Stage of its own instead',
      );
    }
    return new StackSetTemplate(stack);
  }

  /**
   * The template of the only stack in `stage`.
   *
   * Use it when a `Stage` subclass builds the StackSet's content.
   *
   * @param stage a stage that holds exactly one stack (nested stacks and stages below it are not counted)
   */
  public static fromStage(stage: Stage): StackSetTemplate {
    const stacks = stage.node
      .findAll()
      .filter((c): c is Stack => Stack.isStack(c) && !NestedStack.isNestedStack(c) && Stage.of(c) === stage);
    if (stacks.length !== 1) {
      const found = stacks.length === 0 ? 'none' : stacks.map((s) => JSON.stringify(s.node.path)).join(', ');
      throw new AuditBaselineError(
        stage,
        `StackSetTemplate.fromStage needs a stage with exactly one stack, found ${found}: a StackSet deploys one template, so give each template its own stage or use StackSetTemplate.fromStack for each stack`,
      );
    }
    return new StackSetTemplate(stacks[0]);
  }

  /**
   * The stack whose template the StackSet deploys.
   */
  public readonly stack: Stack;

  private rendered?: RenderedStackSetTemplate;

  private constructor(stack: Stack) {
    this.stack = stack;
    markStackSetTemplate(stack);
  }

  /**
   * Problems that make this template unusable by `consumer`, known without
   * synthesizing: the stack's environment and where it lives in the tree.
   *
   * @internal
   */
  public _checkConsumer(consumer: IConstruct, prop: string): string[] {
    const problems: string[] = [];
    const where = `${prop} (stack ${JSON.stringify(this.stack.node.path)})`;
    const templateStage = Stage.of(this.stack);
    const literal = ([['account', this.stack.account], ['region', this.stack.region]] as const).filter(([, value]) => !isUnresolved(value));
    // A stack without env takes its stage's: then the user wrote no env.
    const inherited = literal.filter(([field, value]) => templateStage !== undefined && templateStage[field] === value);
    if (inherited.length > 0) {
      problems.push(
        `${where} has ${inherited.map(([field, value]) => `${field} ${JSON.stringify(value)}`).join(' and ')} from the env of the stage ${JSON.stringify(templateStage!.node.path)} around it (a stack without env takes its stage's), but a StackSet deploys one template to many accounts and regions: give the template stack env { account: Aws.ACCOUNT_ID, region: Aws.REGION } to keep it environment-agnostic, or define the template's Stage outside the one with the env`,
      );
    }
    for (const [field, value] of literal.filter((entry) => !inherited.includes(entry))) {
      problems.push(
        `${where} has ${field} ${JSON.stringify(value)} in its env: a StackSet deploys one template to many accounts and regions, so define the stack without env (Aws.ACCOUNT_ID and Aws.REGION then resolve in each target); if the env is there for a context lookup (such as Vpc.fromLookup), replace the lookup with a CloudFormation parameter or a dynamic reference such as {{resolve:ssm:/name}}, since a lookup resolves once, for one account and region`,
      );
    }
    if (!templateStage) {
      problems.push(`${where} is not inside an App or Stage: define it in a Stage, e.g. a Stage with id "MemberTemplates" under the deploying app`);
      return problems;
    }
    if (consumer.node.scopes.includes(templateStage)) {
      problems.push(
        `${where} is in the same App or Stage as the rollout, so cdk deploy would also deploy it as a plain stack and the rollout cannot render it while that app synthesizes: define it in a Stage of its own, e.g. a Stage with id "MemberTemplates" under the deploying app`,
      );
      return problems;
    }
    const consumerRoot = consumer.node.root;
    const templateRoot = templateStage.node.root;
    if (
      templateRoot !== consumerRoot &&
      Stage.isStage(templateRoot) &&
      Stage.isStage(consumerRoot) &&
      path.resolve(templateRoot.outdir) === path.resolve(consumerRoot.outdir)
    ) {
      problems.push(
        `${where} is in a separate App that writes to the same directory as the deploying app (${JSON.stringify(consumerRoot.outdir)}), so its manifest would overwrite the deploying app's: define it in a Stage of the deploying app, e.g. a Stage with id "MemberTemplates" under the deploying app, or give its App another outdir`,
      );
    }
    return problems;
  }

  /**
   * Synthesizes the stack's stage (once) and returns the template with what
   * a StackSet cannot carry.
   *
   * @internal
   */
  public _render(prop: string): RenderedStackSetTemplate {
    if (!this.rendered) {
      this.rendered = this.renderOnce(prop);
    }
    return this.rendered;
  }

  /**
   * Named account-global resources (IAM) in the template, as "LogicalId (Type Name)".
   *
   * @internal
   */
  public _globalNamedResources(prop: string): string[] {
    const resources = this._render(prop).template.Resources ?? {};
    const found: string[] = [];
    for (const [logicalId, resource] of Object.entries<any>(resources)) {
      const nameProp = GLOBAL_NAMED_TYPES[resource?.Type];
      const name = nameProp ? resource?.Properties?.[nameProp] : undefined;
      if (name !== undefined) {
        found.push(`${logicalId} (${resource.Type} ${JSON.stringify(name)})`);
      }
    }
    return found;
  }

  private renderOnce(prop: string): RenderedStackSetTemplate {
    const stack = this.stack;
    const where = `${prop} (stack ${JSON.stringify(stack.node.path)})`;
    const stage = Stage.of(stack);
    if (!stage) {
      throw new AuditBaselineError(stack, `${where} is not inside an App or Stage: define it in a Stage, e.g. a Stage with id "MemberTemplates" under the deploying app`);
    }
    let assembly;
    try {
      assembly = stage.synth();
    } catch (e) {
      // Reported as a problem, never thrown from inside the rollout's token resolution
      // (aws-cdk-lib would prefix it with one "Resolution error:" per level).
      return { template: {}, body: '{}', bodyBytes: 2, problems: [`${where} does not synthesize: ${plainMessage(e)}`] };
    }
    const manifest = assembly.manifest;
    const artifacts: { [id: string]: any } = manifest.artifacts ?? {};
    const artifact = artifacts[stack.artifactId];
    const templateFile: string = artifact?.properties?.templateFile ?? stack.templateFile;
    const template = JSON.parse(fs.readFileSync(path.join(assembly.directory, templateFile), 'utf-8'));
    const problems: string[] = [];

    // Assets: anything in the stack's asset manifests except the template itself,
    // plus legacy asset metadata.
    const assetSources: string[] = [];
    for (const dep of (artifact?.dependencies ?? []) as string[]) {
      const depArtifact = artifacts[dep];
      if (depArtifact?.type === 'cdk:asset-manifest') {
        const contents = JSON.parse(fs.readFileSync(path.join(assembly.directory, depArtifact.properties.file), 'utf-8'));
        for (const file of Object.values<any>(contents.files ?? {})) {
          if (file?.source?.path !== templateFile) assetSources.push(`file ${JSON.stringify(file?.source?.path)}`);
        }
        for (const image of Object.values<any>(contents.dockerImages ?? {})) {
          assetSources.push(`Docker image ${JSON.stringify(image?.source?.directory ?? image?.source?.executable)}`);
        }
      } else if (depArtifact?.type === 'aws:cloudformation:stack') {
        problems.push(
          `${where} references stack ${JSON.stringify(dep)} (a cross-stack reference or an explicit dependency), which is not deployed in the target accounts: keep everything the StackSet needs in this one stack, or pass values in as CloudFormation parameters`,
        );
      }
    }
    for (const entries of Object.values<any>(artifact?.metadata ?? {})) {
      for (const entry of entries as any[]) {
        if (entry?.type === 'aws:cdk:asset') assetSources.push(`legacy asset ${JSON.stringify(entry?.data?.path)}`);
      }
    }
    if (assetSources.length > 0) {
      problems.push(
        `${where} uses assets (${assetSources.join(', ')}), which a StackSet cannot carry: the target accounts have no CDK bootstrap bucket or repository. Inline the code (e.g. lambda.Code.fromInline), reference an artifact already published where every target can read it, or use BootstraplessSynthesizer so assets are refused where they are added`,
      );
    }

    const missing = (manifest.missing ?? []).map((m: any) => `${m.provider} (${m.key})`);
    if (missing.length > 0) {
      problems.push(
        `${where} uses context lookups (${missing.join(', ')}): a lookup resolves once, for one account and region, while a StackSet deploys to many. Read the value in each target at deploy time instead, with a CloudFormation parameter or a dynamic reference such as {{resolve:ssm:/name}}`,
      );
    }

    if (template.Parameters?.BootstrapVersion !== undefined || template.Rules?.CheckBootstrapVersion !== undefined) {
      problems.push(
        `${where} carries the CDK bootstrap version check (parameter BootstrapVersion, rule CheckBootstrapVersion), which fails in target accounts that are not CDK-bootstrapped: set the stack's synthesizer prop to a BootstraplessSynthesizer`,
      );
    }

    if (template.Transform !== undefined) {
      problems.push(
        `${where} declares Transform ${JSON.stringify(template.Transform)}: service-managed StackSets do not run transforms or macros. Write the expanded resources with CDK constructs instead`,
      );
    }
    const body = JSON.stringify(template);
    if (body.includes('"Fn::Transform"')) {
      problems.push(`${where} uses Fn::Transform (a macro): service-managed StackSets do not run macros. Write the expanded resources with CDK constructs instead`);
    }
    const nested = Object.entries<any>(template.Resources ?? {})
      .filter(([, r]) => r?.Type === 'AWS::CloudFormation::Stack')
      .map(([id]) => id);
    if (nested.length > 0) {
      problems.push(
        `${where} contains nested stacks (${nested.join(', ')}): their templates are assets and service-managed StackSets do not deploy nested stacks. Put their resources in the stack itself, or roll them out as a second StackSet`,
      );
    }

    return { template, body, bodyBytes: Buffer.byteLength(body, 'utf-8'), problems };
  }
}
