// triage-gateway: the HTTP front and the triage workflow.
// Wiring only: configuration, the HTTP server, the RPC server and its health service.

import TriageCore
import TriageRPC

await ServiceMain.run(serviceName: "triage-gateway") { environment, logger, rpc in
    let http = try HTTPServerConfiguration(environment: environment)
    let metrics = Metrics()
    var router = HTTPRouter()
    router.add("GET", "/health") { _, _ in .json(.object(["status": "healthy"])) }
    router.add("GET", "/metrics") { _, _ in .text(metrics.exposition(), contentType: "text/plain; version=0.0.4; charset=utf-8") }
    let health = HealthService(service: rpc.serviceName, instance: rpc.instance)
    return [
        RPCServer(configuration: rpc, services: [health], logger: logger),
        HTTPServer(configuration: http, router: router, logger: logger, metrics: metrics),
    ]
}
