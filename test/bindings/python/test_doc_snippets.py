"""The Python examples of README.md and docs/, run on the built wheel.

Each ```python block runs the way the pages say to read it: as the body of a
stack's constructor (`self` is a Stack in an App), with `audit`
(cdk_audit_baseline), `iam`, `kms`, `sns`, `sqs` and aws-cdk-lib's `App`,
`Aws`, `BootstraplessSynthesizer`, `CfnOutput`, `Duration`, `RemovalPolicy`,
`Stack` and `Stage` already imported; a block that is a complete program
(its own imports and `App()`) runs the same way. Every App the block creates,
and the fixture's, is then synthesized, and no stack may carry an error
annotation. A misspelled or camelCase prop fails here: jsii's Python
constructors take keyword arguments only.

Proves that the example runs and synthesizes; not that the template is what
the page says (the construct tests check that).
"""
import pathlib
import re

import aws_cdk
import aws_cdk.aws_iam as iam
import aws_cdk.aws_kms as kms
import aws_cdk.aws_sns as sns
import aws_cdk.aws_sqs as sqs
import cdk_audit_baseline as audit
import pytest
from aws_cdk import (
    Aws,
    BootstraplessSynthesizer,
    CfnOutput,
    Duration,
    RemovalPolicy,
    Stack,
    Stage,
)

REPO_ROOT = pathlib.Path(__file__).resolve().parents[3]
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*(\S*)")


def python_blocks(markdown, name):
    """(name:line, source) of each ```python fence of a page."""
    lines = markdown.split("\n")
    blocks = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, language = m.group(1), m.group(2).lower()
        body = []
        j = i + 1
        while j < len(lines) and not (lines[j].strip().startswith(fence[0] * len(fence)) and lines[j].strip().strip(fence[0]) == ""):
            body.append(lines[j])
            j += 1
        if language in ("python", "py"):
            blocks.append((f"{name}:{i + 1}", "\n".join(body)))
        i = j + 1
    return blocks


def pages():
    files = [REPO_ROOT / "README.md"] + sorted((REPO_ROOT / "docs").rglob("*.md"))
    return [f for f in files if f.is_file()]


SNIPPETS = [
    block
    for page in pages()
    for block in python_blocks(page.read_text(encoding="utf-8"), page.relative_to(REPO_ROOT).as_posix())
]


def run(source):
    """Runs a snippet; returns every stack artifact of every App it (or the fixture) created."""
    apps = []
    real_app = aws_cdk.App

    class RecordingApp(real_app):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            apps.append(self)

    aws_cdk.App = RecordingApp
    try:
        fixture_app = RecordingApp()
        namespace = {
            "__name__": "snippet",
            "aws_cdk": aws_cdk,
            "audit": audit,
            "iam": iam,
            "kms": kms,
            "sns": sns,
            "sqs": sqs,
            "App": RecordingApp,
            "Aws": Aws,
            "BootstraplessSynthesizer": BootstraplessSynthesizer,
            "CfnOutput": CfnOutput,
            "Duration": Duration,
            "RemovalPolicy": RemovalPolicy,
            "Stack": Stack,
            "Stage": Stage,
            "self": Stack(fixture_app, "Fixture"),
        }
        exec(compile(source, "snippet", "exec"), namespace)
    finally:
        aws_cdk.App = real_app
    stacks = []
    for app in apps:
        stacks.extend(app.synth().stacks_recursively)
    return stacks


def test_the_pages_have_python_snippets():
    files = {name.split(":")[0] for name, _ in SNIPPETS}
    assert {
        "README.md",
        "docs/access.md",
        "docs/event-streams.md",
        "docs/stacksets.md",
        "docs/guardrails.md",
        "docs/validation.md",
        "docs/presets/aria-secure-clouds.md",
        "docs/presets/sky-formation.md",
        "docs/presets/skyhigh-nrt.md",
        "docs/presets/skyhigh-runbook.md",
    } <= files


def test_every_typescript_example_of_a_page_has_a_python_twin():
    """Each page of docs/ gives as many Python examples as TypeScript ones (README.md's short
    excerpts link to the pages that have both)."""
    uneven = []
    for page in (p for p in pages() if p != REPO_ROOT / "README.md"):
        text = page.read_text(encoding="utf-8")
        typescript = len(re.findall(r"^```(?:ts|typescript)\s*$", text, re.M))
        python = len(re.findall(r"^```(?:python|py)\s*$", text, re.M))
        if typescript and python < typescript:
            uneven.append(f"{page.relative_to(REPO_ROOT).as_posix()}: {typescript} TypeScript, {python} Python")
    assert uneven == []


@pytest.mark.parametrize("name,source", SNIPPETS, ids=[name for name, _ in SNIPPETS])
def test_snippet_runs_and_synthesizes(name, source):
    stacks = run(source)
    errors = [
        f"{stack.stack_name}: {message.entry.data}"
        for stack in stacks
        for message in stack.messages
        if message.level == aws_cdk.cx_api.SynthesisMessageLevel.ERROR
    ]
    assert errors == []
    resources = sum(len(stack.template.get("Resources", {})) for stack in stacks)
    # A snippet that constructs something must define resources; one that only builds values
    # (AwsLimits.of, a guardrail) defines none.
    if re.search(r"\baudit\.[A-Z]\w*\((self|stack|app|App\(\))\b", source):
        assert resources > 0


def test_self_test_a_camel_case_prop_fails():
    with pytest.raises(TypeError):
        run('audit.ReadOnlyAuditRole(self, "Role", trustedAccountId="111122223333", external_id="my-tenant-1234")')


def test_self_test_a_synth_time_error_reaches_the_snippet():
    with pytest.raises(Exception, match="Fixture/Role"):
        run('audit.ReadOnlyAuditRole(self, "Role", trusted_account_id="not-an-account", external_id="my-tenant-1234")')


def test_self_test_an_error_annotation_is_found():
    stacks = run('aws_cdk.Annotations.of(self).add_error("deliberately broken")')
    assert [m.entry.data for s in stacks for m in s.messages if m.level == aws_cdk.cx_api.SynthesisMessageLevel.ERROR] == ["deliberately broken"]


def test_self_test_python_blocks_reads_only_python_fences():
    page = "# T\n```python\na = 1\n```\n```ts\nb = 2\n```\n````md\n```python\nc = 3\n```\n````\n"
    assert python_blocks(page, "p.md") == [("p.md:2", "a = 1")]
