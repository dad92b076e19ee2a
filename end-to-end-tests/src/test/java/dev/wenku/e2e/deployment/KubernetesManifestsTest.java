package dev.wenku.e2e.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * An offline schema check of the Kubernetes manifests (deploy/kubernetes; no cluster here): every document of every
 * file is read into fabric8's typed Kubernetes model, so an unknown apiVersion or kind, a value of the wrong type or
 * a field Kubernetes does not know (a typo, a field at the wrong level) fails the build, naming the file, the
 * resource and the field's path. Then the references between the resources, which Kubernetes would only find out
 * while running them: workloads with probes and resource requests, selectors that match their pods, Services,
 * budgets, autoscalers and the Ingress pointing at what exists, secrets only from the Secrets docs/deployment.md
 * creates and never written in, the services' settings named as compose and docs/configuration.md name them, and
 * kustomization.yaml listing every file.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = ProjectLayout.locate().root();
    private static final Path MANIFESTS = ROOT.resolve("deploy/kubernetes");
    private static final String KUSTOMIZATION = "kustomization.yaml";
    /** Names of variables that hold a secret: never a literal value. */
    private static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|SECRET|TOKEN");
    /** $(NAME) in an env value: Kubernetes fills it in from a variable defined before it. */
    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_.]*)\\)");
    /** host:port and StatefulSet pod names (name-0.service) in settings. */
    private static final Pattern ADDRESS = Pattern.compile("(?<![\\w.$()-])([a-z0-9][a-z0-9-]*)(?:\\.([a-z0-9-]+))?:(\\d{2,5})\\b");
    private static final Pattern POD_NAME = Pattern.compile("(?<![\\w.-])([a-z0-9-]+)-(\\d+)\\.([a-z0-9-]+)(?![\\w.-])");
    /** Addresses the manifests expect the cluster to provide (config.yaml says so). */
    private static final Set<String> PROVIDED_BY_THE_CLUSTER = Set.of("prometheus");
    /** A setting of docs/configuration.md's tables: | `wenku.some.setting` | … */
    private static final Pattern SETTING = Pattern.compile("^\\| `([a-z][a-z0-9.-]*)`", Pattern.MULTILINE);
    private static final Pattern CREATE_SECRET = Pattern.compile("kubectl\\b.*\\bcreate secret (generic|tls) ([a-z0-9.-]+)(.*)");
    private static final Pattern FROM_LITERAL = Pattern.compile("--from-literal=([^=\\s]+)=");
    private static final Pattern FROM_FILE = Pattern.compile("--from-file=(\\S+)");

    /**
     * Strict about scalar types, as Kubernetes is (Go's JSON decoding): a number or boolean where a string belongs (an
     * unquoted env value) or a string where a number or boolean belongs is an error, not a conversion.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .withCoercionConfig(LogicalType.Textual, config -> config
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Integer, config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Float, config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Boolean, config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
        .build();

    private static List<Manifest> manifests;
    private static List<String> schemaProblems;
    private static Map<String, Set<String>> documentedSecrets;

    /** One document of a manifest file, read into its model class. */
    private record Manifest(String file, HasMetadata resource) {

        String name() {
            return resource.getMetadata().getName();
        }

        @Override
        public String toString() {
            return file + " " + resource.getKind() + "/" + name();
        }
    }

    /** A Deployment, StatefulSet or Job: what runs pods. */
    private record Workload(Manifest manifest, LabelSelector selector, PodTemplateSpec template) {

        Map<String, String> podLabels() {
            return Optional.ofNullable(template.getMetadata()).map(m -> m.getLabels()).orElse(Map.of());
        }

        PodSpec pod() {
            return template.getSpec();
        }

        List<Container> allContainers() {
            return Stream.concat(pod().getInitContainers().stream(), pod().getContainers().stream()).toList();
        }

        boolean runsForever() {
            return !(manifest.resource() instanceof Job);
        }
    }

    @BeforeAll
    static void readManifests() throws IOException {
        manifests = new ArrayList<>();
        schemaProblems = new ArrayList<>();
        for (Path path : manifestFiles()) {
            String file = path.getFileName().toString();
            int index = 0;
            for (Object document : new Yaml().loadAll(Files.readString(path))) {
                index++;
                if (document != null) {
                    read(file + " (document " + index + ")", file, document).ifPresent(manifests::add);
                }
            }
        }
        documentedSecrets = documentedSecrets(Files.readString(ROOT.resolve("docs/deployment.md")));
    }

    @Test
    void everyDocumentIsAKnownResourceWithKnownFieldsOfTheRightTypes() {
        assertThat(manifests).as("resources in " + MANIFESTS).isNotEmpty();
        assertThat(schemaProblems).as("documents that are not valid Kubernetes resources").isEmpty();
    }

    @Test
    void theKustomizationListsEveryManifestFileAndNothingElse() throws IOException {
        Map<String, Object> kustomization = new Yaml().load(Files.readString(MANIFESTS.resolve(KUSTOMIZATION)));
        assertThat(kustomization).containsEntry("apiVersion", "kustomize.config.k8s.io/v1beta1")
            .containsEntry("kind", "Kustomization").containsEntry("namespace", "wenku");
        List<?> resources = (List<?>) kustomization.get("resources");
        assertThat(resources).as("resources of " + KUSTOMIZATION).doesNotHaveDuplicates()
            .allSatisfy(resource -> assertThat(MANIFESTS.resolve(resource.toString())).as("listed in " + KUSTOMIZATION)
                .isRegularFile())
            .map(Object::toString)
            .containsExactlyInAnyOrderElementsOf(manifestFiles().stream().map(p -> p.getFileName().toString()).toList());
        assertThat(manifests).filteredOn(m -> m.resource().getMetadata().getNamespace() != null)
            .as("resources that name their namespace (kustomize sets it)").isEmpty();
    }

    @Test
    void workloadsHaveProbesRequestsAndSelectorsThatMatchTheirPods() {
        List<String> problems = new ArrayList<>();
        for (Workload workload : workloads()) {
            String name = workload.manifest().toString();
            if (workload.selector() != null) {
                Map<String, String> selector = matchLabels(workload.selector(), name, problems);
                if (selector.isEmpty() || !workload.podLabels().entrySet().containsAll(selector.entrySet())) {
                    problems.add(name + ": selector " + selector + " does not match its pod labels " + workload.podLabels());
                }
            }
            for (Container container : workload.allContainers()) {
                String where = name + " container " + container.getName();
                Map<String, ?> requests = container.getResources() == null ? null : container.getResources().getRequests();
                if (requests == null || !requests.keySet().containsAll(List.of("cpu", "memory"))) {
                    problems.add(where + ": no cpu and memory requests");
                }
                if (workload.runsForever() && workload.pod().getContainers().contains(container)) {
                    if (container.getReadinessProbe() == null || container.getLivenessProbe() == null) {
                        problems.add(where + ": needs a readiness and a liveness probe");
                    }
                    Stream.of(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe())
                        .filter(Objects::nonNull)
                        .map(KubernetesManifestsTest::probePort)
                        .filter(Objects::nonNull)
                        .filter(port -> !hasPort(container, port))
                        .forEach(port -> problems.add(where + ": a probe asks port " + describe(port) + ", which it does not have"));
                }
            }
            volumesAreDefined(workload, problems);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyServiceRunsTwoInstancesAtLeast() {
        Map<String, HorizontalPodAutoscaler> autoscalers = new TreeMap<>();
        of(HorizontalPodAutoscaler.class).forEach(hpa -> autoscalers.put(hpa.getSpec().getScaleTargetRef().getName(), hpa));
        List<Deployment> deployments = of(Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder("ingest-service",
            "analysis-service", "search-service", "operations-service", "gateway");
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            HorizontalPodAutoscaler autoscaler = autoscalers.get(name);
            if (autoscaler == null) {
                assertThat(deployment.getSpec().getReplicas()).as(name + " replicas").isGreaterThanOrEqualTo(2);
            } else {
                assertThat(deployment.getSpec().getReplicas()).as(name + ": replicas are the autoscaler's").isNull();
                assertThat(autoscaler.getSpec().getMinReplicas()).as(name + " minReplicas").isGreaterThanOrEqualTo(2);
                assertThat(autoscaler.getSpec().getMaxReplicas()).as(name + " maxReplicas")
                    .isGreaterThanOrEqualTo(autoscaler.getSpec().getMinReplicas());
            }
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).as(name + " image")
                .extracting(Container::getImage).containsExactly("wenku/" + name + ":0.1.0");
        }
        assertThat(autoscalers.keySet()).as("autoscaled").containsExactlyInAnyOrder("gateway", "search-service",
            "analysis-service");
    }

    @Test
    void servicesBudgetsAutoscalersAndTheIngressPointAtWhatExists() {
        List<String> problems = new ArrayList<>();
        List<Workload> workloads = workloads().stream().filter(Workload::runsForever).toList();
        Map<String, Service> services = byName(Service.class);
        for (Service service : services.values()) {
            Map<String, String> selector = Optional.ofNullable(service.getSpec().getSelector()).orElse(Map.of());
            List<Workload> selected = selecting(workloads, selector);
            if (selector.isEmpty() || selected.isEmpty()) {
                problems.add("Service/" + name(service) + ": its selector " + selector + " matches no workload's pods");
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                boolean served = selected.stream().flatMap(w -> w.pod().getContainers().stream())
                    .anyMatch(container -> hasPort(container, port.getTargetPort() == null
                        ? new IntOrString(port.getPort()) : port.getTargetPort()));
                if (!served) {
                    problems.add("Service/" + name(service) + ": no selected container has port " + describe(port.getTargetPort()));
                }
            }
        }
        for (StatefulSet set : of(StatefulSet.class)) {
            Service governing = services.get(set.getSpec().getServiceName());
            if (governing == null) {
                problems.add("StatefulSet/" + name(set) + ": no Service " + set.getSpec().getServiceName());
            } else if (set.getSpec().getReplicas() > 1 && (!"None".equals(governing.getSpec().getClusterIP())
                || !Boolean.TRUE.equals(governing.getSpec().getPublishNotReadyAddresses()))) {
                problems.add("StatefulSet/" + name(set) + ": its members find each other before they are ready only through a "
                    + "headless Service that publishes not-ready addresses");
            }
        }
        for (PodDisruptionBudget budget : of(PodDisruptionBudget.class)) {
            Map<String, String> selector = matchLabels(budget.getSpec().getSelector(), "PodDisruptionBudget/" + name(budget), problems);
            if (selector.isEmpty() || selecting(workloads, selector).isEmpty()) {
                problems.add("PodDisruptionBudget/" + name(budget) + ": selects no workload's pods");
            }
            if (budget.getSpec().getMinAvailable() == null && budget.getSpec().getMaxUnavailable() == null) {
                problems.add("PodDisruptionBudget/" + name(budget) + ": neither minAvailable nor maxUnavailable");
            }
        }
        for (HorizontalPodAutoscaler autoscaler : of(HorizontalPodAutoscaler.class)) {
            var target = autoscaler.getSpec().getScaleTargetRef();
            boolean exists = workloads.stream().anyMatch(w -> w.manifest().resource().getKind().equals(target.getKind())
                && w.manifest().name().equals(target.getName())
                && w.manifest().resource().getApiVersion().equals(target.getApiVersion()));
            if (!exists) {
                problems.add("HorizontalPodAutoscaler/" + name(autoscaler) + ": no " + target.getApiVersion() + " "
                    + target.getKind() + "/" + target.getName());
            }
        }
        for (Ingress ingress : of(Ingress.class)) {
            List<IngressBackend> backends = new ArrayList<>();
            Optional.ofNullable(ingress.getSpec().getDefaultBackend()).ifPresent(backends::add);
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> backends.add(path.getBackend())));
            for (IngressBackend backend : backends) {
                IngressServiceBackend target = backend.getService();
                Service service = target == null ? null : services.get(target.getName());
                if (service == null || service.getSpec().getPorts().stream().noneMatch(port ->
                    Objects.equals(port.getName(), target.getPort().getName())
                        || Objects.equals(port.getPort(), target.getPort().getNumber()))) {
                    problems.add("Ingress/" + name(ingress) + ": its backend " + (target == null ? "(none)" : target.getName() + " "
                        + target.getPort()) + " is no port of a Service here");
                }
            }
            ingress.getSpec().getTls().forEach(tls -> secretKeys(tls.getSecretName(), List.of("tls.crt", "tls.key"),
                "Ingress/" + name(ingress), problems));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void secretsComeFromTheDocumentedSecretsAndSettingsFromConfigMapsThatHaveThem() {
        assertThat(documentedSecrets).as("Secrets docs/deployment.md creates (kubectl create secret)").isNotEmpty();
        Map<String, ConfigMap> configMaps = byName(ConfigMap.class);
        List<String> problems = new ArrayList<>();
        for (Workload workload : workloads()) {
            for (Container container : workload.allContainers()) {
                String where = workload.manifest() + " container " + container.getName();
                Set<String> defined = new TreeSet<>();
                for (EnvFromSource source : container.getEnvFrom()) {
                    if (source.getConfigMapRef() != null) {
                        ConfigMap configMap = configMaps.get(source.getConfigMapRef().getName());
                        if (configMap == null) {
                            problems.add(where + ": envFrom names no ConfigMap here: " + source.getConfigMapRef().getName());
                        } else {
                            defined.addAll(configMap.getData().keySet());
                        }
                    }
                    if (source.getSecretRef() != null) {
                        secretKeys(source.getSecretRef().getName(), List.of(), where + " envFrom", problems);
                    }
                }
                for (EnvVar variable : container.getEnv()) {
                    String name = variable.getName();
                    if (variable.getValue() != null) {
                        if (SECRET_NAME.matcher(name.toUpperCase(Locale.ROOT)).find()) {
                            problems.add(where + ": " + name + " holds a secret, so it must come from a Secret, not a value");
                        }
                        Matcher reference = VARIABLE_REFERENCE.matcher(variable.getValue());
                        while (reference.find()) {
                            if (!defined.contains(reference.group(1))) {
                                problems.add(where + ": " + name + " refers to $(" + reference.group(1)
                                    + "), which is not defined before it");
                            }
                        }
                    } else if (variable.getValueFrom() != null) {
                        var from = variable.getValueFrom();
                        if (from.getSecretKeyRef() != null) {
                            secretKeys(from.getSecretKeyRef().getName(), List.of(from.getSecretKeyRef().getKey()),
                                where + " " + name, problems);
                        } else if (from.getConfigMapKeyRef() != null) {
                            ConfigMap configMap = configMaps.get(from.getConfigMapKeyRef().getName());
                            if (configMap == null || !configMap.getData().containsKey(from.getConfigMapKeyRef().getKey())) {
                                problems.add(where + " " + name + ": no ConfigMap " + from.getConfigMapKeyRef().getName()
                                    + " with the key " + from.getConfigMapKeyRef().getKey());
                            }
                        } else if (from.getFieldRef() == null && from.getResourceFieldRef() == null) {
                            problems.add(where + " " + name + ": valueFrom names no source");
                        }
                    } else {
                        problems.add(where + " " + name + ": neither value nor valueFrom");
                    }
                    defined.add(name);
                }
            }
        }
        configMaps.forEach((name, configMap) -> configMap.getData().forEach((key, value) -> {
            if (SECRET_NAME.matcher(key.toUpperCase(Locale.ROOT)).find()) {
                problems.add("ConfigMap/" + name + ": " + key + " holds a secret, which belongs in a Secret");
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void theServicesSettingsAreOnesTheyKnow() throws IOException {
        Set<String> composeVariables = new TreeSet<>();
        for (String file : List.of("docker-compose.yml", "docker-compose.cluster.yml")) {
            Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve(file)));
            ((Map<?, ?>) compose.get("services")).values().forEach(service -> Optional.ofNullable(((Map<?, ?>) service)
                .get("environment")).filter(Map.class::isInstance)
                .ifPresent(environment -> ((Map<?, ?>) environment).keySet().forEach(key -> composeVariables.add(key.toString()))));
        }
        Set<String> settings = new TreeSet<>();
        Matcher setting = SETTING.matcher(Files.readString(ROOT.resolve("docs/configuration.md")));
        while (setting.find()) {
            settings.add(setting.group(1).toUpperCase(Locale.ROOT).replace('.', '_').replace("-", ""));
        }
        assertThat(settings).as("settings of docs/configuration.md").contains("WENKU_INGEST_DROPFOLDER_ENABLED");
        Map<String, ConfigMap> configMaps = byName(ConfigMap.class);
        List<String> unknown = new ArrayList<>();
        for (Deployment deployment : of(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                Stream.concat(container.getEnv().stream().map(EnvVar::getName), container.getEnvFrom().stream()
                        .filter(source -> source.getConfigMapRef() != null)
                        .map(source -> configMaps.get(source.getConfigMapRef().getName()))
                        .filter(Objects::nonNull)
                        .flatMap(configMap -> configMap.getData().keySet().stream()))
                    .filter(name -> !composeVariables.contains(name) && !(name.startsWith("WENKU_") && settings.stream()
                        .anyMatch(known -> name.equals(known) || name.startsWith(known + "_"))))
                    .forEach(name -> unknown.add(name(deployment) + ": " + name));
            }
        }
        assertThat(unknown).as("variables neither compose gives the services nor docs/configuration.md lists").isEmpty();
    }

    @Test
    void addressesInTheSettingsReachServicesAndPodsThatExist() {
        Map<String, Service> services = byName(Service.class);
        Map<String, StatefulSet> sets = byName(StatefulSet.class);
        Map<String, ConfigMap> configMaps = byName(ConfigMap.class);
        List<String> problems = new ArrayList<>();
        for (Workload workload : workloads()) {
            for (Container container : workload.allContainers()) {
                List<String> values = new ArrayList<>();
                container.getEnv().stream().map(EnvVar::getValue).filter(Objects::nonNull).forEach(values::add);
                container.getEnvFrom().stream().filter(source -> source.getConfigMapRef() != null)
                    .map(source -> configMaps.get(source.getConfigMapRef().getName())).filter(Objects::nonNull)
                    .forEach(configMap -> values.addAll(configMap.getData().values()));
                for (String value : values) {
                    Matcher pod = POD_NAME.matcher(value);
                    while (pod.find()) {
                        StatefulSet set = sets.get(pod.group(1));
                        if (set == null || !set.getSpec().getServiceName().equals(pod.group(3))
                            || Integer.parseInt(pod.group(2)) >= set.getSpec().getReplicas()) {
                            problems.add(workload.manifest() + ": " + pod.group() + " is no pod of a StatefulSet here");
                        }
                    }
                    Matcher address = ADDRESS.matcher(value);
                    while (address.find()) {
                        String host = address.group(1);
                        String serviceName = address.group(2) == null ? host : address.group(2);
                        Service service = services.get(serviceName);
                        int port = Integer.parseInt(address.group(3));
                        if (service == null ? !PROVIDED_BY_THE_CLUSTER.contains(serviceName)
                            : service.getSpec().getPorts().stream().noneMatch(p -> p.getPort() == port)) {
                            problems.add(workload.manifest() + ": " + address.group() + " is no port of a Service here");
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void clustersAreAsComposeRunsThemAndImagesOfTheVersionsOfDotEnv() throws IOException {
        Map<String, String> versions = new TreeMap<>();
        Files.readAllLines(ROOT.resolve(".env")).stream().filter(line -> line.matches("[A-Z_]+=.+"))
            .forEach(line -> versions.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        Map<String, StatefulSet> sets = byName(StatefulSet.class);
        assertThat(sets).containsKeys("kafka", "elasticsearch", "postgres");
        assertThat(sets.get("kafka").getSpec().getReplicas()).isEqualTo(3);
        assertThat(sets.get("elasticsearch").getSpec().getReplicas()).isEqualTo(3);
        assertThat(sets.get("postgres").getSpec().getReplicas()).isEqualTo(1);
        Map<String, String> kafka = environment(sets.get("kafka").getSpec().getTemplate().getSpec().getContainers().get(0));
        assertThat(kafka).containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS",
                "0@kafka-0.kafka:9093,1@kafka-1.kafka:9093,2@kafka-2.kafka:9093")
            .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3").containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
            .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3").containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false").containsKey("CLUSTER_ID");
        assertThat(byName(ConfigMap.class).get("wenku-kafka-clients").getData())
            .containsEntry("WENKU_KAFKA_TOPICS_REPLICATIONFACTOR", "3").containsEntry("WENKU_KAFKA_TOPICS_MININSYNCREPLICAS", "2");
        Map<String, String> elasticsearch = environment(sets.get("elasticsearch").getSpec().getTemplate().getSpec()
            .getContainers().get(0));
        assertThat(elasticsearch).containsEntry("xpack.security.enabled", "true")
            .containsEntry("xpack.security.transport.ssl.enabled", "true")
            .containsEntry("cluster.initial_master_nodes", "elasticsearch-0,elasticsearch-1,elasticsearch-2");
        assertThat(byName(ConfigMap.class).get("ingest-service").getData())
            .containsEntry("WENKU_INGEST_DROPFOLDER_ENABLED", "false");

        Map<String, String> images = Map.of("apache/kafka:", "KAFKA_VERSION",
            "docker.elastic.co/elasticsearch/elasticsearch:", "ELASTICSEARCH_VERSION", "postgres:", "POSTGRES_VERSION");
        List<String> stale = new ArrayList<>();
        workloads().forEach(workload -> workload.allContainers().forEach(container -> images.forEach((image, version) -> {
            if (container.getImage().startsWith(image) && !container.getImage().equals(image + versions.get(version))) {
                stale.add(workload.manifest() + ": " + container.getImage() + ", .env has " + version + "=" + versions.get(version));
            }
        })));
        assertThat(stale).isEmpty();
    }

    @Test
    void kafkaUsersRunsTheScriptAndAclsOfTheRepository() throws IOException {
        Map<String, String> copies = byName(ConfigMap.class).get("kafka-users").getData();
        assertThat(copies.get("kafka-users.sh")).as("deploy/kubernetes/kafka.yaml's copy of scripts/kafka-users.sh")
            .isEqualTo(Files.readString(ROOT.resolve("scripts/kafka-users.sh")));
        assertThat(copies.get("kafka-acls.txt")).as("deploy/kubernetes/kafka.yaml's copy of config/kafka-acls.txt")
            .isEqualTo(Files.readString(ROOT.resolve("config/kafka-acls.txt")));
        Job job = byName(Job.class).get("kafka-users");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand())
            .containsExactly("/bin/sh", "/wenku/kafka-users.sh");
    }

    // Reading.

    private static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            return files.filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
                .filter(path -> !path.getFileName().toString().equals(KUSTOMIZATION))
                .sorted()
                .toList();
        }
    }

    private static Optional<Manifest> read(String document, String file, Object content) {
        String where = document;
        if (!(content instanceof Map<?, ?> fields)) {
            schemaProblems.add(where + ": not a mapping");
            return Optional.empty();
        }
        if (fields.get("metadata") instanceof Map<?, ?> metadata && metadata.get("name") != null) {
            where = file + " " + fields.get("kind") + "/" + metadata.get("name");
        }
        KubernetesResource resource;
        try {
            resource = MAPPER.convertValue(fields, KubernetesResource.class);
        } catch (JacksonException e) {
            StringBuilder path = new StringBuilder();
            e.getPath().forEach(reference -> path.append(reference.getPropertyName() != null
                ? (path.isEmpty() ? "" : ".") + reference.getPropertyName() : "[" + reference.getIndex() + "]"));
            schemaProblems.add(where + ": " + path + ": " + e.getOriginalMessage());
            return Optional.empty();
        }
        if (!(resource instanceof HasMetadata typed) || resource instanceof GenericKubernetesResource) {
            schemaProblems.add(where + ": apiVersion " + fields.get("apiVersion") + ", kind " + fields.get("kind")
                + " is no resource of the Kubernetes API");
            return Optional.empty();
        }
        String apiVersion = HasMetadata.getApiVersion(typed.getClass());
        String kind = HasMetadata.getKind(typed.getClass());
        if (!apiVersion.equals(fields.get("apiVersion")) || !kind.equals(fields.get("kind"))) {
            schemaProblems.add(where + ": " + fields.get("apiVersion") + " " + fields.get("kind") + " was read as " + apiVersion
                + " " + kind);
            return Optional.empty();
        }
        if (typed.getMetadata() == null || typed.getMetadata().getName() == null) {
            schemaProblems.add(where + ": " + kind + " without metadata.name");
            return Optional.empty();
        }
        Manifest manifest = new Manifest(file, typed);
        List<String> unknown = new ArrayList<>();
        unknownFields(typed, "", unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
        unknown.forEach(path -> schemaProblems.add(manifest + ": unknown field " + path));
        return Optional.of(manifest);
    }

    /**
     * Every field the model did not know: fabric8 keeps them in each object's additionalProperties instead of failing,
     * so the object graph is walked (the getters of the model's classes, lists and maps) for any that is not empty.
     */
    private static void unknownFields(Object value, String path, List<String> found, Set<Object> seen) {
        if (value instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                unknownFields(element, path + "[" + index++ + "]", found, seen);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> unknownFields(element, path + "[" + key + "]", found, seen));
        } else if (value != null && value.getClass().getPackageName().startsWith("io.fabric8.") && seen.add(value)) {
            for (Method getter : getters(value.getClass())) {
                Object property = invoke(getter, value);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (property instanceof Map<?, ?> extra) {
                        extra.keySet().forEach(key -> found.add(join(path, key.toString())));
                    }
                } else {
                    unknownFields(property, join(path, propertyName(getter)), found, seen);
                }
            }
        }
    }

    private static List<Method> getters(Class<?> type) {
        return Stream.of(type.getMethods())
            .filter(method -> method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers()) && !method.isDefault())
            .filter(method -> method.getName().startsWith("get") || method.getName().startsWith("is"))
            .filter(method -> method.getDeclaringClass().getPackageName().startsWith("io.fabric8."))
            .sorted(Comparator.comparing(Method::getName))
            .toList();
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + getter + " of " + target, e);
        }
    }

    private static String propertyName(Method getter) {
        var annotation = getter.getAnnotation(JsonProperty.class);
        if (annotation != null && !annotation.value().isEmpty()) {
            return annotation.value();
        }
        String name = getter.getName().substring(getter.getName().startsWith("is") ? 2 : 3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /**
     * The Secrets docs/deployment.md has kubectl create, with their keys: --from-literal=key=…, --from-file=key=…,
     * --from-file=path (the file's name), and tls.crt and tls.key for a TLS Secret.
     */
    private static Map<String, Set<String>> documentedSecrets(String documentation) {
        Map<String, Set<String>> secrets = new TreeMap<>();
        for (String line : documentation.replace("\\\n", " ").split("\n")) {
            Matcher create = CREATE_SECRET.matcher(line);
            if (!create.find()) {
                continue;
            }
            Set<String> keys = secrets.computeIfAbsent(create.group(2), name -> new TreeSet<>());
            if (create.group(1).equals("tls")) {
                keys.addAll(List.of("tls.crt", "tls.key"));
            }
            Matcher literal = FROM_LITERAL.matcher(create.group(3));
            while (literal.find()) {
                keys.add(literal.group(1));
            }
            Matcher file = FROM_FILE.matcher(create.group(3));
            while (file.find()) {
                String source = file.group(1);
                keys.add(source.contains("=") ? source.substring(0, source.indexOf('='))
                    : Path.of(source).getFileName().toString());
            }
        }
        return secrets;
    }

    // The model.

    private static <T extends HasMetadata> List<T> of(Class<T> type) {
        return manifests.stream().map(Manifest::resource).filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> Map<String, T> byName(Class<T> type) {
        Map<String, T> named = new LinkedHashMap<>();
        of(type).forEach(resource -> {
            T previous = named.put(name(resource), resource);
            assertThat(previous).as("two " + type.getSimpleName() + "s named " + name(resource)).isNull();
        });
        return named;
    }

    private static String name(HasMetadata resource) {
        return resource.getMetadata().getName();
    }

    private static List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        Function<Class<? extends HasMetadata>, Stream<Manifest>> manifestsOf =
            type -> manifests.stream().filter(m -> type.isInstance(m.resource()));
        manifestsOf.apply(Deployment.class).forEach(m -> {
            Deployment deployment = (Deployment) m.resource();
            workloads.add(new Workload(m, deployment.getSpec().getSelector(), deployment.getSpec().getTemplate()));
        });
        manifestsOf.apply(StatefulSet.class).forEach(m -> {
            StatefulSet set = (StatefulSet) m.resource();
            workloads.add(new Workload(m, set.getSpec().getSelector(), set.getSpec().getTemplate()));
        });
        manifestsOf.apply(Job.class).forEach(m -> workloads.add(new Workload(m, null, ((Job) m.resource()).getSpec().getTemplate())));
        return workloads;
    }

    private static Map<String, String> matchLabels(LabelSelector selector, String owner, List<String> problems) {
        if (selector == null) {
            problems.add(owner + ": no selector");
            return Map.of();
        }
        if (!selector.getMatchExpressions().isEmpty()) {
            problems.add(owner + ": matchExpressions are not checked here; select by matchLabels");
        }
        return Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of());
    }

    private static List<Workload> selecting(List<Workload> workloads, Map<String, String> selector) {
        return workloads.stream().filter(w -> w.podLabels().entrySet().containsAll(selector.entrySet())).toList();
    }

    private static IntOrString probePort(Probe probe) {
        if (probe.getHttpGet() != null) {
            return probe.getHttpGet().getPort();
        }
        return probe.getTcpSocket() == null ? null : probe.getTcpSocket().getPort();
    }

    private static boolean hasPort(Container container, IntOrString port) {
        return container.getPorts().stream().anyMatch(p -> port.getStrVal() != null
            ? port.getStrVal().equals(p.getName()) : Objects.equals(port.getIntVal(), p.getContainerPort()));
    }

    private static String describe(IntOrString port) {
        return port == null ? "(none)" : port.getStrVal() != null ? port.getStrVal() : String.valueOf(port.getIntVal());
    }

    private static void secretKeys(String secret, List<String> keys, String where, List<String> problems) {
        Set<String> documented = documentedSecrets.get(secret);
        if (documented == null) {
            problems.add(where + ": Secret " + secret + " is not among those docs/deployment.md creates " + documentedSecrets.keySet());
        } else if (!documented.containsAll(keys)) {
            problems.add(where + ": Secret " + secret + " as docs/deployment.md creates it has " + documented + ", not " + keys);
        }
    }

    private static void volumesAreDefined(Workload workload, List<String> problems) {
        Map<String, ConfigMap> configMaps = byName(ConfigMap.class);
        Set<String> claims = byName(PersistentVolumeClaim.class).keySet();
        Set<String> volumes = new TreeSet<>();
        for (Volume volume : workload.pod().getVolumes()) {
            volumes.add(volume.getName());
            String where = workload.manifest() + " volume " + volume.getName();
            if (volume.getConfigMap() != null) {
                ConfigMap configMap = configMaps.get(volume.getConfigMap().getName());
                if (configMap == null || !configMap.getData().keySet().containsAll(keys(volume.getConfigMap().getItems()))) {
                    problems.add(where + ": no ConfigMap " + volume.getConfigMap().getName() + " with its items");
                }
            }
            if (volume.getSecret() != null) {
                secretKeys(volume.getSecret().getSecretName(), keys(volume.getSecret().getItems()), where, problems);
            }
            if (volume.getPersistentVolumeClaim() != null && !claims.contains(volume.getPersistentVolumeClaim().getClaimName())) {
                problems.add(where + ": no PersistentVolumeClaim " + volume.getPersistentVolumeClaim().getClaimName());
            }
        }
        if (workload.manifest().resource() instanceof StatefulSet set) {
            set.getSpec().getVolumeClaimTemplates().forEach(template -> volumes.add(template.getMetadata().getName()));
        }
        for (Container container : workload.allContainers()) {
            for (VolumeMount mount : container.getVolumeMounts()) {
                if (!volumes.contains(mount.getName())) {
                    problems.add(workload.manifest() + " container " + container.getName() + ": mounts " + mount.getName()
                        + ", which is no volume of its pod");
                }
            }
        }
    }

    private static List<String> keys(List<KeyToPath> items) {
        return items == null ? List.of() : items.stream().map(KeyToPath::getKey).toList();
    }

    private static Map<String, String> environment(Container container) {
        Map<String, String> variables = new LinkedHashMap<>();
        container.getEnv().stream().filter(variable -> variable.getValue() != null)
            .forEach(variable -> variables.put(variable.getName(), variable.getValue()));
        return variables;
    }
}
