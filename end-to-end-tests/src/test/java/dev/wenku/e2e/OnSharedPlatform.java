package dev.wenku.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class runs on the {@link SharedPlatform}: it adds only documents of its own (named by a marker of its own),
 * puts back what it changes, and kills nothing. Classes that crash processes, restart servers or need other settings
 * start a platform of their own instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SharedPlatform.class)
public @interface OnSharedPlatform {

    /**
     * Where the class runs among those sharing the platform, lowest first ({@link SharedPlatformLast}): a class that
     * asserts on what the whole platform shows (the operator page's backlog, the seed's facets) goes before classes
     * that leave documents or dead letters behind.
     */
    int order();
}
