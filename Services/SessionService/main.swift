// session-service: owns Redis (active ticket sessions).
// Wiring only: configuration, the RPC server and its health service.

import TriageCore
import TriageRPC

await ServiceMain.run(serviceName: "session-service") { environment, logger, rpc in
    let health = HealthService(service: rpc.serviceName, instance: rpc.instance)
    return [RPCServer(configuration: rpc, services: [health], logger: logger)]
}
