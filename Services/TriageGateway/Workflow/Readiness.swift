import TriageContracts
import TriageCore
import TriageJSON
import TriageRPC

/// `GET /ready`: each service's health (and, through it, each store's). Triage can run as long as
/// session-service serves, because every step is checkpointed there; without customer-service or
/// knowledge-service it runs degraded.
struct Readiness: Sendable {
    struct ServiceState: Sendable {
        let name: String
        let requiredForTriage: Bool
        let serving: Bool
        let detail: String
        let replicas: Int
        let dependencies: [DependencyHealth]
    }

    let downstream: Downstream
    let timeout: Duration

    func check() async -> [ServiceState] {
        await withTaskGroup(of: ServiceState.self) { group in
            for (name, channel, required) in downstream.all {
                group.addTask {
                    let replicas = channel.replicaPaths.count
                    do throws(RPCError) {
                        let health = try await HealthRPC.Client(channel: channel).check(HealthCheckRequest(), options: CallOptions(timeout: timeout))
                        let failing = health.dependencies.filter { $0.status != .serving }.map { "\($0.name): \($0.message)" }
                        return ServiceState(name: name, requiredForTriage: required, serving: health.status == .serving,
                                            detail: failing.joined(separator: "; "), replicas: replicas, dependencies: health.dependencies)
                    } catch {
                        return ServiceState(name: name, requiredForTriage: required, serving: false, detail: error.message,
                                            replicas: replicas, dependencies: [])
                    }
                }
            }
            var states: [ServiceState] = []
            for await state in group { states.append(state) }
            return states.sorted { $0.name < $1.name }
        }
    }

    func response() async -> HTTPResponse {
        let states = await check()
        let canTriage = states.allSatisfy { $0.serving || !$0.requiredForTriage }
        var services = JSONObject()
        for state in states {
            var entry: JSONObject = [
                "status": .string(state.serving ? "serving" : "not_serving"),
                "required": .bool(state.requiredForTriage),
                "replicas": .int(state.replicas),
            ]
            if !state.detail.isEmpty { entry["detail"] = .string(state.detail) }
            if !state.dependencies.isEmpty {
                var dependencies = JSONObject()
                for dependency in state.dependencies {
                    dependencies[dependency.name] = .string(dependency.status == .serving ? "serving" : "not_serving")
                }
                entry["dependencies"] = .object(dependencies)
            }
            services[state.name] = .object(entry)
        }
        let degraded = states.filter { !$0.serving && !$0.requiredForTriage }.map { JSON.string($0.name) }
        let body: JSONObject = [
            "status": .string(canTriage ? (degraded.isEmpty ? "ready" : "degraded") : "not_ready"),
            "services": .object(services),
            "degraded": .array(degraded),
        ]
        return .json(.object(body), status: canTriage ? 200 : 503)
    }
}
