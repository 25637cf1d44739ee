"""Helpers the Python binding tests share: reading synthesized templates."""


def partition_free(value):
    """Renders Fn::Join / Ref AWS::Partition as a plain string (partition 'aws'), leaves the rest."""
    if isinstance(value, dict) and list(value) == ["Ref"] and value["Ref"] == "AWS::Partition":
        return "aws"
    if isinstance(value, dict) and list(value) == ["Fn::Join"]:
        sep, parts = value["Fn::Join"]
        return sep.join(str(partition_free(p)) for p in parts)
    if isinstance(value, dict):
        return {k: partition_free(v) for k, v in value.items()}
    if isinstance(value, list):
        return [partition_free(v) for v in value]
    return value
