package dev.wenku.operations.deadletters;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/operations/dead-letters/{topic}/replay[?document=<id>]} (role OPERATOR, enforced by the gateway):
 * replays a dead-letter topic's records once their cause is fixed ({@link DeadLetterReplayer}). {@code 404} for a
 * topic that is not a dead-letter topic, {@code 409} while another replay runs, {@code 503} when Kafka did not
 * answer in time.
 */
@RestController
class DeadLetterReplayController {

    private final DeadLetterReplayer replayer;

    DeadLetterReplayController(DeadLetterReplayer replayer) {
        this.replayer = replayer;
    }

    @PostMapping("/api/operations/dead-letters/{topic}/replay")
    ReplayReport replay(@PathVariable String topic, @RequestParam(name = "document", required = false) String document) {
        return replayer.replay(topic, document);
    }
}
