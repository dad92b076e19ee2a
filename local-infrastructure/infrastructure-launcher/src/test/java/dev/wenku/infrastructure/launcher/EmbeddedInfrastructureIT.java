package dev.wenku.infrastructure.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.InfoResponse;
import co.elastic.clients.elasticsearch.indices.analyze.AnalyzeToken;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealInfrastructureExtension.class)
class EmbeddedInfrastructureIT {

    private static Rest5Client restClient;
    private static ElasticsearchClient elasticsearch;

    @BeforeAll
    static void connect(Infrastructure infrastructure) {
        restClient = Rest5Client.builder(URI.create(infrastructure.elasticsearchUrl())).build();
        elasticsearch = new ElasticsearchClient(new Rest5ClientTransport(restClient, new JacksonJsonpMapper()));
    }

    @AfterAll
    static void disconnect() throws Exception {
        restClient.close();
    }

    @Test
    void elasticsearchAnswersTheJavaClientsInfoCall() throws Exception {
        InfoResponse info = elasticsearch.info();
        assertTrue(info.version().number().startsWith("9.5"), info.version().number());
        assertFalse(info.clusterUuid().isBlank());
    }

    /**
     * The official image's launcher gives the node the JDK's vector module; without it every kNN search and every
     * vector graph is computed on scalar code, several times slower (what the embedding stage and search by meaning
     * measured here before).
     */
    @Test
    void elasticsearchComparesVectorsWithTheJdksVectorApiAsTheOfficialImageDoes(Infrastructure infrastructure)
            throws Exception {
        // The Java client cannot decode this node's full info, so the JVM's arguments are read as JSON.
        HttpResponse<String> info = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                infrastructure.elasticsearchUrl() + "/_nodes/jvm?filter_path=nodes.*.jvm.input_arguments")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, info.statusCode(), info.body());
        assertTrue(info.body().contains("\"--add-modules=jdk.incubator.vector\""), info.body());
    }

    @Test
    void elasticsearchSplitsChineseIntoBigramsWithTheCjkFiltersOfTheOfficialImage() throws Exception {
        String index = "cjk-" + UUID.randomUUID();
        elasticsearch.indices().create(c -> c.index(index).withJson(new StringReader("""
            {"settings": {"analysis": {"analyzer": {"zh_bigram": {
              "type": "custom", "tokenizer": "standard",
              "filter": ["cjk_width", "lowercase", "cjk_bigram"]}}}}}
            """)));
        List<String> tokens = elasticsearch.indices()
            .analyze(a -> a.index(index).analyzer("zh_bigram").text("新质生产力ＡＢ"))
            .tokens().stream().map(AnalyzeToken::token).toList();
        assertEquals(List.of("新质", "质生", "生产", "产力", "ab"), tokens);
    }

    @Test
    @Tag("security")
    void kafkaCreatesNoTopicNobodyDeclared(Infrastructure infrastructure) throws Exception {
        String topic = "undeclared-" + UUID.randomUUID();
        Map<String, Object> producerConfig = Map.of("bootstrap.servers", infrastructure.kafkaBootstrapServers(),
            "max.block.ms", 2000);
        try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                () -> producer.send(new ProducerRecord<>(topic, "k", "v")).get());
            assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, refused.getCause());
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infrastructure.kafkaBootstrapServers()))) {
            assertFalse(admin.listTopics().names().get().contains(topic), "a producer's metadata request made no topic");
        }
    }

    @Test
    void kafkaDeliversWhatWasProducedWithAcksAll(Infrastructure infrastructure) throws Exception {
        String topic = "probe-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Map<String, Object> producerConfig = Map.of(
            "bootstrap.servers", infrastructure.kafkaBootstrapServers(), "acks", "all", "enable.idempotence", true);
        try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "id-1", "新质生产力")).get();
        }
        Map<String, Object> consumerConfig = Map.of(
            "bootstrap.servers", infrastructure.kafkaBootstrapServers(),
            "group.id", "probe", "auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int i = 0; i < 30 && records.isEmpty(); i++) {
                records = consumer.poll(Duration.ofSeconds(1));
            }
            assertEquals("新质生产力", records.iterator().next().value());
        }
    }

    @Test
    void postgresAcceptsItsUserAndPasswordOnTheDatabaseWenku(Infrastructure infrastructure) throws Exception {
        try (Connection connection = DriverManager.getConnection(infrastructure.postgresJdbcUrl(),
                infrastructure.postgresUsername(), infrastructure.postgresPassword());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                 "SELECT current_database(), current_setting('server_encoding'), current_setting('server_version')")) {
            assertTrue(result.next());
            assertEquals("wenku", result.getString(1));
            assertEquals("UTF8", result.getString(2));
            assertTrue(result.getString(3).startsWith(ServerVersions.current().postgresImageTag()), result.getString(3));
        }
    }
}
