import TriageCore

/// `<executable> --health-check`: asks this instance, over its own socket, whether it serves.
/// Container health checks run it; the exit status is 0 only for SERVING.
public enum HealthProbe {
    public static func run(configuration: RPCServerConfiguration, timeout: Duration = .seconds(3)) async -> Int32 {
        let logger = Logger(service: configuration.serviceName, logLevel: .warning)
        let channel = ServiceChannel(instanceSocket: configuration.socketPath, logger: logger)
        defer { channel.close() }
        do {
            let response = try await HealthRPC.Client(channel: channel).check(HealthCheckRequest(), options: CallOptions(timeout: timeout))
            let failing = response.dependencies.filter { $0.status != .serving }.map { "\($0.name): \($0.message)" }
            print("\(configuration.serviceName)/\(configuration.instance): \(response.status == .serving ? "SERVING" : "NOT_SERVING")"
                  + (failing.isEmpty ? "" : " (\(failing.joined(separator: "; ")))"))
            return response.status == .serving ? 0 : 1
        } catch {
            print("\(configuration.serviceName)/\(configuration.instance): \(error)")
            return 1
        }
    }
}
