// knowledge-service: owns Qdrant (the knowledge base) and the embedding model.
// Wiring only: the embedding subcommands (EmbedCommand.swift) for people and scripts; otherwise
// configuration, the RPC server and its health service.

import Foundation
import TriageCore
import TriageRPC

if let status = await EmbedCommand.run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment) {
    exit(status)
}

await ServiceMain.run(serviceName: "knowledge-service") { environment, logger, rpc in
    let health = HealthService(service: rpc.serviceName, instance: rpc.instance)
    return [RPCServer(configuration: rpc, services: [health], logger: logger)]
}
