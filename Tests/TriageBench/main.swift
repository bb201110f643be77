// triage-bench: the benchmarks behind docs/benchmarks.md.
//   swift run -c release triage-bench <suite> [options]
// Each suite lives in its own file and registers one entry here.

import Foundation

let suites: [(name: String, summary: String, run: @Sendable ([String]) async throws -> Void)] = [
    ("gateway", "end-to-end POST /api/triage at 1, 16, 64 clients (--seconds, --mode static|transformer, --clients, --rate, --arrivals poisson, --redis-fsync)", GatewayBench.run),
    ("rpc", "RPC runtime: empty and 16 KiB Echo at 1, 16, 64 in flight", RPCBench.run),
    ("session", "session-service: Create/Get/Append/Update at 1 and 16 in flight, appendfsync always and everysec", SessionBench.run),
    ("embed", "embedding engine: latency, throughput, GEMM floor, numpy reference", EmbedBench.run),
    ("customer", "customer-service: GetCustomer and a 10-message SaveConversation at 1 and 16 in flight", CustomerBench.run),
    ("knowledge", "knowledge-service: Search latency and throughput, ingest, recall@3, 1k/10k/100k chunks, both embedding modes", KnowledgeBench.run),
    ("engine", "triage engine p50/p99 per ticket (1 and 10 messages), single thread", EngineBench.run),
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let suite = suites.first(where: { $0.name == name }) else {
    var usage = "usage: triage-bench <suite> [options]\n\nsuites:\n"
    for suite in suites { usage += "  \(suite.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(suite.summary)\n" }
    FileHandle.standardError.write(Data(usage.utf8))
    exit(2)
}
do {
    try await suite.run(Array(arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("triage-bench \(name): \(error)\n".utf8))
    exit(1)
}
