// customer-service: owns PostgreSQL (customers, completed conversations).
// Wiring only: configuration, the RPC server and its health service.

import TriageCore
import TriageRPC

await ServiceMain.run(serviceName: "customer-service") { environment, logger, rpc in
    let health = HealthService(service: rpc.serviceName, instance: rpc.instance)
    return [RPCServer(configuration: rpc, services: [health], logger: logger)]
}
