package dev.wenku.e2e;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the classes that start platforms of their own first (by name), then the classes {@link OnSharedPlatform} in
 * their order, so the shared platform starts once, after every other platform has stopped, and never runs beside one
 * on the two cores. Configured for this module in {@code junit-platform.properties}.
 */
public final class SharedPlatformLast implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
            .comparingInt((ClassDescriptor c) -> c.findAnnotation(OnSharedPlatform.class).map(OnSharedPlatform::order)
                .orElse(Integer.MIN_VALUE))
            .thenComparing(c -> c.getTestClass().getName()));
    }
}
