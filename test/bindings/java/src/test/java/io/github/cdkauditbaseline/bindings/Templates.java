package io.github.cdkauditbaseline.bindings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Helpers the Java binding tests share: reading synthesized templates. */
final class Templates {
    private Templates() {
    }

    /** Renders Fn::Join / Ref AWS::Partition as a plain string (partition "aws"), leaves the rest. */
    @SuppressWarnings("unchecked")
    static Object partitionFree(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && "AWS::Partition".equals(map.get("Ref"))) {
                return "aws";
            }
            if (map.size() == 1 && map.containsKey("Fn::Join")) {
                List<Object> join = (List<Object>) map.get("Fn::Join");
                String sep = (String) join.get(0);
                List<Object> parts = ((List<Object>) join.get(1)).stream()
                        .map(Templates::partitionFree)
                        .collect(Collectors.toList());
                // Only a join of plain strings becomes a string; any other intrinsic stays a join.
                if (parts.stream().allMatch(p -> p instanceof String)) {
                    return parts.stream().map(p -> (String) p).collect(Collectors.joining(sep));
                }
                return Map.of("Fn::Join", List.of(sep, parts));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, partitionFree(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Templates::partitionFree).collect(Collectors.toList());
        }
        return value;
    }
}
