import Embedding
import TriageCore
import TriageEngine
import TriageRPC

/// Everything the service and the `ingest` command are made of, built from the environment.
struct KnowledgeComponents: Sendable {
    let http: QdrantHTTP
    let store: KnowledgeStore
    let bootstrap: CollectionBootstrap
    let embedder: EmbeddingEngine
    let writer: ArticleWriter
    /// `KNOWLEDGE_VECTOR_CACHE`: chunk vectors a search keeps to score candidates itself (0: ask Qdrant).
    let vectorCacheCapacity: Int

    /// Reads the Qdrant settings, loads the embedding model (which can take a second or two), and
    /// prepares the collection set-up without contacting Qdrant yet.
    /// - Throws: `ConfigurationError` for a setting or model file it cannot use.
    static func make(environment: Environment, logger: Logger) async throws -> KnowledgeComponents {
        let settings = try QdrantSettings(environment: environment)
        let perLanguage = try environment.bool("KNOWLEDGE_BM25_PER_LANGUAGE", default: true)
        let vectorCache = try environment.int("KNOWLEDGE_VECTOR_CACHE", default: 20_000, in: 0...1_000_000)
        let embedder: EmbeddingEngine
        do {
            embedder = try await EmbeddingEngine(configuration: EmbeddingConfiguration(environment: environment.values))
        } catch let error as EmbeddingError {
            throw ConfigurationError(key: error.code == .invalidConfiguration ? "TRIAGE_EMBED_MODE" : "TRIAGE_MODEL_DIR", message: error.message)
        }
        let http = QdrantHTTP(settings: settings, logger: logger)
        let client = QdrantClient(http: http)
        let bootstrap = CollectionBootstrap(client: client, modelIdentifier: embedder.modelIdentifier, dimension: embedder.dimension, logger: logger)
        let store = KnowledgeStore(client: client, bootstrap: bootstrap, perLanguageBM25: perLanguage)
        return KnowledgeComponents(http: http, store: store, bootstrap: bootstrap, embedder: embedder,
                                   writer: ArticleWriter(store: store, embedder: embedder), vectorCacheCapacity: vectorCache)
    }

    /// The search, with the triage engine's query expansion on a thread of its own.
    func makeSearch() throws -> KnowledgeSearch {
        let engine: TriageEngine
        do { engine = try TriageEngine(configuration: .default) } catch {
            throw ConfigurationError(key: "triage engine data", message: "\(error)")
        }
        return KnowledgeSearch(store: store, embedder: embedder,
                               expander: QueryExpander(engine: engine, threads: BlockingThreadPool(name: "expansion", threads: 2)),
                               calibration: ScoreCalibration.fitted(for: embedder.mode),
                               vectorCache: vectorCacheCapacity > 0 ? ChunkVectorCache(capacity: vectorCacheCapacity) : nil)
    }

    /// Health probes: Qdrant ready and the collection usable; the model answering.
    var healthChecks: [HealthCheck] {
        let client = store.client, bootstrap = self.bootstrap, embedder = self.embedder
        return [
            HealthCheck(name: "qdrant") {
                if let problem = await client.readiness(timeout: .milliseconds(800)) { return problem }
                do { try await bootstrap.ensureReady(deadline: .now + .milliseconds(800)) } catch { return "\(error)" }
                return nil
            },
            HealthCheck(name: "model") {
                do { _ = try await embedder.embed("health check") } catch { return "\(error)" }
                return nil
            },
        ]
    }
}
