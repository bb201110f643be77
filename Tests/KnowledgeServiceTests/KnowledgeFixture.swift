import Foundation
import TestSupport
import TriageContracts
import TriageCore
import TriageRPC

/// One knowledge-service process over a real socket, against a real Qdrant store: the stand-in that
/// `deploy/local/test.sh` started (with a collection of its own, so tests never see each other's
/// points), or a private ``QdrantStandin`` for tests that stop, kill or empty Qdrant. Without a shared
/// store in the environment every fixture gets a private one: nothing is ever skipped.
final class KnowledgeFixture: @unchecked Sendable {
    let directory: String
    let qdrant: QdrantStandin.Endpoint
    /// Set when this fixture owns its Qdrant.
    let server: QdrantStandin?
    let collection: String
    let mode: String
    /// What the service (and `ingest`) run with.
    let environment: [String: String]
    let service: ServiceProcess
    let channel: ServiceChannel
    let client: KnowledgeRPC.Client

    init(mode: String = "static", privateQdrant: Bool = false, collection: String? = nil,
         environment extra: [String: String] = [:]) async throws {
        directory = try TestPaths.makeTemporaryDirectory("know")
        if !privateQdrant, let shared = QdrantStandin.Endpoint.fromEnvironment {
            server = nil
            qdrant = shared
        } else {
            let server = try await QdrantStandin()
            self.server = server
            qdrant = server.endpoint
        }
        self.mode = mode
        self.collection = collection ?? "t_\(UUID().uuidString.prefix(8).lowercased())_\(mode)"
        var environment = qdrant.environment
        environment["QDRANT_COLLECTION"] = self.collection
        environment["TRIAGE_EMBED_MODE"] = mode
        environment["TRIAGE_LOG_LEVEL"] = "info"
        for (key, value) in extra { environment[key] = value }
        self.environment = environment
        service = try await ServiceProcess.startRPCService("knowledge-service", instance: "a", socketDirectory: directory,
                                                           environment: environment, timeout: .seconds(90))
        channel = ServiceChannel(service: "knowledge-service", socketDirectory: directory, logger: Logger(service: "test", logLevel: .critical))
        client = KnowledgeRPC.Client(channel: channel)
    }

    /// Runs `knowledge-service ingest ARGS… DIR` with the service's environment; its exit status and output.
    func ingest(_ kbDirectory: String = KnowledgeFixture.demoKB, arguments: [String] = []) async throws -> (status: Int32, output: String) {
        let process = try ServiceProcess("knowledge-service", name: "ingest", arguments: ["ingest"] + arguments + [kbDirectory],
                                         environment: environment, logDirectory: directory)
        let status = try await process.waitForExit(timeout: .seconds(600))
        return (status, process.log)
    }

    /// Every stored chunk of an article, read from Qdrant directly: (chunk index, content hash, ingested at).
    func storedChunks(article: String) async throws -> [(chunk: Int, hash: String, ingestedAt: Int64)] {
        let body = #"{"filter":{"must":[{"key":"article_id","match":{"value":"\#(article)"}}]},"limit":1000,"with_payload":["chunk","content_hash","ingested_at"]}"#
        let result = try await qdrant.result("POST", "/collections/\(collection)/points/scroll", json: body) as? [String: Any]
        let points = result?["points"] as? [[String: Any]] ?? []
        return points.compactMap { point in
            guard let payload = point["payload"] as? [String: Any], let chunk = number(payload["chunk"]) else { return nil }
            return (Int(chunk), payload["content_hash"] as? String ?? "", Int64(number(payload["ingested_at"]) ?? 0))
        }.sorted { $0.chunk < $1.chunk }
    }

    /// The number of points in the collection (chunks and the collection's own record).
    func pointCount() async throws -> Int {
        let result = try await qdrant.result("POST", "/collections/\(collection)/points/count", json: #"{"exact":true}"#) as? [String: Any]
        return number(result?["count"]).map { Int($0) } ?? -1
    }

    func shutdown() async {
        channel.close()
        await service.stop()
        if server == nil { _ = try? await qdrant.request("DELETE", "/collections/\(collection)") }
        if let server { await server.stop() }
    }

    static var demoKB: String { "\(TestPaths.repositoryRoot)/deploy/demo/kb" }
}
