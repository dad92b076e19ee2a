package dev.wenku.operations.overview;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operators' overview of the running pipeline (role OPERATOR, enforced by the gateway). */
@RestController
class OperationsController {

    private final OperationsView view;

    OperationsController(OperationsView view) {
        this.view = view;
    }

    @GetMapping("/api/operations/overview")
    Overview overview() {
        return view.overview();
    }
}
