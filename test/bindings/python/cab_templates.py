"""Helpers the Python binding tests share: reading synthesized templates."""


def partition_free(value):
    """Renders Ref AWS::Partition as 'aws' and an Fn::Join of plain strings as a string, leaves the rest."""
    if isinstance(value, dict) and list(value) == ["Ref"] and value["Ref"] == "AWS::Partition":
        return "aws"
    if isinstance(value, dict) and list(value) == ["Fn::Join"]:
        sep, parts = value["Fn::Join"]
        parts = [partition_free(p) for p in parts]
        # Only a join of plain strings becomes a string; any other intrinsic stays a join.
        if all(isinstance(p, str) for p in parts):
            return sep.join(parts)
        return {"Fn::Join": [sep, parts]}
    if isinstance(value, dict):
        return {k: partition_free(v) for k, v in value.items()}
    if isinstance(value, list):
        return [partition_free(v) for v in value]
    return value
