import Testing
import TriageCore
import TriageJSON
import TriageRPC
@testable import KnowledgeService

@Suite("Qdrant settings and error mapping")
struct SettingsTests {
    @Test func defaultsAndOverrides() throws {
        let defaults = try QdrantSettings(environment: Environment([:]))
        #expect(defaults.baseURL == "http://qdrant:6333" && defaults.collection == "kb" && defaults.apiKey == nil && defaults.poolSize == 4)
        let custom = try QdrantSettings(environment: Environment([
            "QDRANT_HOST": "127.0.0.1", "QDRANT_PORT": "7000", "QDRANT_API_KEY": "secret", "QDRANT_COLLECTION": "kb_v2",
            "QDRANT_SHARD_NUMBER": "4", "QDRANT_REPLICATION_FACTOR": "2", "QDRANT_WRITE_CONSISTENCY_FACTOR": "2",
            "QDRANT_READ_CONSISTENCY": "Majority", "QDRANT_WRITE_ORDERING": "strong", "QDRANT_READ_TIMEOUT_MS": "250",
        ]))
        #expect(custom.baseURL == "http://127.0.0.1:7000" && custom.collection == "kb_v2" && custom.readTimeout == .milliseconds(250))
        #expect(custom.shardNumber == 4 && custom.replicationFactor == 2 && custom.writeConsistencyFactor == 2)
        #expect(custom.readConsistency == "majority" && custom.writeOrdering == "strong")
        #expect(!custom.description.contains("secret") && custom.description.contains("api key set"))
        let body = CollectionLayout.createBody(dimension: 384, settings: custom).serializedString()
        #expect(body == #"{"vectors":{"dense":{"size":384,"distance":"Cosine"}},"sparse_vectors":{"bm25":{"modifier":"idf"}},"shard_number":4,"replication_factor":2,"write_consistency_factor":2}"#)
        let url = try QdrantSettings(environment: Environment(["QDRANT_URL": "https://q.example:6333/", "QDRANT_HOST": "ignored"]))
        #expect(url.baseURL == "https://q.example:6333")
    }

    @Test func refusesBadValues() {
        for (key, value) in [("QDRANT_PORT", "0"), ("QDRANT_COLLECTION", "a/b"), ("QDRANT_URL", "ftp://x"), ("QDRANT_READ_CONSISTENCY", "some"),
                             ("QDRANT_WRITE_ORDERING", "fast"), ("QDRANT_POOL_SIZE", "0"), ("QDRANT_CONNECT_TIMEOUT_MS", "1")] {
            #expect(throws: ConfigurationError.self, "\(key)=\(value)") { try QdrantSettings(environment: Environment([key: value])) }
        }
    }

    @Test func statusCodesMapToRPCCodes() {
        let cases: [(Int, RPCError.Code)] = [(400, .invalidArgument), (422, .invalidArgument), (404, .notFound), (409, .alreadyExists),
                                             (429, .resourceExhausted), (500, .unavailable), (503, .unavailable), (401, .unavailable)]
        for (status, code) in cases { #expect(QdrantError.fromStatus(status, serverMessage: "x").rpcError.code == code, "\(status)") }
        #expect(QdrantHTTP.errorText(Array(#"{"status":{"error":"Wrong input: bad"},"time":0}"#.utf8)) == "Wrong input: bad")
        #expect(QdrantHTTP.errorText(Array("Must provide an API key\n".utf8)) == "Must provide an API key")
    }

    @Test func anExistingCollectionIsChecked() throws {
        let good = try JSONParser.parse(#"{"config":{"params":{"vectors":{"dense":{"size":384,"distance":"Cosine"}},"sparse_vectors":{"bm25":{"modifier":"idf"}}}}}"#)
        #expect(CollectionLayout.problem(with: good, dimension: 384) == nil)
        let small = try JSONParser.parse(#"{"config":{"params":{"vectors":{"dense":{"size":10,"distance":"Cosine"}},"sparse_vectors":{"bm25":{"modifier":"idf"}}}}}"#)
        #expect(CollectionLayout.problem(with: small, dimension: 384)?.contains("10 dimensions") == true)
        let unnamed = try JSONParser.parse(#"{"config":{"params":{"vectors":{"size":384,"distance":"Cosine"}}}}"#)
        #expect(CollectionLayout.problem(with: unnamed, dimension: 384) != nil)
    }
}
