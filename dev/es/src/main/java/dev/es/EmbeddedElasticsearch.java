package dev.es;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.node.ClasspathPluginsNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one or more Elasticsearch nodes in this JVM, bound to 127.0.0.1, until SIGTERM.
 *
 *   --home DIR --http.port 9200 --transport.port 9300 --nodes 1 [--any.setting value ...]
 *
 * Node i listens on http.port+i and transport.port+i and keeps its data in DIR/node-i.
 * Prints "node node-i started http=127.0.0.1:PORT" per node and "all nodes started" at the end.
 */
public final class EmbeddedElasticsearch {
    private EmbeddedElasticsearch() {}

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        // The shutdown hook below closes log4j itself, after the nodes, so their shutdown is logged.
        System.setProperty("log4j.shutdownHookEnabled", "false");
        System.setProperty("log4j2.disable.jmx", "true");

        Map<String, String> options = new LinkedHashMap<>();
        options.put("cluster.name", "go-runtime-dev");
        options.put("network.host", "127.0.0.1");
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String nodesOption = options.remove("nodes");
        int nodeCount = nodesOption == null ? 1 : Integer.parseInt(nodesOption);
        Path home = Path.of(require(options.remove("home"), "--home")).toAbsolutePath();
        int httpPort = Integer.parseInt(options.getOrDefault("http.port", "9200"));
        int transportPort = Integer.parseInt(options.getOrDefault("transport.port", "9300"));
        options.remove("http.port");
        options.remove("transport.port");

        List<String> names = new ArrayList<>();
        List<String> seeds = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            names.add("node-" + i);
            seeds.add("127.0.0.1:" + (transportPort + i));
        }
        // --plugins a.B,c.D: more plugin classes from the classpath (e.g. x-pack security).
        List<Class<? extends Plugin>> plugins = new ArrayList<>(List.of(Netty4Plugin.class));
        String extraPlugins = options.remove("plugins");
        if (extraPlugins != null && !extraPlugins.isBlank()) {
            for (String name : extraPlugins.split(",")) {
                plugins.add(Class.forName(name.trim()).asSubclass(Plugin.class));
            }
        }

        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            Path nodeHome = home.resolve(names.get(i));
            for (String dir : List.of("data", "logs", "config")) {
                Files.createDirectories(nodeHome.resolve(dir));
            }
            Path log4j = nodeHome.resolve("config/log4j2.properties");
            if (!Files.exists(log4j)) {
                try (InputStream in = EmbeddedElasticsearch.class.getResourceAsStream("/log4j2.properties")) {
                    Files.copy(in, log4j);
                }
            }
            Settings.Builder settings = Settings.builder()
                .put("node.name", names.get(i))
                .put("http.port", httpPort + i)
                .put("transport.port", transportPort + i)
                .put("path.home", nodeHome.toString())
                .put("path.data", nodeHome.resolve("data").toString())
                .put("path.logs", nodeHome.resolve("logs").toString());
            if (nodeCount == 1) {
                settings.put("discovery.type", "single-node");
            } else {
                settings.putList("discovery.seed_hosts", seeds);
                settings.putList("cluster.initial_master_nodes", names);
            }
            options.forEach(settings::put);
            Settings built = settings.build();
            if (i == 0) {
                LogConfigurator.setNodeName(nodeCount == 1 ? names.get(0) : "cluster");
                LogConfigurator.configure(InternalSettingsPreparer.prepareEnvironment(built, Map.of(), null, () -> names.get(0)), true);
            }
            nodes.add(new ClasspathPluginsNode(built, plugins));
        }

        // Started together: a node's start() waits until it has joined a cluster, which a fresh
        // multi-node cluster can only form once enough nodes are up.
        List<Thread> starters = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            final int index = i;
            final int port = httpPort + i;
            Thread starter = new Thread(() -> {
                try {
                    nodes.get(index).start();
                } catch (Exception e) {
                    e.printStackTrace();
                    System.exit(1);
                }
                System.out.printf("node %s started http=127.0.0.1:%d after %d ms%n", names.get(index), port,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }, "start-" + names.get(i));
            starter.start();
            starters.add(starter);
        }
        for (Thread starter : starters) {
            starter.join();
        }
        System.out.println("all nodes started");

        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                for (Node node : nodes) node.prepareForClose();
                for (Node node : nodes) node.close();
                for (Node node : nodes) node.awaitClose(30, TimeUnit.SECONDS);
                System.out.println("all nodes closed");
                org.apache.logging.log4j.LogManager.shutdown();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                closed.countDown();
            }
        }, "shutdown"));
        closed.await();
    }

    private static String require(String value, String flag) {
        if (value == null) throw new IllegalArgumentException(flag + " is required");
        return value;
    }
}
