// triage-gateway: the HTTP front, the native RPC front, and the triage workflow behind both.
// Wiring only.

import Foundation
import TriageContracts
import TriageCore
import TriageEngine
import TriageRPC

await ServiceMain.run(serviceName: "triage-gateway") { environment, logger, rpc in
    let http = try HTTPServerConfiguration(environment: environment)
    let workflowConfiguration = try WorkflowConfiguration(environment: environment)
    let engine = try TriageEngine()
    let metrics = Metrics()
    let downstream = try Downstream(environment: environment, logger: logger)
    let calls = DownstreamCalls(downstream, metrics: metrics)
    let workflow = TicketWorkflow(engine: engine, calls: calls, configuration: workflowConfiguration, logger: logger, metrics: metrics)
    let routes = GatewayRoutes(
        workflow: workflow,
        tickets: TicketQueries(calls: calls, timeout: workflowConfiguration.deadline),
        readiness: Readiness(downstream: downstream, timeout: .milliseconds(800)),
        metrics: metrics,
        openAPI: try OpenAPIDocument.load(),
        serverTiming: http.serverTiming)
    let health = HealthService(service: rpc.serviceName, instance: rpc.instance, checks: [
        HealthCheck(name: Downstream.sessionService) {
            downstream.sessions.replicaPaths.isEmpty ? "no session-service replica in \(downstream.sessions.directory)" : nil
        },
    ])
    logger.notice("triage engine loaded", ["engine_version": .string(engine.version)])
    return [
        RPCServer(configuration: rpc, services: [GatewayRPCService(workflow: workflow, calls: calls), health], logger: logger),
        HTTPServer(configuration: http, router: routes.router(), logger: logger, metrics: metrics),
    ]
}
