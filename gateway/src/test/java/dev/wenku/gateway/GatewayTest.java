package dev.wenku.gateway;

import dev.wenku.support.testing.TestCallers;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;

/**
 * The running gateway on a random port, as the gateway's integration tests start it: the test caller token key
 * ({@link TestCallers}) and two accounts, {@code editor} ({@value #EDITOR_PASSWORD}, EDITOR) and {@code operator}
 * ({@value #OPERATOR_PASSWORD}, OPERATOR and EDITOR). These are defaults passed as command-line arguments, which a
 * test class's {@link #properties()} override or add to.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    args = {
        TestCallers.SECRET_ARGUMENT,
        "--wenku.security.users.editor.password=" + GatewayTest.EDITOR_PASSWORD,
        "--wenku.security.users.editor.roles=EDITOR",
        "--wenku.security.users.operator.password=" + GatewayTest.OPERATOR_PASSWORD,
        "--wenku.security.users.operator.roles=OPERATOR,EDITOR"
    })
public @interface GatewayTest {

    String EDITOR_PASSWORD = "editor-secret-1";
    String OPERATOR_PASSWORD = "operator-secret-2";

    /** Properties of this test class, {@code key=value}. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};
}
