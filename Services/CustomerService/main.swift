// customer-service: owns PostgreSQL (customers, completed conversations, triage decisions).
// Wiring only: the subcommands, then the database, the RPC handler and health.

import TriageCore
import TriageRPC

await CustomerCommands.runIfRequested(Array(CommandLine.arguments.dropFirst()))

await ServiceMain.run(serviceName: "customer-service") { environment, logger, rpc in
    let configuration = try CustomerServiceConfiguration(environment: environment)
    let database = CustomerDatabase(configuration: configuration, logger: logger)
    let health = HealthService(service: rpc.serviceName, instance: rpc.instance, checks: [
        HealthCheck(name: "postgresql") { await database.healthCheck() },
    ])
    let customers = CustomerHandler(database: database)
    return [database, RPCServer(configuration: rpc, services: [customers, health], logger: logger)]
}
