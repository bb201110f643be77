// rpc-test-server: serves triage.Echo so the RPC runtime can be tested and benchmarked between
// real processes, with no store behind it.

import TriageContracts
import TriageCore
import TriageRPC

await ServiceMain.run(serviceName: "rpc-test-server") { environment, logger, rpc in
    let peers = ServiceChannel(service: "rpc-test-server", socketDirectory: rpc.socketDirectory, logger: logger)
    let echo = EchoHandler(instance: rpc.instance, peers: EchoRPC.Client(channel: peers),
                           teardownMillis: try environment.int("RPC_TEST_TEARDOWN_MS", default: 0, in: 0...10_000))
    let health = HealthService(service: rpc.serviceName, instance: rpc.instance)
    return [RPCServer(configuration: rpc, services: [echo, health], logger: logger)]
}
