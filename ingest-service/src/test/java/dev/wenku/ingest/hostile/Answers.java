package dev.wenku.ingest.hostile;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Checks each answer against its case and tallies families, statuses and failures. */
final class Answers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, LongAdder> casesPerFamily = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final LongAdder failed = new LongAdder();
    private final Map<String, LongAdder> failuresPerFamily = new ConcurrentHashMap<>();

    void record(int index, HostileCase hostile, HttpResponse<String> response) {
        count(hostile.family(), response.statusCode());
        problem(hostile, response).ifPresent(problem -> fail(index, hostile, problem));
    }

    void recordNoAnswer(int index, HostileCase hostile, Exception e) {
        count(hostile.family(), -1);
        fail(index, hostile, "no answer: " + e);
    }

    int cases() {
        return casesPerFamily.values().stream().mapToInt(LongAdder::intValue).sum();
    }

    int failed() {
        return failed.intValue();
    }

    List<String> firstFailures(int n) {
        return failures.stream().limit(n).toList();
    }

    String families() {
        return new TreeMap<>(casesPerFamily).toString();
    }

    String failuresPerFamily() {
        return new TreeMap<>(failuresPerFamily).toString();
    }

    /** Every recorded failure (at most 200), for the test's output file. */
    List<String> allFailures() {
        return List.copyOf(failures);
    }

    String statuses() {
        return new TreeMap<>(statuses).toString();
    }

    private Optional<String> problem(HostileCase hostile, HttpResponse<String> response) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            return Optional.of("status " + response.statusCode() + " with a body that is not JSON: " + excerpt(response.body()));
        }
        if (hostile.batch()) {
            return batchProblem(hostile, response.statusCode(), body);
        }
        if (!hostile.statuses().contains(response.statusCode())) {
            return Optional.of("expected " + hostile.statuses() + " " + hostile.errors() + ", got " + response.statusCode()
                + ": " + excerpt(response.body()));
        }
        return errorProblem(hostile, body);
    }

    /** A batch answers 200 with one result per file; each of these files must have failed alone with a 4xx. */
    private Optional<String> batchProblem(HostileCase hostile, int status, JsonNode body) {
        if (status != 200) {
            return Optional.of("batch answered " + status + ": " + excerpt(body.toString()));
        }
        for (JsonNode file : body.path("files")) {
            if (!hostile.statuses().contains(file.path("status").asInt())) {
                return Optional.of("file " + file.path("file").asString() + " got " + file.path("status").asInt()
                    + ", expected " + hostile.statuses() + ": " + excerpt(file.toString()));
            }
            Optional<String> problem = errorProblem(hostile, file.path("error"));
            if (problem.isPresent()) {
                return problem.map(p -> "file " + file.path("file").asString() + ": " + p);
            }
        }
        return body.path("files").isEmpty() ? Optional.of("batch answer without files: " + excerpt(body.toString()))
            : Optional.empty();
    }

    private static Optional<String> errorProblem(HostileCase hostile, JsonNode error) {
        String code = error.path("error").asString("");
        String message = error.path("detail").asString("");
        if (!hostile.errors().contains(code)) {
            return Optional.of("expected error " + hostile.errors() + ", got '" + code + "': " + excerpt(error.toString()));
        }
        if (message.isBlank()) {
            return Optional.of("error " + code + " without a message: " + excerpt(error.toString()));
        }
        return Optional.empty();
    }

    private void count(String family, int status) {
        casesPerFamily.computeIfAbsent(family, f -> new LongAdder()).increment();
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    private void fail(int index, HostileCase hostile, String problem) {
        failed.increment();
        failuresPerFamily.computeIfAbsent(hostile.family(), f -> new LongAdder()).increment();
        if (failures.size() < 200) {
            failures.add("#" + index + " " + hostile.family() + " [" + hostile.description() + "]: " + problem);
        }
    }

    private static String excerpt(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    static List<String> numbered(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add((i + 1) + ". " + lines.get(i));
        }
        return out;
    }
}
