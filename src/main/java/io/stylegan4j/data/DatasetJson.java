package io.stylegan4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code dataset.json} label file of NVlabs' dataset_tool: {@code {"labels": [["rel/path.png", 3], ...]}} or
 * {@code {"labels": null}}. Only integer class labels are supported (no float label vectors).
 */
public final class DatasetJson {
    public static final String FILE_NAME = "dataset.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DatasetJson() {}

    /** Labels by relative path (forward slashes), or empty when the file says {@code "labels": null} or has none. */
    public static Optional<Map<String, Integer>> parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new DataException(source + ": not valid JSON (" + firstLine(e.getMessage()) + "); fix or delete the file");
        }
        if (root == null || !root.isObject()) {
            throw new DataException(source + ": expected a JSON object like {\"labels\": [[\"a.png\", 0], ...]}");
        }
        JsonNode labels = root.get("labels");
        if (labels == null || labels.isNull()) {
            return Optional.empty();
        }
        if (!labels.isArray()) {
            throw new DataException(source + ": \"labels\" must be a list of [path, int] pairs or null");
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (JsonNode pair : labels) {
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual()) {
                throw new DataException(source + ": each label entry must be [\"path\", int], found " + pair);
            }
            JsonNode value = pair.get(1);
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
                throw new DataException(source + ": label of " + pair.get(0).asText() + " is " + value
                        + "; only non-negative integer class labels are supported");
            }
            out.put(pair.get(0).asText().replace('\\', '/'), value.asInt());
        }
        return Optional.of(out);
    }

    /** Serialises labels in file order; {@code null} writes {@code "labels": null} like the official tool. */
    public static byte[] write(Map<String, Integer> labels) {
        ObjectNode root = JSON.createObjectNode();
        if (labels == null) {
            root.putNull("labels");
        } else {
            ArrayNode list = root.putArray("labels");
            labels.forEach((name, label) -> list.addArray().add(name).add(label));
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise labels", e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "parse error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
