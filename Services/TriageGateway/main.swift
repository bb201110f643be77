// triage-gateway: owns the HTTP front and the triage workflow.
// Wiring only: configuration, the RPC server and its health service.

import TriageCore
import TriageRPC

await ServiceMain.run(serviceName: "triage-gateway") { environment, logger, rpc in
    let health = HealthService(service: rpc.serviceName, instance: rpc.instance)
    return [RPCServer(configuration: rpc, services: [health], logger: logger)]
}
