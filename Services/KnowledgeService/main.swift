// knowledge-service: owns Qdrant (the knowledge base) and the embedding model.
// Wiring only: the embedding and ingest subcommands for people and scripts; otherwise
// configuration, the Qdrant client, the RPC server with the Knowledge and Health services.

import Embedding
import Foundation
import TriageCore
import TriageRPC

let arguments = Array(CommandLine.arguments.dropFirst())
let processEnvironment = ProcessInfo.processInfo.environment
if let status = await EmbedCommand.run(arguments, environment: processEnvironment) { exit(status) }
if let status = await IngestCommand.run(arguments, environment: Environment(processEnvironment)) { exit(status) }

await ServiceMain.run(serviceName: "knowledge-service") { environment, logger, rpc in
    let components = try await KnowledgeComponents.make(environment: environment, logger: logger)
    let knowledge = KnowledgeHandler(search: try components.makeSearch(), writer: components.writer)
    let health = HealthService(service: rpc.serviceName, instance: rpc.instance,
                               checks: components.healthChecks)
    logger.info("knowledge base in qdrant", [
        "qdrant": .string(components.http.settings.description), "model": .string(components.embedder.modelIdentifier),
        "embed_threads": LogValue(components.embedder.threads), "bm25_per_language": .bool(components.store.perLanguageBM25),
    ])
    do {
        try await components.bootstrap.ensureReady(deadline: .now + .seconds(3))
    } catch let error as KnowledgeError where error.code == .failedPrecondition {
        throw ConfigurationError(key: "QDRANT_COLLECTION", message: error.message)
    } catch {
        logger.warning("qdrant is not usable yet; the collection is set up once it is", ["error": .string("\(error)")])
    }
    return [components.http, RPCServer(configuration: rpc, services: [knowledge, health], logger: logger)]
}
