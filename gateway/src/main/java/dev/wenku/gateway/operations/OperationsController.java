package dev.wenku.gateway.operations;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The operators' overview of the running pipeline (role OPERATOR). */
@RestController
class OperationsController {

    private final OperationsView view;

    OperationsController(OperationsView view) {
        this.view = view;
    }

    @GetMapping("/api/operations/overview")
    Mono<Overview> overview() {
        return view.overview();
    }
}
