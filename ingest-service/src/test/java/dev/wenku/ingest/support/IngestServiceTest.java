package dev.wenku.ingest.support;

import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.ingest.IngestApplication;
import dev.wenku.support.testing.TestCallers;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.annotation.DirtiesContext;

/**
 * An integration test of the running ingest-service: the application on a random port, with the shared real Kafka
 * and a PostgreSQL database of its own (created empty, migrated by Flyway), the drop folder off. One bootstrap for
 * every such test class rather than a copy in each; inject {@link IngestClient} to call it.
 *
 * <ul>
 *   <li>Everything set here is a default: it is passed as command-line arguments, which {@link #properties()} and a
 *   test's own {@code @DynamicPropertySource} override (a test watching the drop folder declares
 *   {@code properties = "wenku.ingest.drop-folder.enabled=true"}; one with a Kafka of its own registers
 *   {@code spring.kafka.bootstrap-servers}).</li>
 *   <li>The database is registered by a {@code DynamicPropertyRegistrar} bean ({@link IngestServiceTestServers}),
 *   called once per application context.</li>
 *   <li>{@link DirtiesContext}: each test class gets an application, a database and an outbox relay of its own.
 *   Without it, test classes with the same settings would share one cached context, and so one database.</li>
 * </ul>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RealInfrastructureExtension.class)
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    args = {"--wenku.ingest.drop-folder.enabled=false", TestCallers.SECRET_ARGUMENT,
        "--spring.kafka.bootstrap-servers=${" + IngestServiceTestServers.SHARED_KAFKA + "}"})
@Import(IngestServiceTestServers.class)
@DirtiesContext
public @interface IngestServiceTest {

    /** Properties of this test class, {@code key=value}; they override the defaults above. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};
}
