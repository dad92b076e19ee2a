package dev.wenku.gateway.deadletters;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /api/operations/dead-letters/{topic}/replay[?document=<id>]} (role OPERATOR): replays a dead-letter
 * topic's records once their cause is fixed ({@link DeadLetterReplayer}).
 */
@RestController
class DeadLetterReplayController {

    private final DeadLetterReplayer replayer;

    DeadLetterReplayController(DeadLetterReplayer replayer) {
        this.replayer = replayer;
    }

    @PostMapping("/api/operations/dead-letters/{topic}/replay")
    Mono<ResponseEntity<Object>> replay(@PathVariable String topic,
                                        @RequestParam(name = "document", required = false) String document) {
        return Mono.fromCallable(() -> ResponseEntity.ok((Object) replayer.replay(topic, document)))
            .subscribeOn(Schedulers.boundedElastic())
            .onErrorResume(DeadLetterReplayer.UnknownTopic.class,
                e -> Mono.just(error(HttpStatus.NOT_FOUND, "unknown_dead_letter_topic", e.getMessage())))
            .onErrorResume(DeadLetterReplayer.AlreadyRunning.class,
                e -> Mono.just(error(HttpStatus.CONFLICT, "replay_running", e.getMessage())))
            .onErrorResume(e -> Mono.just(error(HttpStatus.SERVICE_UNAVAILABLE, "kafka_unavailable",
                    "the replay could not finish, Kafka did not answer in time (records already sent are"
                        + " harmless to send again; run the replay again): " + e.getMessage())));
    }

    private static ResponseEntity<Object> error(HttpStatus status, String error, String message) {
        return ResponseEntity.status(status).body(Map.of("error", error, "message", message));
    }
}
