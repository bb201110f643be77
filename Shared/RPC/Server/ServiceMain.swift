#if canImport(Glibc)
import Glibc
#endif
import TriageCore

/// The start-up every Triage executable shares: answers `--health-check`, reads the RPC settings,
/// runs the services until SIGTERM/SIGINT, and exits with a clear one-line reason on failure
/// (status 78 for bad configuration, 1 for anything else).
public enum ServiceMain {
    public static func run(
        serviceName: String,
        arguments: [String] = Array(CommandLine.arguments.dropFirst()),
        environment: Environment = .process,
        makeServices: (_ environment: Environment, _ logger: Logger, _ rpc: RPCServerConfiguration) async throws -> [any Service]
    ) async -> Never {
        signal(SIGPIPE, SIG_IGN)
        let logger: Logger
        let rpc: RPCServerConfiguration
        do {
            logger = try Logger(service: serviceName, environment: environment)
            rpc = try RPCServerConfiguration(serviceName: serviceName, environment: environment)
        } catch {
            fail(serviceName, "\(error)", status: 78)
        }
        if arguments.first == "--health-check" {
            exit(await HealthProbe.run(configuration: rpc))
        }
        if let unknown = arguments.first {
            fail(serviceName, "unknown argument '\(unknown)'", status: 64)
        }
        do {
            // The group is the services' only owner, so they are freed when it ends, in a debug build as
            // in a release one (a local would keep them alive to `exit` in debug only).
            try await ServiceGroup(services: try await makeServices(environment, logger, rpc),
                                   shutdownTimeout: rpc.drainTimeout + .seconds(5), logger: logger).run()
            LogSink.standardError.flush()
            exit(0)
        } catch let error as ConfigurationError {
            logger.critical("cannot start", ["error": .string(error.description)])
            LogSink.standardError.flush()
            exit(78)
        } catch {
            logger.critical("stopped with an error", ["error": .string(String(describing: error))])
            LogSink.standardError.flush()
            exit(1)
        }
    }

    private static func fail(_ service: String, _ message: String, status: Int32) -> Never {
        let line = "\(service): \(message)\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
        exit(status)
    }
}
