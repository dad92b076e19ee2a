package org.elasticsearch.node;

import java.util.Collection;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

/**
 * A {@link Node} whose plugins are classes on the classpath. In Elasticsearch's package because the construction
 * hooks it needs ({@link NodeConstruction}, {@link NodeServiceProvider}) are package-private.
 */
public class ClasspathPluginsNode extends Node {

    public ClasspathPluginsNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
        super(NodeConstruction.prepareConstruction(
            environment,
            ClasspathPluginsService.noBundles(),
            new ClasspathPluginsProvider(plugins),
            true));
    }

    private static final class ClasspathPluginsProvider extends NodeServiceProvider {

        private final Collection<Class<? extends Plugin>> plugins;

        ClasspathPluginsProvider(Collection<Class<? extends Plugin>> plugins) {
            this.plugins = plugins;
        }

        @Override
        PluginsService newPluginService(Environment environment, PluginsLoader pluginsLoader) {
            return new ClasspathPluginsService(environment.settings(), environment.configDir(), plugins);
        }
    }
}
