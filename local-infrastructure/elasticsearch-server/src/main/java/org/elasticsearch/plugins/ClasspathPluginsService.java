package org.elasticsearch.plugins;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elasticsearch.common.settings.Settings;

/**
 * Serves plugins given as classes already on the classpath, instead of plugin bundles from a distribution's
 * {@code plugins/} and {@code modules/} folders (which a Maven-built node does not have).
 *
 * <p>It lives in Elasticsearch's package only because {@link PluginsService.LoadedPlugin} is package-private.
 */
public class ClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> classpathPlugins;

    public ClasspathPluginsService(Settings settings, Path configDir, Collection<Class<? extends Plugin>> pluginClasses) {
        super(settings, configDir, noBundles());
        this.classpathPlugins = pluginClasses.stream()
            .map(type -> new LoadedPlugin(describe(type), loadPlugin(type, settings, configDir), type.getClassLoader()))
            .toList();
    }

    /** A loader with no module or plugin bundles: everything comes from {@link #plugins()}. */
    public static PluginsLoader noBundles() {
        // false: the server runs on the classpath, not as a named module, so it has no module exports to wire.
        return PluginsLoader.createPluginsLoader(Set.of(), Set.of(), Map.of(), false);
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return classpathPlugins;
    }

    private static PluginDescriptor describe(Class<? extends Plugin> type) {
        return new PluginDescriptor(
            type.getSimpleName(),
            "classpath plugin " + type.getName(),
            "classpath",
            org.elasticsearch.Build.current().version(),
            Runtime.version().toString(),
            type.getName(),
            null,
            List.of(),
            false,
            false,
            false,
            false,
            PluginDescriptor.DeploymentTarget.ALL);
    }
}
