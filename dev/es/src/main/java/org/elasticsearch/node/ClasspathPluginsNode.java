package org.elasticsearch.node;

import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.MockPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An unmodified Elasticsearch node whose plugins are classes on the classpath instead of a
 * modules/ directory. It has to live in org.elasticsearch.node: the Node constructor it calls
 * and NodeServiceProvider are package-private.
 */
public class ClasspathPluginsNode extends Node {
    private static final AtomicBoolean LOG_IDS_SET = new AtomicBoolean();

    public ClasspathPluginsNode(Settings settings, Collection<Class<? extends Plugin>> plugins) {
        super(NodeConstruction.prepareConstruction(
            InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> settings.get("node.name")),
            null,
            new NodeServiceProvider() {
                @Override
                PluginsService newPluginService(Environment environment, PluginsLoader pluginsLoader) {
                    return new MockPluginsService(environment.settings(), environment, plugins);
                }
            },
            true));
    }

    /** The node and cluster ids in log lines are JVM-wide; with several nodes in one JVM only the first sets them. */
    @Override
    protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {
        if (LOG_IDS_SET.compareAndSet(false, true)) {
            super.configureNodeAndClusterIdStateListener(clusterService);
        }
    }
}
