package dev.wenku.infrastructure.kafka;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Broker settings for one node that is also a controller: alone (its own quorum, every internal topic with a single
 * replica) or one of a cluster whose controllers are {@link Node#voters} (internal topics with as many replicas as
 * nodes, up to 3, and a write needing all but one of them in sync). With users, clients authenticate with
 * SASL/SCRAM-SHA-256 and may do only what an ACL allows (StandardAuthorizer, nothing is allowed where no ACL is
 * found). The super user alone logs in with SASL/PLAIN, its password in the broker's settings (the broker itself,
 * towards its controllers and itself, and whoever sets up users, topics and ACLs), so it needs no SCRAM credential and
 * works before any exists.
 */
final class KafkaNodeProperties {

    private KafkaNodeProperties() {
    }

    static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule";
    static final String SCRAM = "org.apache.kafka.common.security.scram.ScramLoginModule";

    /**
     * A node of the cluster.
     *
     * @param voters   every controller of the cluster, {@code id@host:port,…}
     * @param replicas replicas of internal topics and, by default, of every topic: the number of nodes, up to 3
     */
    record Node(int id, int port, int controllerPort, String voters, int replicas) {

        /** A node alone: its own controller quorum. */
        static Node alone(int port, int controllerPort) {
            return new Node(1, port, controllerPort, "1@127.0.0.1:" + controllerPort, 1);
        }

        /** Replicas in sync a write needs: all but one (1 alone). */
        int minInSync() {
            return Math.max(1, replicas - 1);
        }
    }

    static Properties of(Node node, Path logDirectory) {
        return of(node, logDirectory, Optional.empty());
    }

    static Properties of(Node node, Path logDirectory, Optional<KafkaUsers> users) {
        int port = node.port();
        int controllerPort = node.controllerPort();
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(node.id()));
        p.setProperty("controller.quorum.voters", node.voters());
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDirectory.toString());
        p.setProperty("num.partitions", "3");
        String replicas = Integer.toString(node.replicas());
        String minInSync = Integer.toString(node.minInSync());
        p.setProperty("default.replication.factor", replicas);
        p.setProperty("min.insync.replicas", minInSync);
        p.setProperty("offsets.topic.replication.factor", replicas);
        p.setProperty("offsets.topic.num.partitions", "3");
        p.setProperty("transaction.state.log.replication.factor", replicas);
        p.setProperty("transaction.state.log.min.isr", minInSync);
        p.setProperty("share.coordinator.state.topic.replication.factor", replicas);
        p.setProperty("share.coordinator.state.topic.min.isr", minInSync);
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics exist only as the services declare them (compacted or not, their partitions), never by accident.
        p.setProperty("auto.create.topics.enable", "false");
        users.ifPresent(accounts -> secure(p, port, controllerPort, accounts));
        return p;
    }

    private static void secure(Properties p, int port, int controllerPort, KafkaUsers users) {
        p.setProperty("listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "SASL_PLAINTEXT");
        // The super user logs in with PLAIN (its password only in these settings, from the environment), everyone
        // else with SCRAM: the super user needs no SCRAM credential, so it can set everyone's, on any storage.
        String superUser = PLAIN + " required username=\"" + users.superUser() + "\" password=\""
            + users.superPassword() + "\" user_" + users.superUser() + "=\"" + users.superPassword() + "\";";
        p.setProperty("sasl.mechanism.inter.broker.protocol", "PLAIN");
        p.setProperty("listener.name.sasl_plaintext.sasl.enabled.mechanisms", "SCRAM-SHA-256,PLAIN");
        p.setProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config", superUser);
        p.setProperty("listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config", SCRAM + " required;");
        p.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
        p.setProperty("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.setProperty("listener.name.controller.plain.sasl.jaas.config", superUser);
        p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.setProperty("super.users", "User:" + users.superUser());
        p.setProperty("allow.everyone.if.no.acl.found", "false");
    }
}
